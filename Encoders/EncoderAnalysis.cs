using NeuroDeploy.Encoders.Systems;

namespace NeuroDeploy.Encoders;

/// <summary>Range analysis of dynamical encoders, used to choose fixed-point formats.</summary>
public static class EncoderAnalysis
{
    /// <summary>Returns the vector field of a dynamical encoder.</summary>
    /// <exception cref="ArgumentException">The encoder is classical; the message lists the dynamical ones.</exception>
    public static IDynamicalSystem CreateSystem(EncoderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Definition.CreateSystem(spec);
    }

    /// <summary>
    /// Returns the start values v_i = -1 + 2 i / (n - 1), i = 0 .. n - 1, with the middle value exactly 0 for odd n.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gridPoints"/> is below 2.</exception>
    public static double[] Grid(int gridPoints)
    {
        if (gridPoints < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(gridPoints),
                gridPoints,
                "The start grid needs at least 2 points (v = -1 and v = 1); 21 is a common choice.");
        }

        return Enumerable.Range(0, gridPoints)
            .Select(i => ((2.0 * i) - (gridPoints - 1)) / (gridPoints - 1))
            .ToArray();
    }

    /// <summary>
    /// Returns per state variable the max |value| over the encoder's outputs (and over all integration points)
    /// for starts v on <see cref="Grid"/>(<paramref name="gridPoints"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The encoder is classical.</exception>
    /// <exception cref="EncoderDivergedException">A start diverges, so no finite bound exists.</exception>
    public static TrajectoryBounds Bounds(EncoderSpec spec, int gridPoints = 21)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (EncoderFactory.Create(spec) is not DynamicalEncoder encoder)
        {
            throw new ArgumentException(
                $"Encoder '{spec.Name}' emits spikes in {{0, 1}}, so it has no trajectory bounds. Use one of: "
                + string.Join(", ", EncoderCatalog.DynamicalNames) + ".",
                nameof(spec));
        }

        var sampled = new double[3];
        var integrated = new double[3];
        var samples = new double[3 * encoder.Steps];
        foreach (var v in Grid(gridPoints))
        {
            var trajectory = encoder.Trajectory(v);
            DynamicalEncoder.Resample(trajectory, encoder.IntegrationSteps + 1, encoder.Steps, samples);
            Accumulate(trajectory, integrated);
            Accumulate(samples, sampled);
        }

        return new TrajectoryBounds(
            spec.ToString(),
            gridPoints,
            new State3(sampled[0], sampled[1], sampled[2]),
            new State3(integrated[0], integrated[1], integrated[2]));
    }

    private static void Accumulate(ReadOnlySpan<double> triples, Span<double> maxAbs)
    {
        for (var i = 0; i < triples.Length; i++)
        {
            maxAbs[i % 3] = Math.Max(maxAbs[i % 3], Math.Abs(triples[i]));
        }
    }
}
