using System.Globalization;
using System.Runtime.ExceptionServices;

namespace NeuroDeploy.Encoders;

/// <summary>Encodes batches of samples in parallel with a result that does not depend on the thread count.</summary>
public static class BatchEncoder
{
    /// <summary>
    /// Encodes a row-major [B, F] batch into row-major [B, T, OutputChannels(F)]. Sample b is encoded with
    /// sample index <paramref name="firstSampleIndex"/> + b, so seeded encoders give the same output for any
    /// split of a data set into batches. <paramref name="maxDegreeOfParallelism"/> limits the threads (-1 lets
    /// the runtime choose). When several samples fail, the exception of the lowest sample is raised.
    /// </summary>
    /// <exception cref="ArgumentException">The batch length is not a multiple of <paramref name="featureCount"/>.</exception>
    public static double[] EncodeBatch(
        this IEncoder encoder,
        double[] batch,
        int featureCount,
        long firstSampleIndex = 0,
        int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (batch.Length % featureCount != 0)
        {
            throw new ArgumentException(
                $"The batch has {batch.Length.ToString(CultureInfo.InvariantCulture)} values, not a multiple of "
                + $"{featureCount.ToString(CultureInfo.InvariantCulture)} features. Pass a row-major [B, F] batch.",
                nameof(batch));
        }

        var samples = batch.Length / featureCount;
        var sampleLength = checked(encoder.Steps * encoder.OutputChannels(featureCount));
        var output = new double[checked(samples * sampleLength)];
        var errors = new Exception?[samples];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, samples, options, sample =>
        {
            try
            {
                var encoded = encoder.Encode(batch.AsSpan(sample * featureCount, featureCount), firstSampleIndex + sample);
                Array.Copy(encoded, 0, output, sample * sampleLength, sampleLength);
            }
            catch (Exception error) when (error is ArgumentException or EncoderDivergedException)
            {
                errors[sample] = error;
            }
        });

        var first = Array.Find(errors, e => e is not null);
        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }

        return output;
    }
}
