using System.Buffers.Binary;

namespace NeuroDeploy.Firmware.Protocol.Image;

/// <summary>
/// Encodes and decodes an axon's synapse list: target indices as LEB128 varints of the gaps
/// between increasing indices, weights as int16 little-endian.
/// </summary>
public static class SynapseCodec
{
    /// <summary>Fills an axon's <c>targets</c>, <c>weights</c> and <c>count</c>.</summary>
    /// <exception cref="ArgumentException">Targets are not strictly increasing, or lengths differ.</exception>
    public static void Encode(Axon axon, ReadOnlySpan<int> targets, ReadOnlySpan<short> weights)
    {
        if (targets.Length != weights.Length)
        {
            throw new ArgumentException(
                $"{targets.Length} targets but {weights.Length} weights; each synapse needs one of each.",
                nameof(weights));
        }

        var targetBytes = new List<byte>(targets.Length * 2);
        var previous = -1;
        foreach (var target in targets)
        {
            if (target <= previous)
            {
                throw new ArgumentException(
                    $"Synapse targets must be strictly increasing; {target} follows {previous}.", nameof(targets));
            }

            var gap = (uint)(previous < 0 ? target : target - previous);
            while (gap >= 0x80)
            {
                targetBytes.Add((byte)(gap | 0x80));
                gap >>= 7;
            }

            targetBytes.Add((byte)gap);
            previous = target;
        }

        var weightBytes = new byte[weights.Length * 2];
        for (var k = 0; k < weights.Length; k++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(weightBytes.AsSpan(k * 2), weights[k]);
        }

        axon.Targets = Google.Protobuf.ByteString.CopyFrom(targetBytes.ToArray());
        axon.Weights = Google.Protobuf.ByteString.CopyFrom(weightBytes);
        axon.Count = (uint)targets.Length;
    }

    /// <summary>Decodes an axon's synapses into target indices and weight mantissas.</summary>
    /// <param name="axon">The axon to decode.</param>
    /// <param name="neuronCount">Neurons on the axon's core; every target must be below it.</param>
    /// <exception cref="InvalidDataException">The lists are malformed or disagree with <c>count</c>.</exception>
    public static (int[] Targets, short[] Weights) Decode(Axon axon, int neuronCount)
    {
        var count = checked((int)axon.Count);
        if (axon.Weights.Length != count * 2)
        {
            throw new InvalidDataException(
                $"Axon declares {count} synapses but carries {axon.Weights.Length} weight bytes (expected {count * 2}).");
        }

        var targets = new int[count];
        var weights = new short[count];
        var bytes = axon.Targets.Span;
        var position = 0;
        long current = -1;
        for (var k = 0; k < count; k++)
        {
            ulong gap = 0;
            var shift = 0;
            while (true)
            {
                if (position >= bytes.Length)
                {
                    throw new InvalidDataException($"Axon target list ends after {k} of {count} synapses.");
                }

                var b = bytes[position++];
                gap |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    break;
                }

                shift += 7;
                if (shift > 28)
                {
                    throw new InvalidDataException($"Axon target varint {k} is longer than 5 bytes.");
                }
            }

            if (k > 0 && gap == 0)
            {
                throw new InvalidDataException($"Axon target {k} repeats the previous target; gaps must be positive.");
            }

            current = current < 0 ? (long)gap : current + (long)gap;
            if (current >= neuronCount)
            {
                throw new InvalidDataException(
                    $"Axon target {current} is outside the core's {neuronCount} neurons.");
            }

            targets[k] = (int)current;
            weights[k] = BinaryPrimitives.ReadInt16LittleEndian(axon.Weights.Span[(k * 2)..]);
        }

        if (position != bytes.Length)
        {
            throw new InvalidDataException(
                $"Axon target list has {bytes.Length - position} bytes left after {count} synapses.");
        }

        return (targets, weights);
    }
}
