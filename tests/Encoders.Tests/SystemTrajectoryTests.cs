using NeuroDeploy.Encoders.Systems;

namespace NeuroDeploy.Encoders.Tests;

public class SystemTrajectoryTests
{
    // Vector fields written from the published equations, apart from the production classes.
    private static readonly Dictionary<string, Func<double, double[], double[]>> Fields = new(StringComparer.Ordinal)
    {
        ["lorenz"] = (_, s) => [10 * (s[1] - s[0]), (s[0] * (28 - s[2])) - s[1], (s[0] * s[1]) - (2.667 * s[2])],
        ["chen"] = (_, s) => [35 * (s[1] - s[0]), ((28 - 35) * s[0]) - (s[0] * s[2]) + (28 * s[1]), (s[0] * s[1]) - (3 * s[2])],
        ["rossler"] = (_, s) => [-s[1] - s[2], s[0] + (0.2 * s[1]), 0.2 + (s[2] * (s[0] - 5.7))],
        ["aizawa"] = (_, s) =>
        [
            ((s[2] - 0.7) * s[0]) - (3.5 * s[1]),
            (3.5 * s[0]) + ((s[2] - 0.7) * s[1]),
            0.6 + (0.95 * s[2]) - (Math.Pow(s[2], 3) / 3) - (((s[0] * s[0]) + (s[1] * s[1])) * (1 + (0.25 * s[2])))
                + (0.1 * s[2] * Math.Pow(s[0], 3)),
        ],
        ["nose-hoover"] = (_, s) => [s[1], -s[0] - (s[1] * s[2]), (s[1] * s[1]) - 1],
        ["sprott-c"] = (_, s) => [s[1] * s[2], s[0] - s[1], 1 - (3 * s[0] * s[0])],
        ["chua"] = (_, s) =>
        {
            var g = (-0.714 * s[0]) + ((-1.143 + 0.714) * (Math.Abs(s[0] + 1) - Math.Abs(s[0] - 1)) / 2);
            return [15.6 * (s[1] - s[0] - g), s[0] - s[1] + s[2], -28.58 * s[1]];
        },
        ["mixed-oscillator"] = (t, s) =>
        [
            s[1],
            (-2 * s[0]) - (0.1 * Math.Pow(s[0], 3)) - (0.5 * s[1]) + (0.1 * s[2]) + (0.3 * Math.Cos(1.5 * t)),
            (-1.5 * s[0]) - (0.5 * s[2]) + (0.1 * s[0] * s[1]),
        ],
    };

    public static TheoryData<string, string, bool> Systems => new()
    {
        { "lorenz", "lorenz", true },
        { "chen", "chen", true },
        { "rossler", "rossler", false },
        { "aizawa", "aizawa", false },
        { "nose-hoover", "nose-hoover", true },
        { "sprott-c", "sprott-c", false },
        { "chua", "chua", true },
        { "mixed-oscillator", "mixed-oscillator:delta=0.5,omega=1.5,drive=0.3", true },
    };

