using System.Globalization;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Encoders.Tests;

public class MixedOscillatorReferenceTests
{
    [SharedDataFact]
    public void Encoder_MatchesReferenceCsv_EveryRow()
    {
        var lines = File.ReadAllLines(SharedData.PathOf("dynamical-alignment/mixed_oscillator_trajectories.csv"));
        Assert.Equal("delta,feature_value,step,x,y,z", lines[0]);
        Assert.Equal(101, lines.Length);

        var worst = 0.0;
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var delta = fields[0];
            var value = fields[1];
            var step = (int)fields[2];
            var encoder = EncoderFactory.Create(EncoderSpec.Parse(
                "mixed-oscillator:delta=" + delta.ToString("R", CultureInfo.InvariantCulture)));
            var output = encoder.Encode([value]);

            Assert.Equal(15, output.Length);
            for (var axis = 0; axis < 3; axis++)
            {
                var error = Math.Abs(output[(step * 3) + axis] - fields[3 + axis]);
                worst = Math.Max(worst, error);
                Assert.True(
                    error <= 1e-9,
                    $"delta {delta}, v {value}, step {step}, axis {axis}: {output[(step * 3) + axis]:R} vs {fields[3 + axis]:R}");
            }
        }

        Assert.True(worst <= 1e-9);
    }

    [Fact]
    public void Encoder_DefaultsMatchReferenceProcedure()
    {
        var encoder = (DynamicalEncoder)EncoderFactory.Create("mixed-oscillator:delta=2");

        Assert.Equal(0.01, encoder.StepSize);
        Assert.Equal(8.0, encoder.TimeHorizon);
        Assert.Equal(800, encoder.IntegrationSteps);
        Assert.Equal(5, encoder.Steps);
        Assert.Equal(Systems.IntegrationMethod.RungeKutta4, encoder.Method);
        Assert.Equal(-4.0, encoder.System.ConstantDivergence);
    }

    [Fact]
    public void Encoder_SamplesStoredPointsAtGridTimes()
    {
        var encoder = (DynamicalEncoder)EncoderFactory.Create("mixed-oscillator:delta=2");
        var trajectory = encoder.Trajectory(0.5);
        var output = encoder.Encode([0.5]);

        for (var k = 0; k < 5; k++)
        {
            for (var axis = 0; axis < 3; axis++)
            {
                Assert.Equal(trajectory[(3 * 200 * k) + axis], output[(3 * k) + axis]);
            }
        }
    }

    [Fact]
    public void Encoder_InterpolatesBetweenPoints()
    {
        // tmax 0.03 at h 0.01 gives points at 0, 0.01, 0.02, 0.03; T = 3 samples at 0, 0.015 and 0.03.
        var encoder = (DynamicalEncoder)EncoderFactory.Create("mixed-oscillator:delta=1,tmax=0.03,steps=3");
        var trajectory = encoder.Trajectory(1);
        var output = encoder.Encode([1]);

        for (var axis = 0; axis < 3; axis++)
        {
            Assert.Equal(trajectory[axis], output[axis]);
            Assert.Equal(trajectory[3 + axis] + (0.5 * (trajectory[6 + axis] - trajectory[3 + axis])), output[3 + axis], 15);
            Assert.Equal(trajectory[9 + axis], output[6 + axis]);
        }
    }

    [Fact]
    public void Encoder_LaysOutFeaturesAsXyzTriples()
    {
        var encoder = EncoderFactory.Create("mixed-oscillator:delta=2");
        var single = new[] { -0.35, 0.5, 1.0 }.Select(v => encoder.Encode([v])).ToArray();
        var joint = encoder.Encode([-0.35, 0.5, 1.0]);

        Assert.Equal(9, encoder.OutputChannels(3));
        Assert.Equal(5 * 9, joint.Length);
        for (var step = 0; step < 5; step++)
        {
            for (var feature = 0; feature < 3; feature++)
            {
                for (var axis = 0; axis < 3; axis++)
                {
                    Assert.Equal(single[feature][(step * 3) + axis], joint[(step * 9) + (feature * 3) + axis]);
                }
            }
        }
    }

    [Fact]
    public void Encoder_StartsAtScaledFeature()
    {
        var output = EncoderFactory.Create("mixed-oscillator:delta=10").Encode([0.5]);

        Assert.Equal(0.5, output[0]);
        Assert.Equal(0.1, output[1]);
        Assert.Equal(-0.5, output[2]);
    }
}
