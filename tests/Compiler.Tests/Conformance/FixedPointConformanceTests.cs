using NeuroDeploy.Compiler.Golden;
using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Compiler.Reference;
using NeuroDeploy.Data;
using NeuroDeploy.Testing;
using Xunit.Abstractions;

namespace NeuroDeploy.Compiler.Tests.Conformance;

/// <summary>The fixed-point build of each conformance network against its float run and the published references.</summary>
public sealed class FixedPointConformanceTests
{
    private readonly ITestOutputHelper _output;

    public FixedPointConformanceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SharedDataFact]
    public void LifNorse_FixedPoint_SpikesAtFloatSteps()
    {
        var input = CsvMatrix.Read(SharedData.PathOf("conformance/lif/input.csv"));
        var values = Enumerable.Range(0, input.RowCount).Select(r => (int)input[r, 2]).ToArray();
        var compiled = ModelCompiler.Compile(SharedData.PathOf("conformance/lif/lif_norse.nir"),
            new CompileOptions { Dt = 1e-4, Convention = "norse" });

        var golden = GoldenModel.Run(compiled.Quantized, values, input.RowCount);
        var steps = Enumerable.Range(0, input.RowCount).Where(t => golden.Spikes[0][t] == 1).ToArray();

        Assert.Equal([460, 510, 710, 760], steps);
    }

    [SharedDataTheory]
    [InlineData("braille_noDelay_bias_zero.nir", "snntorch_activity_noDelay_bias_zero.npy", 23)]
    [InlineData("braille_noDelay_noBias_subtract.nir", "snntorch_activity_noDelay_noBias_subtract.npy", 85)]
    public void Braille_FixedPoint_RasterWithinPlatformSpread(string file, string reference, int bestOtherPlatform)
    {
        // bestOtherPlatform: the fewest differing raster entries of any other platform in the conformance
        // README's table (Norse: 23 for bias_zero; Norse 85, Xylo 240 and others above 100 for noBias_subtract).
        var sample = CsvMatrix.Read(SharedData.PathOf("conformance/braille/braille_test_sample0.csv"));
        var values = new int[sample.RowCount * 12];
        for (var t = 0; t < sample.RowCount; t++)
        {
            for (var c = 0; c < 12; c++)
            {
                values[(t * 12) + c] = (int)sample[t, c + 1];
            }
        }

        var reset = file.Contains("zero", StringComparison.Ordinal) ? ResetRule.Zero : ResetRule.SubtractGuardedRefire;
        var compiled = ModelCompiler.Compile(SharedData.PathOf("conformance/braille/" + file),
            new CompileOptions { Dt = 1e-4, Convention = "snntorch", Reset = reset });
        var hidden = compiled.Quantized.Populations.FindIndex(p => p.Name == "lif1.lif");
        var golden = GoldenModel.Run(compiled.Quantized, values, sample.RowCount);
        var raster = Npy.Read(SharedData.PathOf("conformance/braille/reference/" + reference));

        var mismatches = 0;
        for (var k = 0; k < raster.Length; k++)
        {
            if (golden.Spikes[hidden][k] != (raster.Data[k] != 0 ? 1 : 0))
            {
                mismatches++;
            }
        }

        var output = compiled.Quantized.OutputPopulation;
        var counts = new long[7];
        for (var t = 0; t < sample.RowCount; t++)
        {
            for (var n = 0; n < 7; n++)
            {
                counts[n] += golden.Spikes[output][(t * 7) + n];
            }
        }

        _output.WriteLine($"{file}: {mismatches} raster entries differ from snnTorch; output counts [{string.Join(", ", counts)}]");
        Assert.True(mismatches < bestOtherPlatform, $"{mismatches} differing entries, not fewer than {bestOtherPlatform}");
        Assert.Equal(1, Argmax(counts));
    }

    [SharedDataFact]
    public void DynamicalAlignment_FixedPoint_SpikesWithinThreePercentAndModesDiffer()
    {
        // 16 random feature vectors in [-1, 1], encoded with each network's own mixed oscillator
        // (RK4, h 0.01, tmax 8, 5 samples). The encoder is written out here, independently of the Encoders project.
        var random = new Random(42);
        var features = Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, 7).Select(_ => (random.NextDouble() * 2) - 1).ToArray()).ToArray();
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var delta in new[] { "-1.50", "2.00", "10.00" })
        {
            var inputs = features.Select(f => Encode(f, double.Parse(delta, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
            var bound = inputs.SelectMany(x => x).Max(Math.Abs);
            var compiled = ModelCompiler.Compile(SharedData.PathOf($"dynamical-alignment/mixed_oscillator_delta_{delta}.nir"),
                new CompileOptions { Dt = 1e-4, Convention = "snntorch", GradedInput = true, InputBound = bound });
            var simulator = new FloatSimulator(compiled.Discrete);
            var populations = compiled.Quantized.Populations.Count;
            var floatSpikes = new long[populations];
            var fixedSpikes = new long[populations];
            var fraction = compiled.Quantized.InputFractionBits;
            foreach (var input in inputs)
            {
                var floatResult = simulator.Run(input);
                var ints = input.Select(x => (int)Math.Round(Math.ScaleB(x, fraction), MidpointRounding.AwayFromZero)).ToArray();
                var golden = GoldenModel.Run(compiled.Quantized, ints, 5);
                for (var p = 0; p < populations; p++)
                {
                    floatSpikes[p] += floatResult.TotalSpikes(p);
                    fixedSpikes[p] += golden.SpikeCount(p);
                }
            }

            for (var p = 0; p < populations; p++)
            {
                _output.WriteLine($"delta {delta} {compiled.Quantized.Populations[p].Name}: float {floatSpikes[p]}, fixed {fixedSpikes[p]}");
                Assert.InRange(fixedSpikes[p], floatSpikes[p] * 0.97, floatSpikes[p] * 1.03);
            }

            totals[delta] = fixedSpikes.Sum();
        }

        _output.WriteLine($"spikes over 16 samples: -1.5: {totals["-1.50"]}, 2: {totals["2.00"]}, 10: {totals["10.00"]}; "
            + $"ratios {totals["-1.50"] / (double)totals["2.00"]:F2}, {totals["-1.50"] / (double)totals["10.00"]:F2}");
        Assert.True(totals["-1.50"] > 3 * totals["2.00"], "the expansive network fires several times more than d = 2");
        Assert.True(totals["-1.50"] > 3 * totals["10.00"], "the expansive network fires several times more than d = 10");
    }

    /// <summary>Mixed oscillator from (v, 0.2v, -v), RK4 h = 0.01 to t = 8, sampled at t = 0, 2, 4, 6, 8.</summary>
    private static double[] Encode(double[] features, double delta)
    {
        var result = new double[5 * 3 * features.Length];
        for (var f = 0; f < features.Length; f++)
        {
            double[] s = [features[f], 0.2 * features[f], -features[f]];
            for (var step = 0; step <= 800; step++)
            {
                if (step % 200 == 0)
                {
                    var sample = step / 200;
                    for (var c = 0; c < 3; c++)
                    {
                        result[(sample * 3 * features.Length) + (3 * f) + c] = s[c];
                    }
                }

                if (step < 800)
                {
                    s = RungeKutta(s, delta, 0.01);
                }
            }
        }

        return result;
    }

    private static double[] RungeKutta(double[] s, double delta, double h)
    {
        double[] F(double[] u) => [u[1], (-2 * u[0]) - (0.1 * u[0] * u[0] * u[0]) - (delta * u[1]) + (0.1 * u[2]), -u[0] - (delta * u[2]) + (0.1 * u[0] * u[1])];
        double[] Add(double[] a, double[] b, double c) => [a[0] + (c * b[0]), a[1] + (c * b[1]), a[2] + (c * b[2])];
        var k1 = F(s);
        var k2 = F(Add(s, k1, h / 2));
        var k3 = F(Add(s, k2, h / 2));
        var k4 = F(Add(s, k3, h));
        return [s[0] + (h / 6 * (k1[0] + (2 * k2[0]) + (2 * k3[0]) + k4[0])), s[1] + (h / 6 * (k1[1] + (2 * k2[1]) + (2 * k3[1]) + k4[1])), s[2] + (h / 6 * (k1[2] + (2 * k2[2]) + (2 * k3[2]) + k4[2]))];
    }

    private static int Argmax(long[] counts)
    {
        var best = 0;
        for (var k = 1; k < counts.Length; k++)
        {
            if (counts[k] > counts[best])
            {
                best = k;
            }
        }

        return best;
    }
}
