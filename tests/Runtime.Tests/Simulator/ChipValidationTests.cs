using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;
using static NeuroDeploy.Runtime.Tests.Simulator.TestImages;

namespace NeuroDeploy.Runtime.Tests.Simulator;

/// <summary>Malformed images and run arguments are rejected with a message that names the field.</summary>
public sealed class ChipValidationTests
{
    /// <summary>
    /// A valid image: two input channels; population 0 is core 0 (stage 0, two neurons, fed by channel 0);
    /// population 1 is core 1 (stage 1, one neuron, fed by core 0 neuron 0 with delay 0). Output is population 1.
    /// </summary>
    private static NeuroImage ValidImage()
    {
        var image = Create(channels: 2);
        var first = AddPopulation(image, 0, Parameters(NeuronModel.Lif, ResetMode.Zero, 10), 2);
        var second = AddPopulation(image, 1, Parameters(NeuronModel.CubaLif, ResetMode.Subtract, 10), 1);
        AddInputAxon(image.Cores[first], 0, 0, [0, 1], [1, 2]);
        AddNeuronAxon(image.Cores[second], first, 0, 0, [0], [3]);
        SetOutput(image, 1);
        return image;
    }

    [Fact]
    public void ValidImageLoads()
    {
        var result = new Chip(ValidImage()).Run(Input([0, 0]));

        Assert.Equal(1, result.Steps);
        Assert.Equal(1, result.OutputSize);
    }

    [Theory]
    [InlineData("population", "Core 1: population is 5")]
    [InlineData("stage", "Core 1 axon 0: delay is 0")]
    [InlineData("sourceCore", "Core 1 axon 0: source.neuron.core is 9")]
    [InlineData("sourceNeuron", "Core 1 axon 0: source.neuron.neuron is 2")]
    [InlineData("decayV", "Core 0: parameters.decay_v is 65537")]
    [InlineData("decayI", "Core 1: parameters.decay_i is 70000")]
    [InlineData("decayFractionBits", "Core 0: parameters.decay_fraction_bits is 33")]
    [InlineData("weightExponent", "Core 1: parameters.weight_exponent is 16")]
    [InlineData("stateBitsLow", "Core 0: parameters.state_bits is 7")]
    [InlineData("stateBitsHigh", "Core 0: parameters.state_bits is 49")]
    [InlineData("threshold", "Core 0: parameters.threshold is 200")]
    [InlineData("vReset", "Core 0: parameters.v_reset is -129")]
    [InlineData("model", "Core 1: parameters.model is Unspecified")]
    [InlineData("reset", "Core 1: parameters.reset is Unspecified")]
    [InlineData("resetUnknown", "Core 1: parameters.reset is 9")]
    [InlineData("parameters", "Core 1: parameters are missing")]
    [InlineData("bias", "Core 0: bias has 4 bytes")]
    [InlineData("outputPopulation", "output.population is 2")]
    [InlineData("outputSize", "output.size is 3")]
    [InlineData("inputChannel", "Core 0 axon 0: source.input_channel is 2")]
    [InlineData("inputFractionBits", "input.fraction_bits is 1")]
    [InlineData("delay", "Core 0 axon 0: delay is 2")]
    [InlineData("sourceMissing", "Core 0 axon 0: source is not set")]
    [InlineData("target", "Core 0 axon 0: targets or weights are invalid")]
    [InlineData("weightBytes", "Core 1 axon 0: targets or weights are invalid")]
    [InlineData("coreIndex", "Core at position 1: index is 4")]
    [InlineData("populationOffset", "Core 1: population_offset is 1")]
    [InlineData("populationSize", "Population 0 'p0': size is 3")]
    [InlineData("firstCore", "Population 1 'p1': first_core + core_count = 3")]
    public void MalformedImageNamesField(string defect, string expected)
    {
        var image = ValidImage();
        var core0 = image.Cores[0];
        var core1 = image.Cores[1];
        switch (defect)
        {
            case "population": core1.Population = 5; break;
            case "stage": core1.Stage = 0; break;
            case "sourceCore": core1.Axons[0].Source.Neuron.Core = 9; break;
            case "sourceNeuron": core1.Axons[0].Source.Neuron.Neuron = 2; break;
            case "decayV": core0.Parameters.DecayV = One + 1; break;
            case "decayI": core1.Parameters.DecayI = 70000; break;
            case "decayFractionBits": core0.Parameters.DecayFractionBits = 33; break;
            case "weightExponent": core1.Parameters.WeightExponent = 16; break;
            case "stateBitsLow": core0.Parameters.StateBits = 7; break;
            case "stateBitsHigh": core0.Parameters.StateBits = 49; break;
            case "threshold":
                core0.Parameters.StateBits = 8;
                core0.Parameters.Threshold = 200;
                break;
            case "vReset":
                core0.Parameters.StateBits = 8;
                core0.Parameters.VReset = -129;
                break;
            case "model": core1.Parameters.Model = NeuronModel.Unspecified; break;
            case "reset": core1.Parameters.Reset = ResetMode.Unspecified; break;
            case "resetUnknown": core1.Parameters.Reset = (ResetMode)9; break;
            case "parameters": core1.Parameters = null; break;
            case "bias": SetBias(core0, 1); break;
            case "outputPopulation": image.Output.Population = 2; break;
            case "outputSize": image.Output.Size = 3; break;
            case "inputChannel": core0.Axons[0].Source.InputChannel = 2; break;
            case "inputFractionBits": image.Input.FractionBits = 1; break;
            case "delay": core0.Axons[0].Delay = 2; break;
            case "sourceMissing": core0.Axons[0].Source = null; break;
            case "target": SynapseCodec.Encode(core0.Axons[0], [0, 2], [1, 2]); break;
            case "weightBytes": core1.Axons[0].Count = 2; break;
            case "coreIndex": core1.Index = 4; break;
            case "populationOffset": core1.PopulationOffset = 1; break;
            case "populationSize": image.Populations[0].Size = 3; break;
            case "firstCore": image.Populations[1].FirstCore = 2; break;
            default: throw new ArgumentOutOfRangeException(nameof(defect), defect, "Unknown defect.");
        }

        var exception = Assert.Throws<InvalidDataException>(() => new Chip(image));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputChannelMismatchNamesBoth()
    {
        var chip = new Chip(ValidImage());

        var exception = Assert.Throws<ArgumentException>(() => chip.Run(Input([0, 0, 0])));

        Assert.Contains("3 channels", exception.Message, StringComparison.Ordinal);
        Assert.Contains("input.channels is 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeSpikeInputRejected()
    {
        var chip = new Chip(ValidImage());

        var exception = Assert.Throws<ArgumentException>(() => chip.Run(Input([0, 0], [0, -1])));

        Assert.Contains("step 1 channel 1 is -1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRecordedPopulationRejected()
    {
        var chip = new Chip(ValidImage());

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => chip.Run(Input([0, 0]), [2]));

        Assert.Contains("Population 2 does not exist", exception.Message, StringComparison.Ordinal);
    }
}
