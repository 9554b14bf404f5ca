using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Firmware.Protocol.Messages;

namespace NeuroDeploy.Runtime.Simulator.Board;

/// <summary>
/// The firmware side of the board protocol, backed by the chip model. It writes a flash into
/// a staging buffer and activates the image only after its SHA-256 verifies and it parses,
/// so the previous image stays active until then and no run uses a partial image.
/// All members are thread-safe; every transport of one board shares one instance.
/// </summary>
public sealed class VirtualBoard
{
    /// <summary>Image schema version this firmware runs.</summary>
    public const uint SupportedSchemaVersion = 1;

    private const int MaxRunValues = 1 << 26;

    private readonly Lock _lock = new();
    private readonly VirtualBoardOptions _options;
    private ActiveImage? _active;
    private Staging? _staging;
    private int _runsInProgress;
    private long _runsCompleted;
    private long _flashBegins;

    public VirtualBoard(VirtualBoardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        DeviceInfo = new DeviceInfo
        {
            Name = options.DeviceName,
            ProfileName = options.Profile,
            FirmwareVersion = options.FirmwareVersion,
            MaxChunkSize = (uint)options.MaxChunkSize,
            SerialNumber = options.SerialNumber,
            MaxImageSize = (ulong)options.MaxImageSize,
        };
    }

    public VirtualBoardOptions Options => _options;

    public DeviceInfo DeviceInfo { get; }

    /// <summary>Runs that completed on this board.</summary>
    public long RunsCompleted => Interlocked.Read(ref _runsCompleted);

    /// <summary>FlashBegin requests this board accepted, new and resumed flashes alike.</summary>
    public long FlashBegins => Interlocked.Read(ref _flashBegins);

    /// <summary>Answers a handshake, or rejects a host whose protocol version differs.</summary>
    public HelloReply Handshake(Hello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        if (hello.ProtocolVersion != _options.ProtocolVersion)
        {
            throw new BoardException(
                ErrorCode.VersionMismatch,
                Invariant($"Protocol version mismatch: the host speaks version {hello.ProtocolVersion}, this board speaks version {_options.ProtocolVersion}. Update the host or the board firmware so both use the same version."));
        }

        return new HelloReply
        {
            ProtocolVersion = _options.ProtocolVersion,
            Capabilities = { "flash-resume", "dense-input", "sparse-input", "trace", "telemetry", "set-encoder", "features-input" },
            Device = DeviceInfo.Clone(),
        };
    }

    /// <summary>
    /// Starts a flash, or resumes the unfinished one when size and SHA-256 match. Rejects an
    /// image for another profile before any chunk is sent.
    /// </summary>
    public FlashBeginReply BeginFlash(FlashBegin begin)
    {
        ArgumentNullException.ThrowIfNull(begin);
        if (!string.Equals(begin.ProfileName, _options.Profile, StringComparison.Ordinal))
        {
            throw ProfileMismatch(begin.ProfileName);
        }

        if (begin.Sha256.Length != 32)
        {
            throw new BoardException(ErrorCode.Malformed, Invariant($"Flash begin carries a {begin.Sha256.Length}-byte digest; a SHA-256 digest has 32 bytes."));
        }

        if (begin.ImageSize == 0 || begin.ImageSize > (ulong)_options.MaxImageSize)
        {
            throw new BoardException(ErrorCode.TooLarge, Invariant($"Image size {begin.ImageSize} bytes is invalid; this board stores 1 to {_options.MaxImageSize} bytes."));
        }

        if (begin.ChunkSize == 0 || begin.ChunkSize > (uint)_options.MaxChunkSize)
        {
            throw new BoardException(ErrorCode.Malformed, Invariant($"Chunk size {begin.ChunkSize} is invalid; this board accepts 1 to {_options.MaxChunkSize} bytes per chunk."));
        }

        Interlocked.Increment(ref _flashBegins);
        lock (_lock)
        {
            var digest = begin.Sha256.ToByteArray();
            if (_staging is { } staging && staging.Size == (long)begin.ImageSize && staging.Sha256.AsSpan().SequenceEqual(digest))
            {
                staging.ChunkSize = (int)begin.ChunkSize;
                return new FlashBeginReply { ResumeOffset = (ulong)staging.Received, ChunkSize = begin.ChunkSize };
            }

            _staging = new Staging(digest, (long)begin.ImageSize, (int)begin.ChunkSize);
            return new FlashBeginReply { ResumeOffset = 0, ChunkSize = begin.ChunkSize };
        }
    }

