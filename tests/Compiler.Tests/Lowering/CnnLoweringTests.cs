using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Reference;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Compiler.Tests.Lowering;

public class CnnLoweringTests
{
    private const double Dt = 1e-3;

    [SharedDataFact]
    public void Import_InfersPublishedShapes()
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/cnn/cnn_sinabs.nir"));

        Assert.Equal([2, 34, 34], graph["input"].OutputShape);
        Assert.Equal([16, 16, 16], graph["0"].OutputShape);
        Assert.Equal([16, 16, 16], graph["1"].OutputShape);
        Assert.Equal([16, 16, 16], graph["2"].OutputShape);
        Assert.Equal([16, 8, 8], graph["4"].OutputShape);
        Assert.Equal([8, 8, 8], graph["5"].OutputShape);
        Assert.Equal([8, 4, 4], graph["7"].OutputShape);
        Assert.Equal([128], graph["8"].OutputShape);
        Assert.Equal([256], graph["10"].OutputShape);
        Assert.Equal([10], graph["12"].OutputShape);
    }

    [SharedDataFact]
    public void Lowering_ComposesConvPoolFlattenChains()
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/cnn/cnn_sinabs.nir"));
        var network = Lowerer.Lower(graph, new LoweringOptions { Dt = Dt, Convention = "sinabs" });

        Assert.Equal(["1", "3", "6", "10", "12"], network.Populations.Select(p => p.Name), StringComparer.Ordinal);
        Assert.All(network.Populations, p => Assert.Equal(NeuronKind.If, p.Kind));
        Assert.All(network.Populations, p => Assert.Equal(ResetRule.Subtract, p.Reset));
        Assert.Equal(4, network.OutputPopulation);
        Assert.Equal(5, network.Projections.Count);
        Assert.All(network.Projections, p => Assert.Equal(p.Source + 1, p.Target));

        // Conv 0 (5x5, stride 2, padding 1, 34 -> 16): per axis, output 0 sees 4 valid taps and the
        // other 15 outputs see 5, so each output channel has 2 * 79 * 79 synapses.
        var zeroWeights = ((NirConv2dNode)graph["0"]).Weight.Values.Count(w => w == 0);
        Assert.Equal(0, zeroWeights);
        Assert.Equal(16 * 2 * 79 * 79, network.Projections[0].SynapseCount);

        var random = new Random(5);
        CheckComposition(network.Projections[2], 4096, x => Conv(graph, "5", Pool(x, 16, 16, 16), 8, 8));
        CheckComposition(network.Projections[3], 512, x => Affine(graph, "9", Pool(x, 8, 8, 8)));

        void CheckComposition(Projection projection, int sourceSize, Func<double[], double[]> direct)
        {
            var x = Enumerable.Range(0, sourceSize).Select(_ => random.NextDouble() < 0.3 ? 1.0 : 0.0).ToArray();
            var expected = direct(x);
            var actual = Apply(projection, x);
            Assert.Equal(expected.Length, actual.Length);
            for (var k = 0; k < expected.Length; k++)
            {
                Assert.True(Math.Abs(expected[k] - actual[k]) < 1e-12, $"row {k}: {actual[k]} vs {expected[k]}");
            }
        }
    }

    [SharedDataFact]
    public void FloatRun_RandomEventFramesCompletes()
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/cnn/cnn_sinabs.nir"));
        var network = Lowerer.Lower(graph, new LoweringOptions { Dt = Dt, Convention = "sinabs" });
        var random = new Random(11);
        const int steps = 20;
        var input = Enumerable.Range(0, steps * 2 * 34 * 34).Select(_ => random.NextDouble() < 0.05 ? 1.0 : 0.0).ToArray();

        var result = new FloatSimulator(network).Run(input);

        Assert.Equal(steps, result.Steps);
        Assert.Equal(10, result.OutputCounts.Length);
        Assert.Equal(steps * 10, result.OutputSpikes.Length);
        Assert.Equal(steps * (4096 + 4096 + 512 + 256 + 10), result.Operations.NeuronUpdates);
        Assert.Equal(0, result.Operations.MultiplyAccumulates);

        // Accumulates: each input event reaches its conv 0 fan-out, each spike its projection's fan-out.
        var expected = 0L;
        var inputFanOut = FanOut(network.Projections[0], 2 * 34 * 34);
        expected += input.Select((x, k) => x == 1 ? inputFanOut[k % (2 * 34 * 34)] : 0).Sum();
        for (var p = 0; p < 4; p++)
        {
            var fanOut = FanOut(network.Projections[p + 1], network.Populations[p].Size);
            expected += result.SpikeCounts[p].Select((count, k) => count * fanOut[k]).Sum();
        }

        Assert.Equal(expected, result.Operations.Accumulates);
        Assert.True(result.TotalSpikes(0) > 0, "layer 0 must fire for the count check to cover spikes");
    }

    private static long[] FanOut(Projection projection, int sourceSize)
    {
        var fanOut = new long[sourceSize];
        foreach (var column in projection.Column)
        {
            fanOut[column]++;
        }

        return fanOut;
    }

    private static double[] Apply(Projection projection, double[] x)
    {
        var y = new double[projection.RowStart.Length - 1];
        for (var r = 0; r < y.Length; r++)
        {
            for (var q = projection.RowStart[r]; q < projection.RowStart[r + 1]; q++)
            {
                y[r] += projection.Weight[q] * x[projection.Column[q]];
            }
        }

        return y;
    }

    private static double[] Pool(double[] x, int channels, int height, int width)
    {
        var y = new double[channels * (height / 2) * (width / 2)];
        for (var c = 0; c < channels; c++)
        {
            for (var i = 0; i < height; i++)
            {
                for (var j = 0; j < width; j++)
                {
                    y[(((c * (height / 2)) + (i / 2)) * (width / 2)) + (j / 2)] += x[(((c * height) + i) * width) + j];
                }
            }
        }

        return y;
    }

    private static double[] Conv(NirGraph graph, string name, double[] x, int height, int width)
    {
        var conv = (NirConv2dNode)graph[name];
        int cOut = conv.Weight.Shape[0], cIn = conv.Weight.Shape[1];
        var y = new double[cOut * height * width];
        for (var o = 0; o < cOut; o++)
        {
            for (var i = 0; i < height; i++)
            {
                for (var j = 0; j < width; j++)
                {
                    var sum = 0.0;
                    for (var c = 0; c < cIn; c++)
                    {
                        for (var a = 0; a < 3; a++)
                        {
                            for (var b = 0; b < 3; b++)
                            {
                                int yy = i + a - 1, xx = j + b - 1;
                                if (yy >= 0 && yy < height && xx >= 0 && xx < width)
                                {
                                    sum += conv.Weight[(((((o * cIn) + c) * 3) + a) * 3) + b] * x[(((c * height) + yy) * width) + xx];
                                }
                            }
                        }
                    }

                    y[(((o * height) + i) * width) + j] = sum;
                }
            }
        }

        return y;
    }

    private static double[] Affine(NirGraph graph, string name, double[] x)
    {
        var affine = (NirAffineNode)graph[name];
        int rows = affine.Weight.Shape[0], cols = affine.Weight.Shape[1];
        var y = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            y[r] = affine.Bias[r];
            for (var c = 0; c < cols; c++)
            {
                y[r] += affine.Weight[(r * cols) + c] * x[c];
            }
        }

        return y;
    }
}
