using System.Globalization;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// Checks an image the way a board does before it runs anything. Every failure is an
/// <see cref="InvalidDataException"/> that names the population, core or axon and the field.
/// </summary>
internal static class ImageValidator
{
    public const int MinStateBits = 8;
    public const int MaxStateBits = 48;
    public const int MaxWeightExponent = 15;
    public const int MaxInputFractionBits = 30;

    /// <summary>
    /// Validates <paramref name="image"/> and returns the decoded synapses of every axon,
    /// indexed [core][axon].
    /// </summary>
    public static (int[] Targets, short[] Weights)[][] Validate(NeuroImage image)
    {
        if (image.Input is null)
        {
            throw Invalid("The image has no input map (field input).");
        }

        if (image.Output is null)
        {
            throw Invalid("The image has no output map (field output).");
        }

        ValidateInput(image.Input);
        for (var k = 0; k < image.Cores.Count; k++)
        {
            ValidateCore(image, k);
        }

        ValidatePopulations(image);
        ValidateOutput(image);

        var synapses = new (int[] Targets, short[] Weights)[image.Cores.Count][];
        for (var k = 0; k < image.Cores.Count; k++)
        {
            var core = image.Cores[k];
            synapses[k] = new (int[] Targets, short[] Weights)[core.Axons.Count];
            for (var a = 0; a < core.Axons.Count; a++)
            {
                synapses[k][a] = ValidateAxon(image, k, a);
            }
        }

        return synapses;
    }

    private static void ValidateInput(InputMap input)
    {
        if (input.FractionBits > MaxInputFractionBits)
        {
            throw Invalid($"input.fraction_bits is {input.FractionBits}; the maximum is {MaxInputFractionBits}.");
        }

        if (!input.Graded && input.FractionBits != 0)
        {
            throw Invalid($"input.fraction_bits is {input.FractionBits}, but spike input (input.graded = false) "
                + "requires 0.");
        }
    }

    private static void ValidateCore(NeuroImage image, int k)
    {
        var core = image.Cores[k];
        if (core.Index != k)
        {
            throw Invalid($"Core at position {k}: index is {core.Index}; cores must be stored in index order.");
        }

        if (core.Population >= image.Populations.Count)
        {
            throw Invalid($"Core {k}: population is {core.Population}, but the image has "
                + $"{image.Populations.Count} populations.");
        }

        if (core.NeuronCount > int.MaxValue / 4)
        {
            throw Invalid($"Core {k}: neuron_count {core.NeuronCount} is too large.");
        }

        var parameters = core.Parameters
            ?? throw Invalid($"Core {k}: parameters are missing.");
        if (parameters.Model is not (NeuronModel.Lif or NeuronModel.CubaLif or NeuronModel.If))
        {
            throw Invalid($"Core {k}: parameters.model is {parameters.Model}; expected LIF, CUBA_LIF or IF.");
        }

        if (parameters.Reset is not (ResetMode.Zero or ResetMode.Subtract or ResetMode.SubtractNextStep
            or ResetMode.SubtractGuarded))
        {
            throw Invalid($"Core {k}: parameters.reset is {parameters.Reset}; "
                + "expected ZERO, SUBTRACT, SUBTRACT_NEXT_STEP or SUBTRACT_GUARDED.");
        }

        var stateBits = (int)Math.Min(parameters.StateBits, int.MaxValue);
        if (stateBits is < MinStateBits or > MaxStateBits)
        {
            throw Invalid($"Core {k}: parameters.state_bits is {parameters.StateBits}; "
                + $"expected {MinStateBits} to {MaxStateBits}.");
        }

        // |state| <= 2^(B-1) and decay <= 2^F, so the decay product fits in int64 when B - 1 + F <= 63.
        var maxFractionBits = 64 - stateBits;
        if (parameters.DecayFractionBits > maxFractionBits)
        {
            throw Invalid($"Core {k}: parameters.decay_fraction_bits is {parameters.DecayFractionBits}; "
                + $"with state_bits {stateBits} the maximum is {maxFractionBits}.");
        }

        var one = 1UL << (int)parameters.DecayFractionBits;
        if (parameters.DecayV > one)
        {
            throw Invalid($"Core {k}: parameters.decay_v is {parameters.DecayV}; expected 0 to 2^"
                + $"{parameters.DecayFractionBits} = {one}.");
        }

        if (parameters.DecayI > one)
        {
            throw Invalid($"Core {k}: parameters.decay_i is {parameters.DecayI}; expected 0 to 2^"
                + $"{parameters.DecayFractionBits} = {one}.");
        }

        if (parameters.WeightExponent > MaxWeightExponent)
        {
            throw Invalid($"Core {k}: parameters.weight_exponent is {parameters.WeightExponent}; "
                + $"the maximum is {MaxWeightExponent}.");
        }

        var stateMax = (1L << (stateBits - 1)) - 1;
        var stateMin = -(1L << (stateBits - 1));
        if (parameters.Threshold < stateMin || parameters.Threshold > stateMax)
        {
            throw Invalid($"Core {k}: parameters.threshold is {parameters.Threshold}, outside the state range "
                + $"[{stateMin}, {stateMax}] of state_bits {stateBits}.");
        }

        if (parameters.VReset < stateMin || parameters.VReset > stateMax)
        {
            throw Invalid($"Core {k}: parameters.v_reset is {parameters.VReset}, outside the state range "
                + $"[{stateMin}, {stateMax}] of state_bits {stateBits}.");
        }

        if (core.Bias.Length != 0 && (long)core.Bias.Length != 4L * core.NeuronCount)
        {
            throw Invalid($"Core {k}: bias has {core.Bias.Length} bytes; expected 0 or 4 x neuron_count = "
                + $"{4L * core.NeuronCount}.");
        }
    }

