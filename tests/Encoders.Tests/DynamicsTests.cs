using System.Globalization;
using System.Text.Json;
using NeuroDeploy.Encoders.Dynamics;
using NeuroDeploy.Encoders.Systems;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Encoders.Tests;

public class DynamicsTests
{
    private const string Lorenz = "lorenz:beta=2.6666666666666665";

    [Fact]
    public void Lorenz_LongRun_MatchesPublishedSpectrum()
    {
        // Published spectrum of the Lorenz attractor at sigma 10, rho 28, beta 8/3: 0.906, 0, -14.57.
        var exponents = LyapunovSpectrum.Compute(EncoderSpec.Parse(Lorenz), new State3(1, 1, 1), 20, 2000, 10);

        Assert.InRange(exponents[0], 0.906 * 0.98, 0.906 * 1.02);
        Assert.InRange(exponents[1], -0.02, 0.02);
        Assert.InRange(exponents[2], -14.57 * 1.02, -14.57 * 0.98);
    }

    [Fact]
    public void Lorenz_Sum_EqualsDivergence()
    {
        var exponents = LyapunovSpectrum.Compute(EncoderSpec.Parse(Lorenz), new State3(1, 1, 1), 10, 200, 10);

        Assert.Equal(-(10 + 1 + (8.0 / 3.0)), exponents.Sum(), 3);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    [InlineData(10.0)]
    public void MixedOscillator_VolumeRate_IsMinusTwoDelta(double delta)
    {
        var spec = EncoderSpec.Parse("mixed-oscillator:delta=" + delta.ToString(CultureInfo.InvariantCulture));

        var exponents = LyapunovSpectrum.Compute(spec, State3.FromFeature(0.5), 0, 100, 10);

        Assert.True(Math.Abs(exponents.Sum() - (-2 * delta)) <= 1e-3, $"sum {exponents.Sum():R}");
    }

    [Fact]
    public void MixedOscillator_Expansive_VolumeRateOverHorizon()
    {
        // At delta -1.5 trajectories grow without bound, so the spectrum is taken over the encoder's horizon
        // (tmax 8, where |z| stays below 2e5); the tangent volume still grows at the constant rate -2 delta.
        var spec = EncoderSpec.Parse("mixed-oscillator:delta=-1.5");

        var exponents = LyapunovSpectrum.Compute(spec, State3.FromFeature(1), 0, 8, 10);

        Assert.True(Math.Abs(exponents.Sum() - 3) <= 1e-3, $"sum {exponents.Sum():R}");
        Assert.Throws<EncoderDivergedException>(
            () => LyapunovSpectrum.Compute(spec, State3.FromFeature(1), 0, 200, 10));
    }

    [Fact]
    public void SprottC_Sum_IsMinusOne()
    {
        var exponents = LyapunovSpectrum.Compute(EncoderSpec.Parse("sprott-c"), State3.FromFeature(0.5), 10, 200, 10);

        Assert.True(Math.Abs(exponents.Sum() + 1) <= 1e-3, $"sum {exponents.Sum():R}");
    }

    [Fact]
    public void Chen_Sum_IsCMinusAMinusB()
    {
        var exponents = LyapunovSpectrum.Compute(EncoderSpec.Parse("chen"), State3.FromFeature(0.5), 10, 100, 10);

        Assert.True(Math.Abs(exponents.Sum() - (28 - 35 - 3)) <= 1e-3, $"sum {exponents.Sum():R}");
        Assert.True(exponents[0] > 1, $"largest {exponents[0]:R}");
    }

    [Fact]
    public void Compute_InvalidArguments_Throw()
    {
        var spec = EncoderSpec.Parse("lorenz");

        Assert.Throws<ArgumentOutOfRangeException>(() => LyapunovSpectrum.Compute(spec, new State3(1, 1, 1), -1, 10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LyapunovSpectrum.Compute(spec, new State3(1, 1, 1), 0, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LyapunovSpectrum.Compute(spec, new State3(1, 1, 1), 0, 10, 0));
        Assert.Throws<ArgumentException>(() => LyapunovSpectrum.Compute(EncoderSpec.Parse("rate"), new State3(1, 1, 1), 0, 10, 10));
    }

    [Theory]
    [InlineData("mixed-oscillator:delta=-1.5", "expansive", "finite-time")]
    [InlineData("mixed-oscillator:delta=0", "critical", "long-run")]
    [InlineData("mixed-oscillator:delta=2", "dissipative", "long-run")]
    [InlineData("lorenz", "dissipative", "long-run")]
    public void Report_ClassifiesMode(string text, string mode, string source)
    {
        var report = DynamicsReport.Compute(EncoderSpec.Parse(text), new DynamicsOptions { Duration = 100 });

        Assert.Equal(mode, report.Mode);
        Assert.Equal(source, report.LyapunovSource);
        Assert.True(report.Lyapunov[0] >= report.Lyapunov[1]);
        Assert.True(report.Lyapunov[1] >= report.Lyapunov[2]);
        Assert.Equal(report.Lyapunov.Sum(), report.VolumeRate);
    }

    [Fact]
    public void Report_Json_HasContractKeys()
    {
        var report = DynamicsReport.Compute(EncoderSpec.Parse("rossler"), new DynamicsOptions { Duration = 50 });

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;

        Assert.Equal(3, root.GetProperty("lyapunov").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("volume_rate").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("analytic_divergence").ValueKind);
        Assert.Equal("dissipative", root.GetProperty("mode").GetString());
        Assert.Equal(3, root.GetProperty("finite_time_lyapunov").GetArrayLength());
        Assert.Equal(2.0, root.GetProperty("finite_time_horizon").GetDouble());
        Assert.Equal(21, root.GetProperty("grid_points").GetInt32());
        Assert.True(root.GetProperty("trajectory_range").GetProperty("z").GetProperty("max").GetDouble() >= 1);
    }

    [Theory]
    [InlineData("lorenz", -13.667)]
    [InlineData("chen", -10.0)]
    [InlineData("sprott-c", -1.0)]
    [InlineData("mixed-oscillator:delta=2", -4.0)]
    public void Report_AnalyticDivergence_WhereConstant(string text, double divergence)
    {
        var report = DynamicsReport.Compute(EncoderSpec.Parse(text), new DynamicsOptions { Duration = 20, GridPoints = 3 });

        Assert.NotNull(report.AnalyticDivergence);
        Assert.Equal(divergence, report.AnalyticDivergence.Value, 9);
    }

    [Fact]
    public void Report_ExpansiveRange_ContainsReferencePoints()
    {
        var report = DynamicsReport.Compute(
            EncoderSpec.Parse("mixed-oscillator:delta=-1.5"), new DynamicsOptions { GridPoints = 3, Duration = 20 });

        Assert.NotNull(report.TrajectoryRange);
        Assert.Equal(0, report.DivergedStarts);
        Assert.Equal(20.0, report.LongRunDuration);
        Assert.NotNull(report.LongRunDivergedAt);
        Assert.True(report.TrajectoryRange.Z.Max > 1.9e5);
        Assert.True(report.TrajectoryRange.Z.Min < -1.5e5);
    }

    [SharedDataFact]
    public void Bounds_MatchReferenceSampledMaxima()
    {
        // With 3 grid points the starts are v = -1, 0, 1, which the reference file covers.
        var rows = File.ReadAllLines(SharedData.PathOf("dynamical-alignment/mixed_oscillator_trajectories.csv"))
            .Skip(1)
            .Select(line => line.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray())
            .Where(r => r[0] == -1.5 && (r[1] == -1 || r[1] == 0 || r[1] == 1))
            .ToList();

        var bounds = EncoderAnalysis.Bounds(EncoderSpec.Parse("mixed-oscillator:delta=-1.5"), 3);

        Assert.Equal(15, rows.Count);
        Assert.Equal(rows.Max(r => Math.Abs(r[3])), bounds.Sampled.X, 1e-9);
        Assert.Equal(rows.Max(r => Math.Abs(r[4])), bounds.Sampled.Y, 1e-9);
        Assert.Equal(rows.Max(r => Math.Abs(r[5])), bounds.Sampled.Z, 1e-9);
        Assert.True(bounds.Integrated.X >= bounds.Sampled.X);
        Assert.True(bounds.Integrated.Y >= bounds.Sampled.Y);
        Assert.True(bounds.Integrated.Z >= bounds.Sampled.Z);
        Assert.Equal(bounds.Sampled.Z, bounds.SampledMax);
    }

    [Fact]
    public void Bounds_Classical_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => EncoderAnalysis.Bounds(EncoderSpec.Parse("rate"), 21));

        Assert.Contains("lorenz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_IsSymmetricWithExactZero()
    {
        Assert.Equal(new[] { -1.0, -0.5, 0.0, 0.5, 1.0 }, EncoderAnalysis.Grid(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => EncoderAnalysis.Grid(1));
    }
}
