using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Runtime.Host.Targets;

/// <summary>A target that can replace the encoder program of its active image without a new flash.</summary>
public interface IEncoderTarget
{
    /// <summary>
    /// Replaces the active image's encoder program. <paramref name="networkDigest"/> is the <c>network_digest</c> of
    /// the image the program was built for and must equal the active image's.
    /// </summary>
    Task SetEncoderAsync(EncoderProgram program, ReadOnlyMemory<byte> networkDigest, CancellationToken cancellationToken);
}