    /// <summary>
    /// Checks that each population's cores are <c>[first_core, first_core + core_count)</c>, that they
    /// point back at it, and that their <c>population_offset</c> values tile the population in order.
    /// </summary>
    private static void ValidatePopulations(NeuroImage image)
    {
        for (var p = 0; p < image.Populations.Count; p++)
        {
            var population = image.Populations[p];
            var end = (long)population.FirstCore + population.CoreCount;
            if (end > image.Cores.Count)
            {
                throw Invalid($"Population {p} '{population.Name}': first_core + core_count = {end}, but the "
                    + $"image has {image.Cores.Count} cores.");
            }

            long offset = 0;
            for (var k = (int)population.FirstCore; k < end; k++)
            {
                var core = image.Cores[k];
                if (core.Population != p)
                {
                    throw Invalid($"Core {k}: population is {core.Population}, but population {p} "
                        + $"'{population.Name}' lists it (first_core {population.FirstCore}, "
                        + $"core_count {population.CoreCount}).");
                }

                if (core.PopulationOffset != offset)
                {
                    throw Invalid($"Core {k}: population_offset is {core.PopulationOffset}; expected {offset}, "
                        + $"the neurons of population {p}'s earlier cores.");
                }

                offset += core.NeuronCount;
            }

            if (offset != population.Size)
            {
                throw Invalid($"Population {p} '{population.Name}': size is {population.Size}, but its cores "
                    + $"hold {offset} neurons.");
            }
        }

        for (var k = 0; k < image.Cores.Count; k++)
        {
            var population = image.Populations[(int)image.Cores[k].Population];
            if (k < population.FirstCore || k >= (long)population.FirstCore + population.CoreCount)
            {
                throw Invalid($"Core {k}: population is {image.Cores[k].Population}, but that population's "
                    + $"cores are [{population.FirstCore}, {population.FirstCore + population.CoreCount}).");
            }
        }
    }

    private static void ValidateOutput(NeuroImage image)
    {
        var output = image.Output;
        if (output.Population >= image.Populations.Count)
        {
            throw Invalid($"output.population is {output.Population}, but the image has "
                + $"{image.Populations.Count} populations.");
        }

        var size = image.Populations[(int)output.Population].Size;
        if (output.Size != size)
        {
            throw Invalid($"output.size is {output.Size}, but output population {output.Population} has "
                + $"{size} neurons.");
        }
    }

    private static (int[] Targets, short[] Weights) ValidateAxon(NeuroImage image, int k, int a)
    {
        var core = image.Cores[k];
        var axon = core.Axons[a];
        var where = string.Create(CultureInfo.InvariantCulture, $"Core {k} axon {a}");
        if (axon.Delay > 1)
        {
            throw Invalid($"{where}: delay is {axon.Delay}; expected 0 or 1.");
        }

        var source = axon.Source;
        switch (source?.SourceCase ?? AxonSource.SourceOneofCase.None)
        {
            case AxonSource.SourceOneofCase.InputChannel:
                if (source!.InputChannel >= image.Input.Channels)
                {
                    throw Invalid($"{where}: source.input_channel is {source.InputChannel}, but input.channels "
                        + $"is {image.Input.Channels}.");
                }

                break;
            case AxonSource.SourceOneofCase.Neuron:
                ValidateNeuronSource(image, k, where, axon);
                break;
            default:
                throw Invalid($"{where}: source is not set; expected input_channel or neuron.");
        }

        try
        {
            return SynapseCodec.Decode(axon, (int)core.NeuronCount);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"{where}: targets or weights are invalid. {exception.Message}", exception);
        }
        catch (OverflowException exception)
        {
            throw new InvalidDataException($"{where}: count {axon.Count} is too large.", exception);
        }
    }

    private static void ValidateNeuronSource(NeuroImage image, int k, string where, Axon axon)
    {
        var neuron = axon.Source.Neuron;
        if (neuron.Core >= image.Cores.Count)
        {
            throw Invalid($"{where}: source.neuron.core is {neuron.Core}, but the image has "
                + $"{image.Cores.Count} cores.");
        }

        var sourceCore = image.Cores[(int)neuron.Core];
        if (neuron.Neuron >= sourceCore.NeuronCount)
        {
            throw Invalid($"{where}: source.neuron.neuron is {neuron.Neuron}, but core {neuron.Core} has "
                + $"{sourceCore.NeuronCount} neurons.");
        }

        if (axon.Delay == 0 && sourceCore.Stage >= image.Cores[k].Stage)
        {
            throw Invalid($"{where}: delay is 0 from core {neuron.Core} (stage {sourceCore.Stage}) to core {k} "
                + $"(stage {image.Cores[k].Stage}); a delay-0 axon must go to a higher stage.");
        }
    }

    private static InvalidDataException Invalid(string message) => new(message);
}
