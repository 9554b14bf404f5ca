using System.Globalization;
using NeuroDeploy.Encoders;
using NeuroDeploy.Encoders.Dynamics;
using NeuroDeploy.Encoders.Systems;
using NeuroDeploy.Runtime.Simulator.Encoding;
using NeuroDeploy.Firmware.Protocol.Image;
using Xunit.Abstractions;

namespace NeuroDeploy.Cli.Tests.DynamicsEncoding;

/// <summary>
/// How long the fixed-point trajectory of a chaotic system stays within the tolerance of the float one. The
/// tolerance is 1e-3 of the range M, the max |x|, |y|, |z| over the float trajectories of the 21 grid starts on
/// [0, tmax].
/// </summary>
public sealed class FixedPointHorizonTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-3;

    // Both trajectories run to 250 tmax (500 time units at the default tmax 2), so that the slowest chaotic system
    // (Rossler, largest exponent 0.075) reaches the tolerance too.
    private const int HorizonFactor = 250;

    [Theory]
    [InlineData("lorenz")]
    [InlineData("chen")]
    [InlineData("rossler")]
    [InlineData("aizawa")]
    [InlineData("sprott-c")]
    [InlineData("chua")]
    public void ChaoticHorizonExceedsTmax(string name)
    {
        var encoder = (DynamicalEncoder)EncoderFactory.Create(EncoderSpec.Parse(name));
        var tmax = encoder.TimeHorizon;
        var tolerance = RelativeTolerance * Range(encoder);
        var extendedSpec = EncoderSpec.Parse(string.Create(CultureInfo.InvariantCulture, $"{name}:tmax={HorizonFactor * tmax}"));
        var extended = (DynamicalEncoder)EncoderFactory.Create(extendedSpec);
        var program = EncoderPrograms.Build(EncoderSpec.Parse(name), 1, 12);
        var extendedProgram = EncoderPrograms.Build(extendedSpec, 1, 12);

        // Same Q and parameters, so the first N + 1 points of the extended run are the default program's points.
        Assert.Equal(program.FractionBits, extendedProgram.FractionBits);
        Assert.Equal(program.Parameters, extendedProgram.Parameters);
        Assert.Equal(program.Step, extendedProgram.Step);

        var interpreter = new EncoderInterpreter(extendedProgram);
        var horizons = new List<double>();
        var startError = 0.0;
        foreach (var v in EncoderAnalysis.Grid(EncoderPrograms.GridPoints))
        {
            var errors = Errors(extended.Trajectory(v), interpreter.Trajectory(EncoderInterpreter.ToFeature(v, 0)), extendedProgram);
            startError = Math.Max(startError, errors[0]);
            var first = Array.FindIndex(errors, e => e > tolerance);
            horizons.Add(first < 0 ? double.PositiveInfinity : first * encoder.StepSize);
        }

        horizons.Sort();

        // Error growth exp(lambda t) from the start error reaches the tolerance at ln(tolerance / start error) / lambda.
        var exponent = LyapunovSpectrum.Compute(EncoderSpec.Parse(name), State3.FromFeature(0.5), 20, 200, 10)[0];
        var predicted = Math.Log(tolerance / startError) / exponent;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: tmax {tmax}, tolerance {tolerance:G3}, start error {startError:G3}, largest exponent {exponent:F3}, measured horizon {horizons[0]:F2} (worst start), {horizons[horizons.Count / 2]:F2} (median), {horizons.Count(double.IsPositiveInfinity)} starts within the tolerance up to t = {HorizonFactor * tmax}, predicted {predicted:F2}"));

        Assert.True(horizons[0] > tmax, $"{name}: the fixed-point trajectory leaves the tolerance {tolerance} at t = {horizons[0]}, inside tmax {tmax}");
    }

    [Theory]
    [InlineData("lorenz")]
    [InlineData("chen")]
    [InlineData("rossler")]
    [InlineData("aizawa")]
    [InlineData("nose-hoover")]
    [InlineData("sprott-c")]
    [InlineData("chua")]
    [InlineData("mixed-oscillator:delta=2")]
    [InlineData("mixed-oscillator:delta=2,drive=0.5")]
    public void OutputWithinToleranceAtTmax(string text)
    {
        var spec = EncoderSpec.Parse(text);
        var encoder = (DynamicalEncoder)EncoderFactory.Create(spec);
        var tolerance = RelativeTolerance * Range(encoder);
        var fractionBits = EncoderPrograms.InputFractionBits(CompileCommand.EncoderBound(text));
        var interpreter = new EncoderInterpreter(EncoderPrograms.Build(spec, 1, fractionBits));
        var maxError = 0.0;
        foreach (var v in EncoderAnalysis.Grid(EncoderPrograms.GridPoints))
        {
            var expected = encoder.Encode([v], 0);
            var actual = interpreter.Encode([EncoderInterpreter.ToFeature(v, 0)]);
            Assert.Equal(expected.Length, actual.Length);
            for (var k = 0; k < actual.Length; k++)
            {
                maxError = Math.Max(maxError, Math.Abs(Math.ScaleB((double)actual[k], -fractionBits) - expected[k]));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{text}: G {fractionBits}, tolerance {tolerance:G3}, max output error {maxError:G3}"));
        Assert.True(maxError < tolerance, $"{text}: max output error {maxError} exceeds the tolerance {tolerance}");
    }

    /// <summary>Returns the max |x|, |y|, |z| over the float trajectories of the grid starts on [0, tmax].</summary>
    private static double Range(DynamicalEncoder encoder) =>
        EncoderAnalysis.Grid(EncoderPrograms.GridPoints).Max(v => encoder.Trajectory(v).Max(Math.Abs));

    /// <summary>Returns max(|fixed - float|) over x, y, z at every integration point.</summary>
    private static double[] Errors(double[] reference, EncoderState[] points, EncoderProgram program)
    {
        var errors = new double[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            Int128[] state = [points[i].X, points[i].Y, points[i].Z];
            for (var axis = 0; axis < 3; axis++)
            {
                var value = Math.ScaleB((double)state[axis], -(int)program.FractionBits);
                errors[i] = Math.Max(errors[i], Math.Abs(value - reference[(3 * i) + axis]));
            }
        }

        return errors;
    }
}
