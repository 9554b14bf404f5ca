using System.Globalization;
using NeuroDeploy.Cli.Tests.Dynamics;
using NeuroDeploy.Data;
using NeuroDeploy.Encoders;
using NeuroDeploy.Runtime.Simulator.Encoding;
using Xunit.Abstractions;

namespace NeuroDeploy.Cli.Tests.DynamicsEncoding;

public sealed class FixedPointEncoderTests(ITestOutputHelper output)
{
    // Max |fixed - float| over every integration point of the 21 grid starts, measured with this test and
    // rounded up to the next power of ten (the table in docs/encoders.md lists the measured values).
    [Theory]
    [InlineData("mixed-oscillator:delta=-1.5", 1e-4)]
    [InlineData("mixed-oscillator:delta=0", 1e-9)]
    [InlineData("mixed-oscillator:delta=2", 1e-9)]
    [InlineData("mixed-oscillator:delta=10", 1e-9)]
    [InlineData("lorenz", 1e-6)]
    [InlineData("chen", 1e-6)]
    [InlineData("rossler", 1e-9)]
    [InlineData("sprott-c", 1e-8)]
    [InlineData("aizawa", 1e-8)]
    [InlineData("nose-hoover", 1e-8)]
    [InlineData("chua", 1e-8)]
    [InlineData("mixed-oscillator:delta=2,drive=0.5", 1e-9)]
    [InlineData("mixed-oscillator:delta=0.5,omega=1.5,drive=0.3", 1e-9)]
    [InlineData("mixed-oscillator:delta=-1.5,drive=0.5", 1e-4)]
    public void TrajectoryMatchesFloat(string text, double bound)
    {
        var spec = EncoderSpec.Parse(text);
        var encoder = (DynamicalEncoder)EncoderFactory.Create(spec);
        var program = EncoderPrograms.Build(spec, 1, 12);
        var interpreter = new EncoderInterpreter(program);
        var scale = Math.ScaleB(1.0, -(int)program.FractionBits);
        var maxError = 0.0;
        var maxValue = 0.0;
        foreach (var v in EncoderAnalysis.Grid(21))
        {
            var reference = encoder.Trajectory(v);
            var points = interpreter.Trajectory(EncoderInterpreter.ToFeature(v, 0));
            for (var i = 0; i < points.Length; i++)
            {
                double[] fixedPoint = [(double)points[i].X * scale, (double)points[i].Y * scale, (double)points[i].Z * scale];
                for (var axis = 0; axis < 3; axis++)
                {
                    maxError = Math.Max(maxError, Math.Abs(fixedPoint[axis] - reference[(3 * i) + axis]));
                    maxValue = Math.Max(maxValue, Math.Abs(reference[(3 * i) + axis]));
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{text}: Q{program.FractionBits}, max |value| {maxValue:G4}, max error {maxError:G3}"));
        Assert.True(maxError < bound, $"max error {maxError} exceeds {bound}");
    }

    [Fact]
    public void DrivenOscillatorCarriesForcingTable()
    {
        var spec = EncoderSpec.Parse("mixed-oscillator:delta=2,drive=0.5,omega=1.5");

        var program = EncoderPrograms.Build(spec, 7, 12);

        // Six parameters, then drive cos(omega j h / 2) for the 2N + 1 = 1601 half steps of N = 800.
        Assert.Equal(6 + 1601, program.Parameters.Count);
        Assert.Equal(FixedPoint(0.5, program.FractionBits), program.Parameters[6]);
        Assert.Equal(FixedPoint(0.5 * Math.Cos(1.5 * 0.005), program.FractionBits), program.Parameters[7]);
        Assert.Equal(FixedPoint(0.5 * Math.Cos(1.5 * (800 * 0.01)), program.FractionBits), program.Parameters[^1]);
    }

    [Fact]
    public void DrivenOscillatorOverStepLimitIsRejected()
    {
        // 100 001 steps, one more than a driven program's forcing table allows.
        var spec = EncoderSpec.Parse("mixed-oscillator:delta=2,drive=0.5,tmax=1000.01");

        var error = Assert.Throws<UsageException>(() => EncoderPrograms.Build(spec, 7, 12));

        Assert.Contains("drive", error.Message, StringComparison.Ordinal);
        Assert.Contains("100000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lorenz")]
    [InlineData("chen")]
    [InlineData("rossler")]
    [InlineData("aizawa")]
    [InlineData("nose-hoover")]
    [InlineData("sprott-c")]
    [InlineData("chua")]
    [InlineData("mixed-oscillator:delta=2,drive=0.5")]
    public void EncodeRawEqualsInterpreterForSystem(string spec)
    {
        var folder = CliHost.TemporaryFolder();
        var values = CliHost.RandomFeatures(seed: 12, rows: 3, width: 4);
        var features = CliHost.WriteCsv(folder, values, 4);
        var raw = Path.Combine(folder, "raw.npy");

        Assert.Equal(0, CliHost.Invoke("encode", "--encoder", spec, "--input", features, "--fixed-point", "--raw", "--output", raw));

        var fractionBits = EncoderPrograms.InputFractionBits(CompileCommand.EncoderBound(spec));
        var interpreter = new EncoderInterpreter(EncoderPrograms.Build(EncoderSpec.Parse(spec), 4, fractionBits));
        var written = Npy.Read(raw);
        Assert.Equal([3, 5, 12], written.Shape);
        for (var s = 0; s < 3; s++)
        {
            var integers = values.Skip(s * 4).Take(4).Select((v, f) => EncoderInterpreter.ToFeature(v, f)).ToArray();
            var expected = interpreter.Encode(integers);
            for (var k = 0; k < expected.Length; k++)
            {
                Assert.Equal(expected[k], (int)written.Data[(s * 60) + k]);
            }
        }
    }

    [Fact]
    public void ClassicalEncoderStaysOnHost()
    {
        Assert.Throws<UsageException>(() => EncoderPrograms.Build(EncoderSpec.Parse("rate"), 7, 12));
    }

    [Fact]
    public void EncodeRawEqualsInterpreter()
    {
        var folder = CliHost.TemporaryFolder();
        var values = CliHost.RandomFeatures(seed: 11, rows: 4, width: 7);
        var features = CliHost.WriteCsv(folder, values, 7);
        var raw = Path.Combine(folder, "raw.npy");
        var scaled = Path.Combine(folder, "scaled.npy");
        const string Spec = "mixed-oscillator:delta=-1.5";

        Assert.Equal(0, CliHost.Invoke("encode", "--encoder", Spec, "--input", features, "--fixed-point", "--profile", "generic", "--raw", "--output", raw));
        Assert.Equal(0, CliHost.Invoke("encode", "--encoder", Spec, "--input", features, "--fixed-point", "--output", scaled));

        var fractionBits = EncoderPrograms.InputFractionBits(CompileCommand.EncoderBound(Spec));
        var program = EncoderPrograms.Build(EncoderSpec.Parse(Spec), 7, fractionBits);
        var interpreter = new EncoderInterpreter(program);
        var written = Npy.Read(raw);
        var writtenFloat = Npy.Read(scaled);
        Assert.Equal([4, 5, 21], written.Shape);
        for (var s = 0; s < 4; s++)
        {
            var integers = values.Skip(s * 7).Take(7).Select((v, f) => EncoderInterpreter.ToFeature(v, f)).ToArray();
            var expected = interpreter.Encode(integers);
            for (var k = 0; k < expected.Length; k++)
            {
                Assert.Equal(expected[k], (int)written.Data[(s * 105) + k]);
                Assert.Equal((float)Math.ScaleB((double)expected[k], -fractionBits), (float)writtenFloat.Data[(s * 105) + k]);
            }
        }
    }

    [Fact]
    public void RawWithoutFixedPointExitsTwo()
    {
        var folder = CliHost.TemporaryFolder();
        var features = CliHost.WriteCsv(folder, CliHost.RandomFeatures(seed: 1, rows: 1, width: 7), 7);

        var code = CliHost.Invoke("encode", "--encoder", "mixed-oscillator:delta=2", "--input", features, "--raw", "--output", Path.Combine(folder, "x.npy"));

        Assert.Equal(ExitCodes.BadInput, code);
    }

    private static long FixedPoint(double value, uint fractionBits) =>
        (long)Math.Round(Math.ScaleB(value, (int)fractionBits), MidpointRounding.AwayFromZero);
}
