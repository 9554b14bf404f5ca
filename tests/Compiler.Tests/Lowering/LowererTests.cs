using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Reference;
using NeuroDeploy.Compiler.Tests.Nir;
using PureHDF;

namespace NeuroDeploy.Compiler.Tests.Lowering;

public class LowererTests
{
    [Fact]
    public void MissingDt_NamesOption()
    {
        using var files = new NirTestFiles();
        var graph = NirReader.Read(files.WriteLifChain("chain"));
        var error = Assert.Throws<LoweringException>(() => Lowerer.Lower(graph, new LoweringOptions { Convention = "norse" }));

        Assert.Contains("--dt", error.Message, StringComparison.Ordinal);
        Assert.Contains("stores no time step", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownConvention_ListsNames()
    {
        using var files = new NirTestFiles();
        var graph = NirReader.Read(files.WriteLifChain("chain"));
        var error = Assert.Throws<LoweringException>(() =>
            Lowerer.Lower(graph, new LoweringOptions { Dt = 1e-3, Convention = "brian" }));

        Assert.Contains("convention 'brian' is unknown", error.Message, StringComparison.Ordinal);
        Assert.Contains("snntorch, norse, exact, rockpool, sinabs, lava", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lif_FoldsGainPerConvention()
    {
        using var files = new NirTestFiles();
        var graph = NirReader.Read(files.WriteLifChain("chain"));

        // tau = 0.01 and 0.02 at dt = 1e-3: dt / tau = 0.1 and 0.05; weight row 1 is (0.5, 1).
        var euler = Lowerer.Lower(graph, new LoweringOptions { Dt = 1e-3, Convention = "snntorch" });
        Assert.Equal([0.9, 0.95], euler.Populations[0].DecayV, (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.Equal([0.1, 0.025, 0.05], euler.Projections[0].Weight, (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.Equal([0, 0, 1], euler.Projections[0].Column);
        Assert.Equal([0, 1, 3], euler.Projections[0].RowStart);
        Assert.Equal(ResetRule.SubtractNextStep, euler.Populations[0].Reset);

        var exact = Lowerer.Lower(graph, new LoweringOptions { Dt = 1e-3, Convention = "exact" });
        Assert.Equal(Math.Exp(-0.1), exact.Populations[0].DecayV[0], 15);
        Assert.Equal(1 - Math.Exp(-0.1), exact.Projections[0].Weight[0], 15);
        Assert.Equal(ResetRule.Subtract, exact.Populations[0].Reset);

        var rockpool = Lowerer.Lower(graph, new LoweringOptions { Dt = 1e-3, Convention = "rockpool" });
        Assert.Equal(Math.Exp(-0.1), rockpool.Populations[0].DecayV[0], 15);
        Assert.Equal(0.1, rockpool.Projections[0].Weight[0], 15);

        var lava = Lowerer.Lower(graph, new LoweringOptions { Dt = 1e-3, Convention = "lava" });
        Assert.Equal(1, lava.InputDelay);
        Assert.Equal(ResetRule.Zero, lava.Populations[0].Reset);

        var overridden = Lowerer.Lower(graph, new LoweringOptions { Dt = 1e-3, Convention = "lava", Reset = ResetRule.Subtract });
        Assert.Equal(ResetRule.Subtract, overridden.Populations[0].Reset);
    }

    [Fact]
    public void EulerDecay_RejectsDtAboveTau()
    {
        using var files = new NirTestFiles();
        var graph = NirReader.Read(files.WriteLifChain("chain"));
        var error = Assert.Throws<LoweringException>(() =>
            Lowerer.Lower(graph, new LoweringOptions { Dt = 0.015, Convention = "norse" }));

        Assert.Contains("node 'lif' (LIF), field 'tau'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'exact' convention", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VReset_SelectsResetToValue()
    {
        using var files = new NirTestFiles();
        var path = files.WriteLifChain("vreset", (nodes, _) => ((H5Group)nodes["lif"])["v_reset"] = new double[] { -0.5, 0.25 });
        var network = Lowerer.Lower(NirReader.Read(path), new LoweringOptions { Dt = 1e-3, Convention = "snntorch" });

        Assert.Equal(ResetRule.Zero, network.Populations[0].Reset);
        Assert.Equal([-0.5, 0.25], network.Populations[0].VReset);
    }

    [Fact]
    public void LeakyIntegrator_IsNotSupportedYet()
    {
        using var files = new NirTestFiles();
        var path = files.WriteLifChain("li", (nodes, _) =>
        {
            var lif = (H5Group)nodes["lif"];
            lif["type"] = "LI";
            lif.Remove("v_threshold");
        });
        var error = Assert.Throws<LoweringException>(() =>
            Lowerer.Lower(NirReader.Read(path), new LoweringOptions { Dt = 1e-3, Convention = "norse" }));

        Assert.Contains("node 'lif' (LI)", error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DelayNode_OfOneStepBecomesProjectionDelay()
    {
        using var files = new NirTestFiles();
        var path = files.WriteLifChain("delay", (nodes, edges) =>
        {
            nodes["d"] = new H5Group { ["type"] = "Delay", ["delay"] = new double[] { 1e-3, 1e-3 } };
            edges[0] = ["input", "d"];
            edges.Add(["d", "lin"]);
        });
        var network = Lowerer.Lower(NirReader.Read(path), new LoweringOptions { Dt = 1e-3, Convention = "norse" });
        var projection = Assert.Single(network.Projections);
        Assert.Equal(1, projection.Delay);

        // With the input delayed by one step, a single input pulse at step 0 reaches v at step 1.
        var result = new FloatSimulator(network).Run([1, 0, 0, 0], new FloatSimulationOptions { TracePopulations = [0] });
        Assert.Equal([0, 0, 0.1, 0.025], result.Traces[0].V);
    }

    [Fact]
    public void DelayNode_OfHalfStepIsRejected()
    {
        using var files = new NirTestFiles();
        var path = files.WriteLifChain("halfdelay", (nodes, edges) =>
        {
            nodes["d"] = new H5Group { ["type"] = "Delay", ["delay"] = new double[] { 5e-4, 5e-4 } };
            edges[0] = ["input", "d"];
            edges.Add(["d", "lin"]);
        });
        var error = Assert.Throws<LoweringException>(() =>
            Lowerer.Lower(NirReader.Read(path), new LoweringOptions { Dt = 1e-3, Convention = "norse" }));

        Assert.Contains("node 'd' (Delay), field 'delay'", error.Message, StringComparison.Ordinal);
    }
}
