using System.Globalization;

namespace NeuroDeploy.Firmware.Protocol.Framing;

/// <summary>
/// Splits a byte stream at 0x00 delimiters and decodes each block. A block longer than the
/// largest frame is discarded up to the next delimiter, so memory stays bounded whatever
/// the peer sends.
/// </summary>
public sealed class FrameReader
{
    private readonly Stream _stream;
    private readonly byte[] _readBuffer = new byte[16384];
    private readonly byte[] _block = new byte[FrameCodec.MaxEncodedLength];
    private int _readOffset;
    private int _readCount;
    private int _blockLength;
    private bool _overflow;

    public FrameReader(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>Bytes read from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// Reads the next block and decodes it. Returns null at the end of the stream; a partial
    /// block at the end is dropped.
    /// </summary>
    public async ValueTask<FrameDecodeResult?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            while (_readOffset < _readCount)
            {
                var b = _readBuffer[_readOffset++];
                if (b != 0)
                {
                    if (_blockLength < _block.Length)
                    {
                        _block[_blockLength++] = b;
                    }
                    else
                    {
                        _overflow = true;
                    }

                    continue;
                }

                if (_overflow)
                {
                    var discarded = _blockLength;
                    _blockLength = 0;
                    _overflow = false;
                    return FrameDecodeResult.Invalid(
                        FrameError.TooLong,
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"block longer than the maximum frame of {FrameCodec.MaxEncodedLength} bytes was discarded (kept the first {discarded})"));
                }

                if (_blockLength == 0)
                {
                    // Back-to-back delimiters: senders may emit a 0x00 before a frame to flush noise.
                    continue;
                }

                var result = FrameCodec.Decode(_block.AsSpan(0, _blockLength));
                _blockLength = 0;
                return result;
            }

            _readCount = await _stream.ReadAsync(_readBuffer, cancellationToken).ConfigureAwait(false);
            _readOffset = 0;
            if (_readCount == 0)
            {
                return null;
            }

            BytesRead += _readCount;
        }
    }
}