    /// <summary>Writes one chunk, which must start where the previous one ended.</summary>
    public FlashChunkAck WriteChunk(FlashChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        lock (_lock)
        {
            var staging = _staging ?? throw new BoardException(ErrorCode.NotFlashing, "No flash in progress; send FlashBegin before the chunks.");
            if (chunk.Offset != (ulong)staging.Received)
            {
                throw new BoardException(
                    ErrorCode.BadChunkOffset,
                    Invariant($"Chunk at offset {chunk.Offset} is out of order; the board has {staging.Received} bytes, so send the chunk at offset {staging.Received}."));
            }

            if (chunk.Data.Length == 0 || chunk.Data.Length > staging.ChunkSize)
            {
                throw new BoardException(ErrorCode.Malformed, Invariant($"Chunk of {chunk.Data.Length} bytes is invalid; send 1 to {staging.ChunkSize} bytes per chunk."));
            }

            if (staging.Received + chunk.Data.Length > staging.Size)
            {
                throw new BoardException(
                    ErrorCode.BadChunkOffset,
                    Invariant($"Chunk of {chunk.Data.Length} bytes at offset {chunk.Offset} runs past the image size of {staging.Size} bytes."));
            }

            staging.Append(chunk.Data.Span);
            return new FlashChunkAck { NextOffset = (ulong)staging.Received };
        }
    }

    /// <summary>
    /// Verifies and activates the staged image. On any failure the staging buffer is dropped
    /// and the previous image stays active.
    /// </summary>
    public BoardStatus EndFlash()
    {
        lock (_lock)
        {
            var staging = _staging ?? throw new BoardException(ErrorCode.NotFlashing, "No flash in progress; send FlashBegin and the chunks before FlashEnd.");
            if (staging.Received != staging.Size)
            {
                throw new BoardException(
                    ErrorCode.BadChunkOffset,
                    Invariant($"Flash is incomplete: the board has {staging.Received} of {staging.Size} bytes; send the chunk at offset {staging.Received}."));
            }

            if (_runsInProgress > 0)
            {
                throw new BoardException(ErrorCode.Busy, "A run is in progress; send FlashEnd again after it completes.");
            }

            _staging = null;
            var actual = SHA256.HashData(staging.Bytes);
            if (!actual.AsSpan().SequenceEqual(staging.Sha256))
            {
                throw new BoardException(
                    ErrorCode.DigestMismatch,
                    Invariant($"Image SHA-256 mismatch: expected {Convert.ToHexStringLower(staging.Sha256)}, received bytes give {Convert.ToHexStringLower(actual)}. The previous image stays active; flash again."));
            }

            var image = ParseImage(staging.Bytes);
            Chip chip;
            try
            {
                chip = new Chip(image);
            }
            catch (Exception error) when (IsLoadFailure(error))
            {
                // The chip loader reports most bad images as InvalidDataException, but an image
                // with inconsistent indices can fail deeper; any such failure rejects the image.
                throw new BoardException(ErrorCode.InvalidImage, "The image does not load on the chip: " + error.Message + " The previous image stays active.", error);
            }

            _active = new ActiveImage(actual, staging.Size, image, chip);
            return StatusLocked();
        }
    }

    /// <summary>
    /// Replaces the encoder program of the active image without re-flashing the network. The request's
    /// <c>network_digest</c> must equal the active image's, and the image with the new program must load on the
    /// chip. The digests are sealed again, so <c>active_sha256</c> becomes the SHA-256 of the re-serialized image.
    /// On any failure the previous program stays active.
    /// </summary>
    public BoardStatus SetEncoder(SetEncoder request)
    {
        ArgumentNullException.ThrowIfNull(request);
        EncoderProgram program;
        try
        {
            program = EncoderProgram.Parser.ParseFrom(request.Program);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new BoardException(ErrorCode.InvalidImage, "The encoder program is not a valid EncoderProgram message: " + error.Message + " The previous program stays active.", error);
        }

        lock (_lock)
        {
            var active = _active ?? throw NoImage();
            if (_runsInProgress > 0)
            {
                throw new BoardException(ErrorCode.Busy, "A run is in progress; send SetEncoder again after it completes.");
            }

            if (!request.NetworkDigest.Span.SequenceEqual(active.Image.NetworkDigest.Span))
            {
                throw new BoardException(
                    ErrorCode.InvalidImage,
                    Invariant($"The encoder program is built for network {Convert.ToHexStringLower(request.NetworkDigest.Span)}, but the active image's network_digest is {Convert.ToHexStringLower(active.Image.NetworkDigest.Span)}. Flash the image for that network, or build the program for the active one. The previous program stays active."));
            }

            var replaced = ReplaceEncoder(active.Image, program);
            var bytes = replaced.Image.ToByteArray();
            _active = new ActiveImage(SHA256.HashData(bytes), bytes.Length, replaced.Image, replaced.Chip);
            return StatusLocked();
        }
    }

