namespace NeuroDeploy.Testing;

/// <summary>
/// Locates the third-party reference data that sits beside the repository in
/// <c>../shared</c>. The data is never copied into the repository.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The <c>shared</c> folder, or null when it is absent.</summary>
    public static string? Directory => Root.Value;

    /// <summary>The repository root (the folder holding <c>neurodeploy.sln</c>).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "neurodeploy.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName
                ?? throw new InvalidOperationException("neurodeploy.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Returns the full path of a file under <c>shared/</c>; the caller's test is skipped when absent.</summary>
    public static string PathOf(string relative)
    {
        var root = Directory ?? throw new InvalidOperationException(SharedDataFactAttribute.MissingMessage);
        return Path.Combine(root, relative);
    }

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NEURODEPLOY_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment) && System.IO.Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        return System.IO.Directory.Exists(Path.Combine(candidate, "conformance")) ? candidate : null;
    }
}
