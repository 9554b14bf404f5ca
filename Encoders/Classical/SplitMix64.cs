namespace NeuroDeploy.Encoders.Classical;

/// <summary>
/// Counter-based random numbers from the SplitMix64 mixing function (Steele, Lea and Flood, 2014). A number
/// depends only on its key, not on call order or on the .NET version, so seeded encoders are reproducible.
/// </summary>
public static class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// Returns the SplitMix64 output for generator state <paramref name="state"/>: the state advanced by the
    /// golden-ratio increment, then mixed. Mix(0) is the first output of a generator seeded with 0.
    /// </summary>
    public static ulong Mix(ulong state)
    {
        var z = unchecked(state + Gamma);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Returns a uniform number in [0, 1) keyed by (seed, sample, feature, step): the key parts are folded in one
    /// at a time as Mix(Mix(Mix(Mix(seed) ^ sample) ^ feature) ^ step), and the top 53 bits scaled by 2^-53.
    /// </summary>
    public static double Uniform(ulong seed, long sample, int feature, int step)
    {
        var h = Mix(seed);
        h = Mix(h ^ unchecked((ulong)sample));
        h = Mix(h ^ unchecked((ulong)(long)feature));
        h = Mix(h ^ unchecked((ulong)(long)step));
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}
