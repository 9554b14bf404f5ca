namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>A fresh folder under the system temp folder, deleted with its content on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "neurodeploy-contract", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Returns the paths of every file and folder inside, relative and sorted.</summary>
    public string[] Entries() => Directory
        .EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
        .Select(entry => System.IO.Path.GetRelativePath(Path, entry))
        .Order(StringComparer.Ordinal)
        .ToArray();

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
