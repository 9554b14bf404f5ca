using System.Globalization;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator.Encoding;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Runtime.Tests.Encoding;

public sealed class EncoderInterpreterTests
{
    // Q40 leaves 22 integer bits, enough for the largest reference value (|z| about 2e5 at delta -1.5).
    private const int FractionBits = 40;

    [Theory]
    [InlineData(7, 3, 2)]
    [InlineData(-7, 3, -2)]
    [InlineData(9, 6, 2)]
    [InlineData(-9, 6, -2)]
    [InlineData(8, 6, 1)]
    public void RoundDivideTiesAwayFromZero(long value, long divisor, long expected)
    {
        Assert.Equal((Int128)expected, EncoderArithmetic.RoundDivide(value, divisor));
    }

    [Theory]
    [InlineData(3, 1, 2)]
    [InlineData(-3, 1, -2)]
    [InlineData(5, 2, 1)]
    [InlineData(6, 2, 2)]
    [InlineData(3, -2, 12)]
    public void RoundShiftTiesAwayFromZero(long value, int shift, long expected)
    {
        Assert.Equal((Int128)expected, EncoderArithmetic.RoundShift(value, shift));
    }

    [SharedDataFact]
    public void MixedOscillatorMatchesReferenceCsv()
    {
        var lines = File.ReadAllLines(SharedData.PathOf("dynamical-alignment/mixed_oscillator_trajectories.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(["delta", "feature_value", "step", "x", "y", "z"], header);
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(100, rows.Length);
        foreach (var group in rows.GroupBy(r => (Delta: r[0], Value: r[1])))
        {
            var interpreter = new EncoderInterpreter(Program(group.Key.Delta));
            var feature = EncoderInterpreter.ToFeature(group.Key.Value, 0);
            var points = interpreter.Trajectory(feature);
            foreach (var row in group)
            {
                // Sample k of 5 lies exactly on integration point 200 k (t = 0, 2, 4, 6, 8).
                var step = (int)row[2];
                var point = points[200 * step];
                Int128[] state = [point.X, point.Y, point.Z];
                for (var axis = 0; axis < 3; axis++)
                {
                    var value = Math.ScaleB((double)state[axis], -FractionBits);
                    var expected = row[3 + axis];

                    // Values reach 2e5 at delta -1.5, where the expansion amplifies rounding; elsewhere they stay near 1.
                    var tolerance = group.Key.Delta < 0 ? 1e-4 : 1e-8;
                    Assert.True(
                        Math.Abs(value - expected) < tolerance,
                        $"delta {group.Key.Delta}, v {group.Key.Value}, step {step}, axis {axis}: {value} vs {expected}");
                }
            }
        }
    }

    [Fact]
    public void SamplesInterpolateBetweenPoints()
    {
        // N = 10 points and T = 4 samples put sample 1 at position 10 / 3 = 3 + 1/3, between points 3 and 4.
        var program = Program(2);
        program.IntegrationSteps = 10;
        program.Samples = 4;
        program.OutputFractionBits = 16;
        var interpreter = new EncoderInterpreter(program);
        var feature = EncoderInterpreter.ToFeature(0.5, 0);
        var points = interpreter.Trajectory(feature);

        var output = interpreter.Encode([feature]);

        var exact = (double)((points[3].X * 3) + (points[4].X - points[3].X)) / (3.0 * Math.ScaleB(1.0, FractionBits - 16));
        Assert.Equal((int)Math.Round(exact, MidpointRounding.AwayFromZero), output[3]);
        Assert.Equal((int)EncoderArithmetic.RoundShift(points[10].Z, FractionBits - 16), output[11]);
    }

    [Fact]
    public void DrivenProgramIsRejected()
    {
        var program = Program(2);
        program.Parameters[5] = 1L << FractionBits;

        var error = Assert.Throws<InvalidDataException>(() => new EncoderInterpreter(program));

        Assert.Contains("drive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FeatureOutsideRangeIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EncoderInterpreter.ToFeature(1.5, 3));
    }

    private static EncoderProgram Program(double delta)
    {
        var program = new EncoderProgram
        {
            Spec = "mixed-oscillator:delta=" + delta.ToString("R", CultureInfo.InvariantCulture),
            System = "mixed-oscillator",
            Method = "rk4",
            FractionBits = FractionBits,
            Step = Fixed(0.01),
            IntegrationSteps = 800,
            Samples = 5,
            Features = 1,
            OutputFractionBits = 0,
            Normalize = "none",
        };
        program.Parameters.Add([Fixed(2), Fixed(0.1), Fixed(0.1), Fixed(delta), Fixed(1), 0]);
        return program;
    }

    private static long Fixed(double value) => (long)Math.Round(Math.ScaleB(value, FractionBits), MidpointRounding.AwayFromZero);
}
