using PureHDF;

namespace NeuroDeploy.Compiler.Tests.Nir;

/// <summary>Writes small NIR files for defect tests into a fresh temporary folder.</summary>
internal sealed class NirTestFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nir-tests-" + Guid.NewGuid().ToString("N"));

    public NirTestFiles()
    {
        Directory.CreateDirectory(_folder);
    }

    /// <summary>input (2) -> lin (Linear 2x2) -> lif (LIF 2) -> output (2); <paramref name="edit"/> changes nodes or edges.</summary>
    public string WriteLifChain(string name, Action<H5Group, List<string[]>>? edit = null)
    {
        var nodes = new H5Group
        {
            ["input"] = new H5Group { ["type"] = "Input", ["shape"] = new long[] { 2 } },
            ["lin"] = new H5Group { ["type"] = "Linear", ["weight"] = new float[,] { { 1, 0 }, { 0.5f, 1 } } },
            ["lif"] = new H5Group
            {
                ["type"] = "LIF",
                ["tau"] = new double[] { 0.01, 0.02 },
                ["r"] = new double[] { 1, 1 },
                ["v_leak"] = new double[] { 0, 0 },
                ["v_threshold"] = new double[] { 1, 1 },
            },
            ["output"] = new H5Group { ["type"] = "Output", ["shape"] = new long[] { 2 } },
        };
        var edges = new List<string[]> { new[] { "input", "lin" }, new[] { "lin", "lif" }, new[] { "lif", "output" } };
        edit?.Invoke(nodes, edges);
        var edgeArray = new string[edges.Count, 2];
        for (var k = 0; k < edges.Count; k++)
        {
            edgeArray[k, 0] = edges[k][0];
            edgeArray[k, 1] = edges[k][1];
        }

        var file = new H5File
        {
            ["version"] = "0.2.0",
            ["node"] = new H5Group { ["type"] = "NIRGraph", ["nodes"] = nodes, ["edges"] = edgeArray },
        };
        var path = Path.Combine(_folder, name + ".nir");
        file.Write(path);
        return path;
    }

    public string PathFor(string name) => Path.Combine(_folder, name);

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }
}
