using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Reference;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Compiler.Tests.Reference;

public class DynamicalAlignmentTests
{
    private const double Dt = 1e-4;

    [SharedDataTheory]
    [InlineData("mixed_oscillator_delta_-1.50.nir")]
    [InlineData("mixed_oscillator_delta_2.00.nir")]
    [InlineData("mixed_oscillator_delta_10.00.nir")]
    public void Lowering_GivesBeta095AndUnitGain(string file)
    {
        var graph = NirReader.Read(SharedData.PathOf("dynamical-alignment/" + file));
        var network = Lowerer.Lower(graph, new LoweringOptions { Dt = Dt, Convention = "snntorch" });

        Assert.Equal(["lif1", "lif2", "lif3", "lif4"], network.Populations.Select(p => p.Name), StringComparer.Ordinal);
        foreach (var population in network.Populations)
        {
            Assert.All(population.DecayV, d => Assert.Equal(0.95, d, 6));
            Assert.Equal(ResetRule.SubtractNextStep, population.Reset);
        }

        // Unit gain: the first projection's weights are fc1's weights unchanged.
        var fc1 = (NirAffineNode)graph["fc1"];
        var first = Assert.Single(network.Projections, p => p.Source == -1);
        Assert.Equal(500 * 21, first.SynapseCount);
        for (var k = 0; k < first.SynapseCount; k++)
        {
            Assert.Equal(fc1.Weight[k], first.Weight[k], 12);
        }

        for (var k = 0; k < 500; k++)
        {
            Assert.Equal(fc1.Bias[k], network.Populations[0].BiasI[k], 12);
        }
    }

    [SharedDataTheory]
    [InlineData("mixed_oscillator_delta_-1.50.nir", 1)]
    [InlineData("mixed_oscillator_delta_2.00.nir", 2)]
    [InlineData("mixed_oscillator_delta_10.00.nir", 3)]
    public void FloatRun_EqualsSnnTorchLeakyLoop(string file, int seed)
    {
        var graph = NirReader.Read(SharedData.PathOf("dynamical-alignment/" + file));
        var network = Lowerer.Lower(graph, new LoweringOptions { Dt = Dt, Convention = "snntorch" });
        var random = new Random(seed);
        var input = Enumerable.Range(0, 5 * 21).Select(_ => (random.NextDouble() * 6) - 3).ToArray();

        var result = new FloatSimulator(network).Run(input, new FloatSimulationOptions { TracePopulations = [0, 1, 2, 3] });
        var (expectedSpikes, expectedV) = LeakyLoop(graph, input);

        var total = 0L;
        for (var layer = 0; layer < 4; layer++)
        {
            var trace = result.Traces[layer];
            Assert.Equal(expectedSpikes[layer], trace.Spikes.Select(s => (int)s).ToArray());
            for (var k = 0; k < trace.V.Length; k++)
            {
                Assert.True(Math.Abs(trace.V[k] - expectedV[layer][k]) < 1e-9, $"layer {layer} entry {k}");
            }

            total += expectedSpikes[layer].Sum();
        }

        Assert.True(total > 0, "the random input must make some neurons fire for the comparison to mean anything");
    }

    /// <summary>
    /// snnTorch Leaky, written directly from the NIR parameters: beta = 1 - dt / tau,
    /// I = W x + b, reset[t] = v[t-1] &gt; 1, v = beta v + I - reset, s = v &gt; 1.
    /// </summary>
    private static (int[][] Spikes, double[][] V) LeakyLoop(NirGraph graph, double[] input)
    {
        string[] layers = ["fc1", "fc2", "fc3", "fc4"];
        string[] neurons = ["lif1", "lif2", "lif3", "lif4"];
        var spikes = new int[4][];
        var voltages = new double[4][];
        var state = new double[4][];
        for (var l = 0; l < 4; l++)
        {
            var size = ((NirAffineNode)graph[layers[l]]).Weight.Shape[0];
            spikes[l] = new int[5 * size];
            voltages[l] = new double[5 * size];
            state[l] = new double[size];
        }

        for (var t = 0; t < 5; t++)
        {
            var x = input.Skip(t * 21).Take(21).ToArray();
            for (var l = 0; l < 4; l++)
            {
                var affine = (NirAffineNode)graph[layers[l]];
                var lif = (NirLifNode)graph[neurons[l]];
                int rows = affine.Weight.Shape[0], cols = affine.Weight.Shape[1];
                var next = new double[rows];
                for (var r = 0; r < rows; r++)
                {
                    var current = affine.Bias[r];
                    for (var c = 0; c < cols; c++)
                    {
                        current += affine.Weight[(r * cols) + c] * x[c];
                    }

                    var beta = 1 - (Dt / lif.Tau[r]);
                    var reset = state[l][r] > 1 ? 1.0 : 0.0;
                    state[l][r] = (beta * state[l][r]) + current - reset;
                    next[r] = state[l][r] > 1 ? 1 : 0;
                    spikes[l][(t * rows) + r] = (int)next[r];
                    voltages[l][(t * rows) + r] = state[l][r];
                }

                x = next;
            }
        }

        return (spikes, voltages);
    }
}
