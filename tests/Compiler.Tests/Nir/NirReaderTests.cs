using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Testing;
using PureHDF;

namespace NeuroDeploy.Compiler.Tests.Nir;

public class NirReaderTests
{
    [SharedDataFact]
    public void LifNorse_ReadsVersion011Fields()
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/lif/lif_norse.nir"));

        Assert.Equal("0.1.1", graph.Version);
        Assert.Equal(["0", "1", "input", "output"], graph.Nodes.Select(n => n.Name), StringComparer.Ordinal);
        Assert.Equal([new NirEdge("input", "0"), new NirEdge("0", "1"), new NirEdge("1", "output")], graph.Edges);
        var lif = Assert.IsType<NirLifNode>(graph["1"]);
        Assert.Equal(0.0024999999441206455, lif.Tau[0]);
        Assert.Equal(0.10000000149011612, lif.VThreshold[0]);
        Assert.Null(lif.VReset);
        Assert.Equal([1], lif.OutputShape);
        Assert.Empty(graph.Repairs);
        Assert.Null(graph.Dt);
    }

    [SharedDataFact]
    public void TwoLifNeurons_ReadsFloat64Parameters()
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/lif/two_lif_neurons.nir"));

        Assert.Equal(1.2, Assert.IsType<NirLifNode>(graph["lif1"]).VLeak[0]);
        Assert.Equal(20.0, Assert.IsType<NirLifNode>(graph["lif2"]).VThreshold[0]);
        Assert.Equal(1.0, Assert.IsType<NirLinearNode>(graph["linear2"]).Weight[0]);
    }

    [SharedDataFact]
    public void LifRockpool_AcceptsOutputShapeWithUnitDimensions()
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/lif/lif_rockpool.nir"));

        Assert.Equal([1, 1, 1], graph["output"].InputShape);
        Assert.Equal(24.019737243652344, Assert.IsType<NirLifNode>(graph["1_LIFNeuronTorch"]).R[0]);
    }

    [SharedDataFact]
    public void BrailleFlat_ReadsCubaLifAndCycle()
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/braille/braille_noDelay_noBias_subtract.nir"));

        var lif = Assert.IsType<NirCubaLifNode>(graph["lif1.lif"]);
        Assert.Equal(40, lif.Size);
        Assert.Equal(4.0, lif.WIn[0], 6);
        Assert.Contains(new NirEdge("lif1.w_rec", "lif1.lif"), graph.Edges);
        Assert.Equal([40], graph["lif1.w_rec"].OutputShape);
    }

    [SharedDataTheory]
    [InlineData("braille_noDelay_bias_zero_subgraph.nir")]
    [InlineData("braille_noDelay_noBias_subtract_subgraph.nir")]
    public void BrailleSubgraph_StrictRejectsDanglingEdge(string file)
    {
        var path = SharedData.PathOf("conformance/braille/" + file);
        var error = Assert.Throws<NirFormatException>(() => NirReader.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'input -> lif'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'lif1.lif'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("--lenient", error.Message, StringComparison.Ordinal);
    }

    [SharedDataTheory]
    [InlineData("braille_noDelay_bias_zero_subgraph.nir", 38)]
    [InlineData("braille_noDelay_noBias_subtract_subgraph.nir", 40)]
    public void BrailleSubgraph_LenientRepairsAndFlattens(string file, int hidden)
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/braille/" + file), NirReadOptions.LenientRepairs);

        Assert.Equal(4, graph.Repairs.Count);
        Assert.All(graph.Repairs, r => Assert.Contains("connected it to 'lif1.lif1'", r, StringComparison.Ordinal));
        Assert.Contains(new NirEdge("lif1.lin", "lif1.lif1"), graph.Edges);
        Assert.Contains(new NirEdge("lif1.lif1", "lif1.lin"), graph.Edges);
        Assert.Contains(new NirEdge("fc1", "lif1.input"), graph.Edges);
        Assert.Contains(new NirEdge("lif1.output", "fc2"), graph.Edges);
        Assert.Equal([hidden], graph["lif1.lif1"].OutputShape);
        Assert.IsType<NirIdentityNode>(graph["lif1.input"]);
    }

    [SharedDataTheory]
    [InlineData("dynamical-alignment/mixed_oscillator_delta_-1.50.nir", "1.0.0")]
    [InlineData("dynamical-alignment/mixed_oscillator_delta_2.00.nir", "1.0.0")]
    [InlineData("dynamical-alignment/mixed_oscillator_delta_10.00.nir", "1.0.0")]
    [InlineData("conformance/cnn/cnn_sinabs.nir", "0.2.0")]
    [InlineData("conformance/braille/braille_noDelay_bias_zero.nir", "0.2.0")]
    public void SharedFile_ReadsStrictly(string relative, string version)
    {
        var graph = NirReader.Read(SharedData.PathOf(relative));

        Assert.Equal(version, graph.Version);
        Assert.Empty(graph.Repairs);
        Assert.Single(graph.Nodes.OfType<NirInputNode>());
    }

    [Fact]
    public void SyntheticChain_ReadsWrittenFile()
    {
        using var files = new NirTestFiles();
        var graph = NirReader.Read(files.WriteLifChain("good"));

        Assert.Equal([2], graph["lif"].OutputShape);
        Assert.Equal([1, 0, 0.5, 1], Assert.IsType<NirLinearNode>(graph["lin"]).Weight.Values);
    }

    [Fact]
    public void NaNParameter_NamesNodeFieldAndElement()
    {
        using var files = new NirTestFiles();
        var path = files.WriteLifChain("nan", (nodes, _) => ((H5Group)nodes["lif"])["tau"] = new double[] { 0.01, double.NaN });
        var error = Assert.Throws<NirFormatException>(() => NirReader.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("node 'lif' (LIF), field 'tau': element 1 is NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InfiniteWeight_IsRejected()
    {
        using var files = new NirTestFiles();
        var path = files.WriteLifChain("inf", (nodes, _) =>
            ((H5Group)nodes["lin"])["weight"] = new float[,] { { 1, float.PositiveInfinity }, { 0, 1 } });
        var error = Assert.Throws<NirFormatException>(() => NirReader.Read(path));

        Assert.Contains("node 'lin' (Linear), field 'weight': element 1 is Infinity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingField_NamesField()
    {
        using var files = new NirTestFiles();
        var path = files.WriteLifChain("missing", (nodes, _) => ((H5Group)nodes["lif"]).Remove("v_threshold"));
        var error = Assert.Throws<NirFormatException>(() => NirReader.Read(path));

        Assert.Contains("node 'lif' (LIF), field 'v_threshold': missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownType_ListsSupportedTypes()
    {
        using var files = new NirTestFiles();
        var path = files.WriteLifChain("unknown", (nodes, _) => ((H5Group)nodes["lif"])["type"] = "Izhikevich");
        var error = Assert.Throws<NirFormatException>(() => NirReader.Read(path));

        Assert.Contains("node 'lif' (Izhikevich), field 'type': unknown node type 'Izhikevich'", error.Message, StringComparison.Ordinal);
        Assert.Contains("CubaLIF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShapeMismatch_NamesEdgeAndBothShapes()
    {
        using var files = new NirTestFiles();
        var path = files.WriteLifChain("shape", (nodes, _) =>
            ((H5Group)nodes["lin"])["weight"] = new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var error = Assert.Throws<NirFormatException>(() => NirReader.Read(path));

        Assert.Contains("edge 'lin -> lif'", error.Message, StringComparison.Ordinal);
        Assert.Contains("emits shape [3] (3 values)", error.Message, StringComparison.Ordinal);
        Assert.Contains("expects [2] (2 values)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DanglingTopLevelEdge_RejectedWhenLenient()
    {
        using var files = new NirTestFiles();
        var path = files.WriteLifChain("dangling", (_, edges) => edges[1] = ["lin", "neuron"]);
        var error = Assert.Throws<NirFormatException>(() => NirReader.Read(path, NirReadOptions.LenientRepairs));

        Assert.Contains("edge 'lin -> neuron'", error.Message, StringComparison.Ordinal);
        Assert.Contains("node 'neuron', which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsFormatException()
    {
        using var files = new NirTestFiles();
        var path = files.PathFor("absent.nir");
        var error = Assert.Throws<NirFormatException>(() => NirReader.Read(path));

        Assert.Contains("absent.nir: cannot read the file", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }
}