    /// <summary>Returns the board state and the SHA-256 of the active image.</summary>
    public BoardStatus GetStatus()
    {
        lock (_lock)
        {
            return StatusLocked();
        }
    }

    /// <summary>Resets the network state. Every run starts from the reset state, so only a pending run is affected.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            if (_active is null)
            {
                throw NoImage();
            }
        }
    }

    /// <summary>Checks a run request against the active image before its input is sent.</summary>
    public void ValidateRun(Start start)
    {
        ArgumentNullException.ThrowIfNull(start);
        ActiveImage active;
        lock (_lock)
        {
            active = _active ?? throw NoImage();
        }

        if (start.Features)
        {
            ValidateFeaturesRun(start, active.Image);
        }
        else
        {
            var channels = active.Image.Input?.Channels ?? 0;
            if (start.Channels != channels)
            {
                throw new BoardException(ErrorCode.InvalidInput, Invariant($"Input has {start.Channels} channels, but the active image expects {channels}."));
            }
        }

        if (start.Steps == 0 || (long)start.Steps * start.Channels > MaxRunValues)
        {
            throw new BoardException(
                ErrorCode.InvalidInput,
                Invariant($"Run of {start.Steps} steps x {start.Channels} channels is invalid; use 1 or more steps and at most {MaxRunValues} values per run."));
        }

        foreach (var population in start.Record)
        {
            if (population >= active.Image.Populations.Count)
            {
                throw new BoardException(
                    ErrorCode.InvalidInput,
                    Invariant($"Cannot record population {population}: the active image has {active.Image.Populations.Count} populations."));
            }
        }
    }

    /// <summary>Runs one sample on the active image and returns the events to send back, in order.</summary>
    public IReadOnlyList<RunEvent> Run(Start start, ChipInput input)
    {
        ValidateRun(start);
        ActiveImage active;
        lock (_lock)
        {
            active = _active ?? throw NoImage();
            _runsInProgress++;
        }

        try
        {
            var record = start.Record.Select(p => (int)p).ToArray();
            ChipRunResult result;
            try
            {
                result = active.Chip.Run(input, record.Length == 0 ? null : record);
            }
            catch (ArgumentException error)
            {
                // The chip rejects input values the request checks above cannot see, such as a
                // negative spike count for an image without graded input.
                throw new BoardException(ErrorCode.InvalidInput, "Invalid input: " + error.Message, error);
            }
            catch (Exception error) when (error is NotSupportedException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
            {
                throw new BoardException(ErrorCode.Internal, "The run failed on the board: " + error.Message, error);
            }

            Interlocked.Increment(ref _runsCompleted);
            return RunEvents.FromResult(result);
        }
        finally
        {
            lock (_lock)
            {
                _runsInProgress--;
            }
        }
    }

    /// <summary>Builds a copy of <paramref name="image"/> with <paramref name="program"/> and sealed digests, and its chip.</summary>
    private static (NeuroImage Image, Chip Chip) ReplaceEncoder(NeuroImage image, EncoderProgram program)
    {
        // The chip checks the program against the input format and channels but not the step count, which is
        // part of the network digest, so a program with another step count is rejected here.
        if (image.Input is { Steps: not 0 } input && program.Samples != input.Steps)
        {
            throw new BoardException(
                ErrorCode.InvalidImage,
                Invariant($"Encoder program '{program.Spec}' emits {program.Samples} steps per sample, but the active image's input map states {input.Steps}. Build the program with steps={input.Steps}. The previous program stays active."));
        }

        var replaced = image.Clone();
        replaced.Encoder = program;
        ImageDigest.Seal(replaced);
        try
        {
            return (replaced, new Chip(replaced));
        }
        catch (Exception error) when (IsLoadFailure(error))
        {
            throw new BoardException(ErrorCode.InvalidImage, "The encoder program does not load on the active network: " + error.Message + " The previous program stays active.", error);
        }
    }

    private static void ValidateFeaturesRun(Start start, NeuroImage image)
    {
        if (image.Encoder is null)
        {
            throw new BoardException(
                ErrorCode.InvalidInput,
                "The run sends features, but the active image has no encoder program. Send SetEncoder first, or encode the features on the host and send input rows.");
        }

        var features = (image.Input?.Channels ?? 0) / 3;
        if (start.Steps != 1 || start.Channels != features)
        {
            throw new BoardException(
                ErrorCode.InvalidInput,
                Invariant($"A features run has 1 step and one channel per feature, but the request has {start.Steps} steps x {start.Channels} channels; the active encoder program takes {features} features."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static bool IsLoadFailure(Exception error) =>
        error is InvalidDataException or IndexOutOfRangeException or ArgumentException or OverflowException
            or InvalidOperationException or NotSupportedException or NullReferenceException or OutOfMemoryException;

    private static BoardException NoImage() =>
        new(ErrorCode.NoImage, "No image is active on the board; flash one first.");

    private BoardException ProfileMismatch(string imageProfile) =>
        new(
            ErrorCode.ProfileMismatch,
            Invariant($"Profile mismatch: the image is compiled for profile \"{imageProfile}\", this board implements \"{_options.Profile}\". Compile the network for \"{_options.Profile}\" or use a matching board."));

    private NeuroImage ParseImage(ReadOnlySpan<byte> bytes)
    {
        NeuroImage image;
        try
        {
            image = NeuroImage.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new BoardException(ErrorCode.InvalidImage, "The flashed bytes are not a valid image: " + error.Message + " The previous image stays active.", error);
        }

        if (image.SchemaVersion != SupportedSchemaVersion)
        {
            throw new BoardException(
                ErrorCode.InvalidImage,
                Invariant($"Image schema version {image.SchemaVersion} is not supported; this firmware runs version {SupportedSchemaVersion}. Recompile the network or update the firmware."));
        }

        var profile = image.Profile?.Name ?? string.Empty;
        if (!string.Equals(profile, _options.Profile, StringComparison.Ordinal))
        {
            throw ProfileMismatch(profile);
        }

        if (!image.Digest.IsEmpty)
        {
            var withoutDigest = image.Clone();
            withoutDigest.Digest = ByteString.Empty;
            var computed = SHA256.HashData(withoutDigest.ToByteArray());
            if (!computed.AsSpan().SequenceEqual(image.Digest.Span))
            {
                throw new BoardException(
                    ErrorCode.DigestMismatch,
                    Invariant($"The image's own digest {Convert.ToHexStringLower(image.Digest.Span)} does not match its contents ({Convert.ToHexStringLower(computed)}); the image is corrupt. The previous image stays active."));
            }
        }

        return image;
    }

    private BoardStatus StatusLocked()
    {
        var status = new BoardStatus
        {
            State = _staging is not null ? BoardState.Flashing
                : _runsInProgress > 0 ? BoardState.Running
                : _active is not null ? BoardState.Ready
                : BoardState.NoImage,
        };
        if (_active is { } active)
        {
            status.ActiveSha256 = ByteString.CopyFrom(active.Sha256);
            status.ActiveSize = (ulong)active.Size;
        }

        if (_staging is { } staging)
        {
            status.StagingOffset = (ulong)staging.Received;
            status.StagingSha256 = ByteString.CopyFrom(staging.Sha256);
        }

        return status;
    }

    private sealed record ActiveImage(byte[] Sha256, long Size, NeuroImage Image, Chip Chip);

    /// <summary>
    /// An unfinished flash. The buffer grows with the chunks received (doubling, capped at
    /// <see cref="Size"/>), so a FlashBegin that declares a large image costs no memory until
    /// its bytes arrive.
    /// </summary>
    private sealed class Staging(byte[] sha256, long size, int chunkSize)
    {
        private byte[] _buffer = new byte[Math.Min(size, 64 * 1024)];

        public byte[] Sha256 { get; } = sha256;

        public long Size { get; } = size;

        public long Received { get; private set; }

        public int ChunkSize { get; set; } = chunkSize;

        /// <summary>The bytes received so far.</summary>
        public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, (int)Received);

        public void Append(ReadOnlySpan<byte> data)
        {
            var end = Received + data.Length;
            if (end > _buffer.Length)
            {
                Array.Resize(ref _buffer, (int)Math.Min(Size, Math.Max(end, (long)_buffer.Length * 2)));
            }

            data.CopyTo(_buffer.AsSpan((int)Received));
            Received = end;
        }
    }
}
