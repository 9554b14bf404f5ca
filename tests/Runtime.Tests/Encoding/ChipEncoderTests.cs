using NeuroDeploy.Compiler.Encoding;
using NeuroDeploy.Encoders;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;
using NeuroDeploy.Runtime.Simulator.Encoding;
using NeuroDeploy.Runtime.Tests.Simulator;

namespace NeuroDeploy.Runtime.Tests.Encoding;

public sealed class ChipEncoderTests
{
    private const uint FractionBits = 12;

    private static readonly int[] Features = [1 << 29, -(3 << 27)];

    [Fact]
    public void FeaturesEqualProgramRows()
    {
        var image = GradedImage(EncoderProgramFactory.Build(EncoderSpec.Parse("lorenz"), 2, (int)FractionBits));
        var chip = new Chip(image);
        var interpreter = new EncoderInterpreter(image.Encoder);
        var rows = new ChipInput(interpreter.Steps, 6, interpreter.Encode(Features));

        var onBoard = chip.Run(ChipInput.FromFeatures(Features), [0]);
        var fromRows = chip.Run(rows, [0]);

        Assert.Equal(fromRows.Steps, onBoard.Steps);
        Assert.Equal(fromRows.OutputSpikes, onBoard.OutputSpikes);
        Assert.Equal(fromRows.Traces[0].V, onBoard.Traces[0].V);
        Assert.Equal(fromRows.Counters.MultiplyAccumulates, onBoard.Counters.MultiplyAccumulates);
        Assert.Equal(fromRows.Counters.InputEvents, onBoard.Counters.InputEvents);
        Assert.Equal(fromRows.Counters.Cycles, onBoard.Counters.Cycles);
        Assert.True(onBoard.Counters.SpikesPerPopulation[0] > 0, "the test network should spike");
    }

    [Fact]
    public void BatchOfFeaturesEqualsSingleRuns()
    {
        var image = GradedImage(EncoderProgramFactory.Build(EncoderSpec.Parse("mixed-oscillator:delta=2"), 2, (int)FractionBits));
        var chip = new Chip(image);
        var inputs = new[] { ChipInput.FromFeatures(Features), ChipInput.FromFeatures([0.25, -1.0]), ChipInput.FromFeatures([1.0, 0.0]) };

        var batch = chip.RunBatch(inputs, 2);

        for (var s = 0; s < inputs.Length; s++)
        {
            var single = chip.Run(inputs[s]);
            Assert.Equal(single.OutputSpikes, batch[s].OutputSpikes);
            Assert.Equal(single.Counters.SynapticOperations, batch[s].Counters.SynapticOperations);
        }
    }

    [Fact]
    public void FeaturesWithoutProgramRejected()
    {
        var chip = new Chip(GradedImage(program: null));

        var error = Assert.Throws<ArgumentException>(() => chip.Run(ChipInput.FromFeatures(Features)));

        Assert.Contains("no encoder program", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, chip.EncoderOperationsPerSample.Total);
    }

    [Fact]
    public void FeatureCountMismatchRejected()
    {
        var image = GradedImage(EncoderProgramFactory.Build(EncoderSpec.Parse("lorenz"), 0, (int)FractionBits));
        var chip = new Chip(image);

        var error = Assert.Throws<ArgumentException>(() => chip.Run(ChipInput.FromFeatures([1, 2, 3])));

        Assert.Contains("3 features", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProgramFormatMismatchRejected()
    {
        var image = GradedImage(EncoderProgramFactory.Build(EncoderSpec.Parse("lorenz"), 2, (int)FractionBits - 1));

        var error = Assert.Throws<InvalidDataException>(() => new Chip(image));

        Assert.Contains("11 fraction bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FeatureOutsideRangeRejected()
    {
        var chip = new Chip(GradedImage(EncoderProgramFactory.Build(EncoderSpec.Parse("lorenz"), 2, (int)FractionBits)));

        Assert.Throws<ArgumentException>(() => chip.Run(ChipInput.FromFeatures([(1 << 30) + 1, 0])));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChipInput.FromFeatures([1.5, 0.0]));
    }

    [Fact]
    public void EncoderOperationsCountedPerFeature()
    {
        var chip = new Chip(GradedImage(EncoderProgramFactory.Build(EncoderSpec.Parse("mixed-oscillator:delta=2"), 2, (int)FractionBits)));

        // Per feature, the start takes 1 multiply and 2 additions. Each of the 800 RK4 steps takes 4 x (10 multiplies,
        // 7 additions) for the field, 12 multiplies by h, 33 additions and 3 divisions. Interpolation takes
        // 5 samples x 3 values x (2 multiplies, 2 additions, 1 division).
        var expected = new EncoderOperationCounts(
            Multiplies: 2 * (1 + (800 * 52) + 30),
            Additions: 2 * (2 + (800 * 61) + 30),
            Divisions: 2 * ((800 * 3) + 15));
        Assert.Equal(expected, chip.EncoderOperationsPerSample);
    }

    [Fact]
    public void EulerOperationsCountedPerFeature()
    {
        var interpreter = new EncoderInterpreter(EncoderProgramFactory.Build(EncoderSpec.Parse("sprott-c"), 1, (int)FractionBits));

        // 200 Euler steps of one field (3 multiplies, 2 additions) plus 3 multiplies by h and 3 additions.
        var expected = new EncoderOperationCounts(Multiplies: 1 + (200 * 6) + 30, Additions: 2 + (200 * 5) + 30, Divisions: 15);
        Assert.Equal(expected, interpreter.CountOperations(1));
    }

    /// <summary>One feature pair (6 graded channels) feeding 4 LIF neurons; every channel reaches every neuron.</summary>
    private static NeuroImage GradedImage(EncoderProgram? program)
    {
        var image = TestImages.Create(6, graded: true, fractionBits: FractionBits);
        var core = TestImages.AddPopulation(image, 0, TestImages.Parameters(NeuronModel.Lif, ResetMode.Subtract, threshold: 1 << 14, decayV: 60000), 4);
        for (uint channel = 0; channel < 6; channel++)
        {
            var sign = (short)(channel % 2 == 0 ? 1 : -1);
            TestImages.AddInputAxon(image.Cores[core], channel, 0, [0, 1, 2, 3], [(short)(700 * sign), (short)(-300 * sign), 1200, (short)(90 * sign)]);
        }

        TestImages.SetOutput(image, 0);
        if (program is not null)
        {
            image.Input.Steps = program.Samples;
            image.Encoder = program;
        }

        return image;
    }
}
