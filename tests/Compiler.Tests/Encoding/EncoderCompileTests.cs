using Google.Protobuf;
using NeuroDeploy.Compiler.Encoding;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Encoders;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Compiler.Tests.Encoding;

public sealed class EncoderCompileTests
{
    private const string Model = "dynamical-alignment/mixed_oscillator_delta_-1.50.nir";

    private static readonly EncoderSpec Expansive = EncoderSpec.Parse("mixed-oscillator:delta=-1.5");

    [SharedDataFact]
    public void CompileEmbedsProgram()
    {
        var compiled = Compile(Expansive, "max-abs");
        var image = compiled.Image;

        Assert.Null(compiled.EncoderNote);
        Assert.NotNull(image.Encoder);
        Assert.Equal(Expansive.ToString(), image.Encoder.Spec);
        Assert.Equal("max-abs", image.Encoder.Normalize);
        Assert.Equal(7u, image.Encoder.Features);
        Assert.Equal(5u, image.Input.Steps);
        Assert.Equal(image.Input.FractionBits, image.Encoder.OutputFractionBits);
        Assert.Equal(12u, image.Input.FractionBits);
        Assert.Equal(image, ImageDigest.ParseVerified(image.ToByteArray()));
    }

    [SharedDataFact]
    public void CompileWithProgramIsDeterministic()
    {
        var first = Compile(Expansive, "none").Image.ToByteArray();
        var second = Compile(Expansive, "none").Image.ToByteArray();

        Assert.Equal(first, second);
    }

    [SharedDataFact]
    public void ProgramLeavesNetworkDigest()
    {
        var withProgram = Compile(Expansive, "none").Image;
        var switched = EncoderSwitch.Replace(withProgram, EncoderProgramFactory.Build(
            EncoderSpec.Parse("mixed-oscillator:delta=10"), 7, (int)withProgram.Input.FractionBits));

        Assert.Equal(withProgram.NetworkDigest, switched.NetworkDigest);
        Assert.NotEqual(withProgram.Digest, switched.Digest);
        Assert.Equal("mixed-oscillator", switched.Encoder.System);
    }

    [SharedDataFact]
    public void UnsupportedEncoderLeavesNote()
    {
        var compiled = Compile(EncoderSpec.Parse("rate"), "none");

        Assert.Null(compiled.Image.Encoder);
        Assert.Equal(0u, compiled.Image.Input.Steps);
        Assert.Contains("rate", compiled.EncoderNote, StringComparison.Ordinal);
    }

    [SharedDataTheory]
    [InlineData("aizawa", 6)]
    [InlineData("nose-hoover", 1)]
    [InlineData("chua", 5)]
    [InlineData("mixed-oscillator:delta=2,drive=0.5", 6 + 1601)]
    public void CompileEmbedsProgramOfSystem(string text, int parameterCount)
    {
        var spec = EncoderSpec.Parse(text);

        var compiled = Compile(spec, "none");

        Assert.Null(compiled.EncoderNote);
        Assert.Equal(spec.Name, compiled.Image.Encoder.System);
        Assert.Equal(parameterCount, compiled.Image.Encoder.Parameters.Count);
        Assert.Equal(48u, compiled.Image.Encoder.FractionBits);
    }

    [SharedDataFact]
    public void DrivenOscillatorOverStepLimitLeavesNote()
    {
        // 100 001 steps, one more than a driven program's forcing table allows.
        var compiled = Compile(EncoderSpec.Parse("mixed-oscillator:delta=2,drive=0.5,tmax=1000.01"), "none");

        Assert.Null(compiled.Image.Encoder);
        Assert.Contains("drive", compiled.EncoderNote, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void SwitchRejectsOtherStepCount()
    {
        var image = Compile(Expansive, "none").Image;
        var program = EncoderProgramFactory.Build(EncoderSpec.Parse("mixed-oscillator:delta=2,steps=6"), 7, (int)image.Input.FractionBits);

        var error = Assert.Throws<CompileException>(() => EncoderSwitch.Replace(image, program));

        Assert.Contains("steps=5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FactoryRejectsSpikeEncoder()
    {
        Assert.NotNull(EncoderProgramFactory.Unsupported(EncoderSpec.Parse("rate")));
        Assert.Throws<CompileException>(() => EncoderProgramFactory.Build(EncoderSpec.Parse("latency"), 1, 12));
        Assert.Null(EncoderProgramFactory.Unsupported(EncoderSpec.Parse("lorenz")));
    }

    [Fact]
    public void EverySystemHasProgram()
    {
        foreach (var name in new[] { "mixed-oscillator:delta=2", "lorenz", "chen", "rossler", "aizawa", "nose-hoover", "sprott-c", "chua" })
        {
            Assert.Null(EncoderProgramFactory.Unsupported(EncoderSpec.Parse(name)));
        }
    }

    [Fact]
    public void BuilderRejectsDrivenOverStepLimit()
    {
        var request = new EncoderProgramRequest
        {
            Spec = "mixed-oscillator:delta=2,drive=0.5",
            System = "mixed-oscillator",
            Method = "rk4",
            Parameters = [2, 0.1, 0.1, 2, 1, 0.5],
            StepSize = 0.01,
            IntegrationSteps = EncoderProgramLayout.MaxDrivenIntegrationSteps + 1,
            Samples = 5,
            IntegratedMax = [1, 1, 1],
            PeakStarts = [1, 1, 1],
            OutputFractionBits = 16,
        };

        var error = Assert.Throws<CompileException>(() => EncoderProgramBuilder.Build(request));

        Assert.Contains("drive", error.Message, StringComparison.Ordinal);
    }

    private static CompileResult Compile(EncoderSpec spec, string normalize) =>
        ModelCompiler.Compile(SharedData.PathOf(Model), new CompileOptions
        {
            Dt = 1e-4,
            GradedInput = true,
            InputBound = EncoderAnalysis.Bounds(Expansive).SampledMax,
            Encoder = spec,
            Normalize = normalize,
        });
}
