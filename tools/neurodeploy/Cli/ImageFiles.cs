using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Cli;

/// <summary>Reads image files, checking their digests.</summary>
public static class ImageFiles
{
    private static readonly byte[] Hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    public static NeuroImage Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path} is a folder; give an image file (.ndimg) written by compile.");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"Image file {path} not found.");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
        {
            throw new UsageException($"{path} is empty; compile the model again to write the image.");
        }

        if (bytes.AsSpan().StartsWith(Hdf5Signature))
        {
            throw new UsageException(
                $"{path} is an HDF5 file (a NIR model?), not an image; compile it first: neurodeploy compile {path} --dt SECONDS -o IMAGE.ndimg");
        }

        try
        {
            return ImageDigest.ParseVerified(bytes);
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException($"{path} is not a valid .ndimg image: {ex.Message}", ex);
        }
    }
}
