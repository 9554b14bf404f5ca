using System.CommandLine;
using System.Globalization;
using System.Text;

namespace NeuroDeploy.Cli.Tests.Dynamics;

/// <summary>Runs neurodeploy commands in process and writes test inputs to a temporary folder.</summary>
internal static class CliHost
{
    public static int Invoke(params string[] args)
    {
        var root = new RootCommand("neurodeploy (test host)");
        root.Subcommands.Add(EncodeCommand.Create());
        root.Subcommands.Add(DynamicsCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        var parsed = root.Parse(args);
        Assert.Empty(parsed.Errors);
        return parsed.Invoke();
    }

    public static string TemporaryFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "neurodeploy-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Returns <paramref name="rows"/> x <paramref name="width"/> uniform values in [-1, 1] from a seeded generator.</summary>
    public static double[] RandomFeatures(int seed, int rows, int width)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * width).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
    }

    public static string WriteCsv(string folder, double[] values, int width)
    {
        var text = new StringBuilder();
        for (var r = 0; r < values.Length / width; r++)
        {
            text.AppendLine(string.Join(",", values.Skip(r * width).Take(width).Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }

        var path = Path.Combine(folder, "features.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
