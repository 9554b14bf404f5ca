using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Cli;

/// <summary>Reads image files, checking their digests.</summary>
public static class ImageFiles
{
    public static NeuroImage Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"Image file {path} not found.");
        }

        try
        {
            return ImageDigest.ParseVerified(File.ReadAllBytes(path));
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException($"{path}: {ex.Message}", ex);
        }
    }
}