    [Theory]
    [MemberData(nameof(Systems))]
    public void Trajectory_MatchesIndependentIntegrator(string name, string text, bool rk4)
    {
        var encoder = (DynamicalEncoder)EncoderFactory.Create(text);
        var integrator = rk4 ? ButcherIntegrator.ClassicRk4 : ButcherIntegrator.ForwardEuler;

        Assert.Equal(rk4 ? IntegrationMethod.RungeKutta4 : IntegrationMethod.Euler, encoder.Method);
        foreach (var v in new[] { -1.0, -0.35, 0.5, 1.0 })
        {
            var expected = integrator.Integrate(Fields[name], [v, 0.2 * v, -v], encoder.StepSize, encoder.IntegrationSteps);
            var actual = encoder.Trajectory(v);

            // Rounding differences scale with the size of the state, so the 1e-12 tolerance is relative to the
            // largest |component| of the reference trajectory rather than to each component.
            var scale = Math.Max(1, expected.Max(p => p.Max(Math.Abs)));
            Assert.Equal(3 * expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                for (var axis = 0; axis < 3; axis++)
                {
                    var reference = expected[i][axis];
                    var tolerance = 1e-12 * scale;
                    Assert.True(
                        Math.Abs(actual[(3 * i) + axis] - reference) <= tolerance,
                        $"{name} v={v} point {i} axis {axis}: {actual[(3 * i) + axis]:R} vs {reference:R}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void Jacobian_MatchesFiniteDifferences(string name, string text, bool rk4)
    {
        _ = rk4;
        var system = EncoderAnalysis.CreateSystem(EncoderSpec.Parse(text));
        var jacobian = new double[9];
        foreach (var state in new[] { new State3(0.3, -0.7, 1.2), new State3(-1.6, 0.4, -0.2), new State3(2.5, 1.1, 0.9) })
        {
            system.Jacobian(0.4, state, jacobian);
            for (var column = 0; column < 3; column++)
            {
                const double step = 1e-6;
                var plus = Shift(state, column, step);
                var minus = Shift(state, column, -step);
                var dPlus = system.Derivative(0.4, plus);
                var dMinus = system.Derivative(0.4, minus);
                double[] difference =
                [
                    (dPlus.X - dMinus.X) / (2 * step),
                    (dPlus.Y - dMinus.Y) / (2 * step),
                    (dPlus.Z - dMinus.Z) / (2 * step),
                ];
                for (var row = 0; row < 3; row++)
                {
                    Assert.True(
                        Math.Abs(jacobian[(row * 3) + column] - difference[row]) <= 1e-6 * Math.Max(1, Math.Abs(difference[row])),
                        $"{name} at {state}: J[{row},{column}] = {jacobian[(row * 3) + column]:R}, difference {difference[row]:R}");
                }
            }

            var trace = jacobian[0] + jacobian[4] + jacobian[8];
            if (system.ConstantDivergence is { } divergence)
            {
                Assert.Equal(divergence, trace, 12);
            }
        }
    }

    [Fact]
    public void Chen_ReferenceParametersWithEuler_FailCleanly()
    {
        var encoder = EncoderFactory.Create("chen:a=60,b=2.667,c=97,method=euler");

        var error = Assert.Throws<EncoderDivergedException>(() => encoder.Encode([0.25, 0.5]));

        Assert.Equal("chen", error.SystemName);
        Assert.Equal(0.25, error.FeatureValue);
        Assert.True(error.Time > 0, $"diverged at t = {error.Time}");
        Assert.True(error.Time <= 0.25, $"diverged at t = {error.Time}");
        Assert.Equal(1e12, error.Limit);
        Assert.Contains("a=60", error.Message, StringComparison.Ordinal);
        Assert.Contains("c=97", error.Message, StringComparison.Ordinal);
        Assert.Contains("feature value 0.25", error.Message, StringComparison.Ordinal);
        Assert.Contains("at t = ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chen_ReferenceParameters_DivergeForEveryNonzeroFeature()
    {
        var encoder = EncoderFactory.Create("chen:a=60,b=2.667,c=97,method=euler");

        foreach (var v in new[] { -1.0, -0.5, -0.01, 0.01, 0.5, 1.0 })
        {
            var error = Assert.Throws<EncoderDivergedException>(() => encoder.Encode([v]));
            Assert.True(error.Time <= 0.25, $"v = {v} diverged at t = {error.Time}");
        }
    }

    [Fact]
    public void Limit_IsAParameter()
    {
        var encoder = (DynamicalEncoder)EncoderFactory.Create("lorenz:limit=5");
        var bounded = (DynamicalEncoder)EncoderFactory.Create("lorenz");

        var error = Assert.Throws<EncoderDivergedException>(() => encoder.Encode([1]));
        var trajectory = bounded.Trajectory(1);
        var firstOutside = Enumerable.Range(0, trajectory.Length / 3)
            .First(i => Math.Abs(trajectory[3 * i]) > 5 || Math.Abs(trajectory[(3 * i) + 1]) > 5 || Math.Abs(trajectory[(3 * i) + 2]) > 5);

        Assert.Equal(5.0, error.Limit);
        Assert.Equal(firstOutside * 0.01, error.Time);
    }

    [Fact]
    public void Encode_NeverEmitsNonFinite()
    {
        // At d = -1.5 and tmax 40 the mixed oscillator exceeds 1e12 before it overflows to infinity.
        var encoder = EncoderFactory.Create("mixed-oscillator:delta=-1.5,tmax=40");

        var error = Assert.Throws<EncoderDivergedException>(() => encoder.Encode([1]));

        Assert.True(error.Time < 40);
        Assert.False(error.State.IsWithin(1e12));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-1.0000001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Encode_FeatureOutsideRange_Throws(double value)
    {
        var encoder = EncoderFactory.Create("lorenz");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode([0.5, value]));

        Assert.Contains("Feature 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("max-abs", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static State3 Shift(State3 state, int axis, double amount) => axis switch
    {
        0 => state with { X = state.X + amount },
        1 => state with { Y = state.Y + amount },
        _ => state with { Z = state.Z + amount },
    };
}
