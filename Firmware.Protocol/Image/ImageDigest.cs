using System.Security.Cryptography;
using Google.Protobuf;

namespace NeuroDeploy.Firmware.Protocol.Image;

/// <summary>
/// Computes and checks the SHA-256 digests of an image: <c>network_digest</c> over the network
/// part (populations, cores, input, output), <c>digest</c> over the whole message with
/// <c>digest</c> empty.
/// </summary>
public static class ImageDigest
{
    /// <summary>Returns the SHA-256 of the network part, which an encoder change leaves unchanged.</summary>
    public static byte[] ComputeNetworkDigest(NeuroImage image)
    {
        var network = new NeuroImage
        {
            SchemaVersion = image.SchemaVersion,
            Profile = image.Profile?.Clone(),
            Input = image.Input?.Clone(),
            Output = image.Output?.Clone(),
        };
        network.Populations.Add(image.Populations);
        network.Cores.Add(image.Cores);
        return SHA256.HashData(network.ToByteArray());
    }

    /// <summary>Returns the SHA-256 of the message serialized with <c>digest</c> empty.</summary>
    public static byte[] ComputeDigest(NeuroImage image)
    {
        var copy = image.Clone();
        copy.Digest = ByteString.Empty;
        return SHA256.HashData(copy.ToByteArray());
    }

    /// <summary>Sets both digests.</summary>
    public static void Seal(NeuroImage image)
    {
        image.NetworkDigest = ByteString.CopyFrom(ComputeNetworkDigest(image));
        image.Digest = ByteString.CopyFrom(ComputeDigest(image));
    }

    /// <summary>Parses image bytes and checks both digests.</summary>
    /// <exception cref="InvalidDataException">The bytes do not parse or a digest does not match.</exception>
    public static NeuroImage ParseVerified(ReadOnlySpan<byte> bytes)
    {
        NeuroImage image;
        try
        {
            image = NeuroImage.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("Image is not a valid NeuroImage message: " + ex.Message, ex);
        }

        var expected = ComputeDigest(image);
        if (!image.Digest.Span.SequenceEqual(expected))
        {
            throw new InvalidDataException(
                $"Image digest mismatch: stored {Convert.ToHexStringLower(image.Digest.Span)}, "
                + $"computed {Convert.ToHexStringLower(expected)}. The image is corrupt; compile it again.");
        }

        var network = ComputeNetworkDigest(image);
        if (!image.NetworkDigest.Span.SequenceEqual(network))
        {
            throw new InvalidDataException(
                $"Network digest mismatch: stored {Convert.ToHexStringLower(image.NetworkDigest.Span)}, "
                + $"computed {Convert.ToHexStringLower(network)}. The image is corrupt; compile it again.");
        }

        return image;
    }
}
