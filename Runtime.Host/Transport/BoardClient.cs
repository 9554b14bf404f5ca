using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Firmware.Protocol.Messages;
using NeuroDeploy.Runtime.Host.Targets;
using NeuroDeploy.Runtime.Simulator;
using NeuroDeploy.Runtime.Simulator.Board;

namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>
/// The host side of the board protocol over any <see cref="IBoardConnection"/>: handshake,
/// flashing with every chunk acknowledged, runs, reset. Requests time out per
/// <see cref="BoardClientOptions"/>.
/// </summary>
public sealed class BoardClient : IAsyncDisposable
{
    private readonly IBoardConnection _connection;
    private readonly BoardClientOptions _options;

    private BoardClient(IBoardConnection connection, BoardClientOptions options, HelloReply hello)
    {
        _connection = connection;
        _options = options;
        Device = hello.Device ?? new DeviceInfo();
        ProtocolVersion = hello.ProtocolVersion;
        Capabilities = [.. hello.Capabilities];
    }

    public DeviceInfo Device { get; }

    /// <summary>Protocol version the board reported.</summary>
    public uint ProtocolVersion { get; }

    public IReadOnlyList<string> Capabilities { get; }

    public IBoardConnection Connection => _connection;

    /// <summary>Performs the handshake; the client owns <paramref name="connection"/> afterwards, and disposes it on failure.</summary>
    public static async Task<BoardClient> ConnectAsync(IBoardConnection connection, BoardClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var hello = new Hello { ProtocolVersion = options.ProtocolVersion, Host = "neurodeploy " + typeof(BoardClient).Assembly.GetName().Version };
            var reply = await WithTimeoutAsync(
                options.RequestTimeout,
                "handshake",
                token => connection.HandshakeAsync(hello, token),
                cancellationToken).ConfigureAwait(false);
            if (reply.ProtocolVersion != options.ProtocolVersion)
            {
                throw new BoardException(
                    ErrorCode.VersionMismatch,
                    Invariant($"Protocol version mismatch: the host speaks version {options.ProtocolVersion}, the board answered with version {reply.ProtocolVersion}. Update the host or the board firmware so both use the same version."));
            }

            return new BoardClient(connection, options, reply);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Flashes an image: checks locally that it parses, sends it in acknowledged chunks
    /// (resuming where an interrupted flash of the same image stopped), and returns the
    /// board's status once the board verified and activated it.
    /// </summary>
    public Task<BoardStatus> FlashAsync(ReadOnlyMemory<byte> image, IProgress<FlashProgress>? progress, CancellationToken cancellationToken)
    {
        NeuroImage parsed;
        try
        {
            parsed = NeuroImage.Parser.ParseFrom(image.Span);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new InvalidDataException("The image is not a valid NeuroImage (" + error.Message + "); compile the network again with `neurodeploy compile`.", error);
        }

        return FlashUncheckedAsync(image, SHA256.HashData(image.Span), parsed.Profile?.Name ?? string.Empty, progress, cancellationToken);
    }

    /// <summary>
    /// Flashes bytes without checking them on the host, declaring <paramref name="sha256"/> and
    /// <paramref name="profileName"/>; for testing the board's own checks.
    /// </summary>
    public async Task<BoardStatus> FlashUncheckedAsync(
        ReadOnlyMemory<byte> image,
        byte[] sha256,
        string profileName,
        IProgress<FlashProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var chunkSize = (int)Math.Min(Math.Min(Device.MaxChunkSize, (uint)_options.MaxChunkSize), (uint)BoardProtocol.DefaultMaxChunkSize * 2);
        if (chunkSize <= 0)
        {
            throw new InvalidOperationException("The board reports a max chunk size of 0; its firmware is misconfigured.");
        }

        var begin = new FlashBegin
        {
            ImageSize = (ulong)image.Length,
            Sha256 = ByteString.CopyFrom(sha256),
            ChunkSize = (uint)chunkSize,
            ProfileName = profileName,
        };
        var reply = await WithTimeoutAsync(_options.RequestTimeout, "flash begin", token => _connection.BeginFlashAsync(begin, token), cancellationToken).ConfigureAwait(false);
        if (reply.ResumeOffset > (ulong)image.Length)
        {
            throw new InvalidDataException(Invariant($"The board asked to resume at offset {reply.ResumeOffset}, past the image size of {image.Length} bytes."));
        }

        var offset = (long)reply.ResumeOffset;
        progress?.Report(new FlashProgress(offset, image.Length));
        await SendChunksAsync(image, offset, chunkSize, progress, cancellationToken).ConfigureAwait(false);

        var status = await WithTimeoutAsync(_options.RequestTimeout, "flash end", _connection.EndFlashAsync, cancellationToken).ConfigureAwait(false);
        if (!status.ActiveSha256.Span.SequenceEqual(sha256))
        {
            throw new InvalidDataException(Invariant($"After the flash the board's active image is {Convert.ToHexStringLower(status.ActiveSha256.Span)}, not the flashed {Convert.ToHexStringLower(sha256)}."));
        }

        return status;
    }

    /// <summary>Returns the board's status, including the SHA-256 of its active image.</summary>
    public Task<BoardStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        WithTimeoutAsync(_options.RequestTimeout, "verify", _connection.VerifyAsync, cancellationToken);

    /// <summary>Resets the network state; the active image stays.</summary>
    public Task ResetAsync(CancellationToken cancellationToken) =>
        WithTimeoutAsync(
            _options.RequestTimeout,
            "reset",
            async token =>
            {
                await _connection.ResetAsync(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Replaces the encoder program of the active image without sending the network again. The board rejects the
    /// program with INVALID_IMAGE when <paramref name="networkDigest"/> differs from the active image's
    /// <c>network_digest</c> or the program does not fit the network, and then keeps the previous program.
    /// </summary>
    /// <returns>The board's status; <c>active_sha256</c> is the SHA-256 of the image with the new program.</returns>
    public Task<BoardStatus> SetEncoderAsync(EncoderProgram program, ReadOnlyMemory<byte> networkDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        var request = new SetEncoder
        {
            Program = program.ToByteString(),
            NetworkDigest = ByteString.CopyFrom(networkDigest.Span),
        };
        return WithTimeoutAsync(_options.RequestTimeout, "set encoder", token => _connection.SetEncoderAsync(request, token), cancellationToken);
    }

    /// <summary>Runs one sample on the active image and returns outputs, counters and recorded traces.</summary>
    public async Task<ChipRunResult> RunAsync(ChipInput input, IReadOnlyCollection<int>? record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = BuildRunRequest(input, record, _options.MaxValuesPerInputMessage);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RunTimeout);
        try
        {
            return await CollectAsync(_connection.RunAsync(request, timeout.Token), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(Invariant($"The run did not complete within {_options.RunTimeout.TotalSeconds} s; raise RunTimeout for long inputs."), error);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>Splits a sample into InputEvents messages, dense or sparse, whichever is smaller.</summary>
    public static RunRequest BuildRunRequest(ChipInput input, IReadOnlyCollection<int>? record, int maxValuesPerMessage)
    {
        ArgumentNullException.ThrowIfNull(input);
        var start = new Start { Steps = (uint)input.Steps, Channels = (uint)input.Channels, Features = input.IsFeatures };
        if (record is not null)
        {
            start.Record.Add(record.Select(p => (uint)p));
        }

        var request = new RunRequest { Start = start };
        var stepsPerMessage = Math.Max(1, maxValuesPerMessage / Math.Max(1, input.Channels));
        for (var first = 0; first < input.Steps; first += stepsPerMessage)
        {
            var count = Math.Min(stepsPerMessage, input.Steps - first);
            var values = input.Values.AsSpan(first * input.Channels, count * input.Channels);
            var events = new InputEvents { FirstStep = (uint)first, StepCount = (uint)count };
            var nonzero = values.Length - values.Count(0);
            if (nonzero * 3 < values.Length)
            {
                var sparse = new SparseValues();
                for (var k = 0; k < values.Length; k++)
                {
                    if (values[k] != 0)
                    {
                        sparse.Step.Add((uint)(k / input.Channels));
                        sparse.Channel.Add((uint)(k % input.Channels));
                        sparse.Value.Add(values[k]);
                    }
                }

                events.Sparse = sparse;
            }
            else
            {
                events.Dense = new DenseValues();
                events.Dense.Values.Add(values.ToArray());
            }

            request.Input.Add(events);
        }

        if (input.Steps == 0)
        {
            request.Input.Add(new InputEvents { FirstStep = 0, StepCount = 0, Dense = new DenseValues() });
        }

        return request;
    }

    private static async Task<ChipRunResult> CollectAsync(IAsyncEnumerable<RunEvent> events, CancellationToken cancellationToken)
    {
        var spikes = new List<OutputSpikes>();
        var traces = new List<TraceStep>();
        Telemetry? telemetry = null;
        await foreach (var runEvent in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (runEvent.BodyCase)
            {
                case RunEvent.BodyOneofCase.OutputSpikes:
                    spikes.Add(runEvent.OutputSpikes);
                    break;
                case RunEvent.BodyOneofCase.TraceStep:
                    traces.Add(runEvent.TraceStep);
                    break;
                case RunEvent.BodyOneofCase.Telemetry:
                    telemetry = runEvent.Telemetry;
                    break;
                case RunEvent.BodyOneofCase.RunComplete:
                    return BuildResult(runEvent.RunComplete, spikes, traces, telemetry);
            }
        }

        throw new InvalidDataException("The board ended the run without RunComplete.");
    }

    private static ChipRunResult BuildResult(RunComplete complete, List<OutputSpikes> spikes, List<TraceStep> traces, Telemetry? telemetry)
    {
        var counters = RunEvents.ToCounters(telemetry ?? throw new InvalidDataException("The board completed the run without telemetry."));
        var steps = (int)complete.Steps;
        var size = (int)complete.OutputSize;
        var result = new ChipRunResult(steps, size, counters);
        foreach (var step in spikes)
        {
            foreach (var neuron in step.Neurons)
            {
                if (step.Step >= complete.Steps || neuron >= complete.OutputSize)
                {
                    throw new InvalidDataException(Invariant($"The board reported a spike of output neuron {neuron} at step {step.Step}, outside {steps} steps x {size} outputs."));
                }

                result.OutputSpikes[(step.Step * size) + neuron] = 1;
            }
        }

        foreach (var step in traces)
        {
            var population = (int)step.Population;
            if (!result.Traces.TryGetValue(population, out var trace))
            {
                trace = new PopulationTrace(steps, step.V.Count);
                result.Traces[population] = trace;
            }

            if (step.Step >= complete.Steps || step.V.Count != trace.Size || step.I.Count != trace.Size || step.Spikes.Length != trace.Size)
            {
                throw new InvalidDataException(Invariant($"The board sent a malformed trace of population {population} at step {step.Step}."));
            }

            var offset = (int)step.Step * trace.Size;
            step.V.CopyTo(trace.V, offset);
            step.I.CopyTo(trace.I, offset);
            step.Spikes.Span.CopyTo(trace.Spikes.AsSpan(offset));
        }

        return result;
    }

    private async Task SendChunksAsync(ReadOnlyMemory<byte> image, long offset, int chunkSize, IProgress<FlashProgress>? progress, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<(Task<FlashChunkAck> Ack, long End)>();
        try
        {
            while (offset < image.Length || inFlight.Count > 0)
            {
                while (offset < image.Length && inFlight.Count < _connection.MaxChunksInFlight)
                {
                    var length = (int)Math.Min(chunkSize, image.Length - offset);
                    var chunk = new FlashChunk { Offset = (ulong)offset, Data = ByteString.CopyFrom(image.Span.Slice((int)offset, length)) };
                    var end = offset + length;
                    inFlight.Enqueue((WithTimeoutAsync(_options.RequestTimeout, Invariant($"flash chunk at offset {chunk.Offset}"), token => _connection.WriteChunkAsync(chunk, token), cancellationToken), end));
                    offset = end;
                }

                var (ack, expected) = inFlight.Dequeue();
                var reply = await ack.ConfigureAwait(false);
                if (reply.NextOffset != (ulong)expected)
                {
                    throw new InvalidDataException(Invariant($"The board acknowledged the chunk ending at {expected} with next offset {reply.NextOffset}."));
                }

                progress?.Report(new FlashProgress(expected, image.Length));
            }
        }
        finally
        {
            // Observe the outstanding chunks so none fails unobserved after an error.
            while (inFlight.TryDequeue(out var rest))
            {
                await ((Task)rest.Ack).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static async Task<T> WithTimeoutAsync<T>(TimeSpan timeout, string request, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(timeout);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(Invariant($"The board did not answer the {request} request within {timeout.TotalSeconds} s; check the connection and that the board is running."), error);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
