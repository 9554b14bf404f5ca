using System.Globalization;
using NeuroDeploy.Data;
using NeuroDeploy.Encoders;

namespace NeuroDeploy.Cli;

/// <summary>
/// Reads <c>--input</c> files: without an encoder one sample [T, N] (CSV or .npy) or a batch
/// [B, T, N] (.npy); with an encoder features [B, F] that the encoder turns into [B, T, C].
/// </summary>
public static class InputLoader
{
    private static readonly string[] IndexColumnNames = ["step", "t", "time", "t_start_s", "timestamp", "index"];

    public static SampleBatch LoadSamples(string path)
    {
        var array = LoadArray(path, dropIndexColumns: true);
        return array.Rank switch
        {
            2 => new SampleBatch(1, array.Shape[0], array.Shape[1], array.Data, path),
            3 => new SampleBatch(array.Shape[0], array.Shape[1], array.Shape[2], array.Data, path),
            _ => throw new UsageException(
                $"{path}: input has shape [{string.Join(", ", array.Shape)}]; expected one sample [T, N] or a batch [B, T, N]. "
                + "Features [B, F] need --encoder."),
        };
    }

    /// <summary>Loads features [B, F] (a CSV row per sample, or .npy).</summary>
    public static NdArray LoadFeatures(string path)
    {
        var array = LoadArray(path, dropIndexColumns: false);
        if (array.Rank == 1)
        {
            return new NdArray([1, array.Shape[0]], array.Data);
        }

        if (array.Rank != 2)
        {
            throw new UsageException(
                $"{path}: features have shape [{string.Join(", ", array.Shape)}]; an encoder takes features [B, F].");
        }

        return array;
    }

    /// <summary>
    /// Normalizes and encodes features [B, F] into samples [B, T, C]. Every encoded value is rounded
    /// to float32, the type <c>encode</c> writes, so <c>run</c>, <c>eval</c> and <c>sweep</c> feed the
    /// first layer exactly the values of the .npy that <c>encode</c> writes for the same features.
    /// </summary>
    public static SampleBatch Encode(NdArray features, string encoderSpec, string normalize, string source) =>
        Encode(features, encoderSpec, normalize, source, null);

    /// <summary>Encodes as <see cref="Encode(NdArray, string, string, string)"/>, reporting the samples done so far.</summary>
    public static SampleBatch Encode(NdArray features, string encoderSpec, string normalize, string source, Action<int>? progress)
    {
        IEncoder encoder;
        try
        {
            encoder = EncoderFactory.Create(encoderSpec);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new UsageException($"--encoder {encoderSpec} is invalid: {CommandRunner.MessageOf(ex)}", ex);
        }

        FeatureNormalization normalization;
        try
        {
            normalization = FeatureNormalizer.Parse(normalize);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--normalize {normalize} is invalid: {ex.Message}", ex);
        }

        var batch = features.Shape[0];
        var featureCount = features.Shape[1];
        for (var k = 0; k < features.Data.Length; k++)
        {
            if (!double.IsFinite(features.Data[k]))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: sample {k / featureCount}, feature {k % featureCount} is {features.Data[k]}; features must be finite numbers."));
            }
        }

        double[] normalized;
        try
        {
            normalized = FeatureNormalizer.Normalize(features.Data, normalization);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{source}: {CommandRunner.MessageOf(ex)}", ex);
        }

        CheckFeatureRange(normalized, featureCount, normalize, source);
        // Chunks only pace the progress report: sample indices stay global, so seeded encoders give
        // the same values as one call over the whole batch.
        const int chunkSize = 1000;
        var sampleLength = encoder.Steps * encoder.OutputChannels(featureCount);
        var encoded = new double[checked(batch * sampleLength)];
        for (var start = 0; start < batch; start += chunkSize)
        {
            var count = Math.Min(chunkSize, batch - start);
            try
            {
                var part = encoder.EncodeBatch(normalized.AsSpan(start * featureCount, count * featureCount).ToArray(), featureCount, start);
                Array.Copy(part, 0, encoded, start * sampleLength, part.Length);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"{source}: {CommandRunner.MessageOf(ex)}", ex);
            }

            progress?.Invoke(start + count);
        }

        for (var k = 0; k < encoded.Length; k++)
        {
            encoded[k] = (float)encoded[k];
        }

        return new SampleBatch(batch, encoder.Steps, encoder.OutputChannels(featureCount), encoded, source);
    }

    /// <summary>Rejects the first feature outside [-1, 1], the range every encoder takes, naming its sample and column.</summary>
    private static void CheckFeatureRange(double[] normalized, int featureCount, string normalize, string source)
    {
        for (var k = 0; k < normalized.Length; k++)
        {
            var value = normalized[k];
            if (value >= -1 && value <= 1)
            {
                continue;
            }

            var hint = string.Equals(normalize, "none", StringComparison.Ordinal)
                ? "Scale the features to [-1, 1], for instance with --normalize max-abs."
                : "Scale the features to [-1, 1].";
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{source}: sample {k / featureCount}, feature {k % featureCount} is {value:R} (normalization {normalize}), "
                + $"outside [-1, 1], the range every encoder takes. {hint}"));
        }
    }

    private static NdArray LoadArray(string path, bool dropIndexColumns)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"Input file {path} not found.");
        }

        try
        {
            if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            {
                return Npy.Read(path);
            }

            if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                var csv = CsvMatrix.Read(path);
                return dropIndexColumns ? DropIndexColumns(csv) : csv.ToNdArray();
            }
        }
        catch (DataFormatException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        throw new UsageException($"Input file {path} has an unsupported extension; use .npy or .csv.");
    }

    /// <summary>Drops leading columns that hold the step number or time rather than input.</summary>
    private static NdArray DropIndexColumns(CsvMatrix csv)
    {
        var drop = 0;
        while (drop < csv.ColumnCount - 1 && IsIndexColumn(csv, drop))
        {
            drop++;
        }

        var columns = csv.ColumnCount - drop;
        var data = new double[csv.RowCount * columns];
        for (var r = 0; r < csv.RowCount; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                data[(r * columns) + c] = csv[r, c + drop];
            }
        }

        return new NdArray([csv.RowCount, columns], data);
    }

    private static bool IsIndexColumn(CsvMatrix csv, int column)
    {
        if (csv.Header is { } header)
        {
            var name = header[column].Trim().ToLowerInvariant();
            return IndexColumnNames.Contains(name, StringComparer.Ordinal);
        }

        // Without a header, only a first column that counts 0, 1, 2, ... is taken as the step.
        if (column != 0 || csv.RowCount < 2)
        {
            return false;
        }

        for (var r = 0; r < csv.RowCount; r++)
        {
            if (csv[r, 0] != r)
            {
                return false;
            }
        }

        return true;
    }

    public static string Describe(SampleBatch batch) =>
        string.Create(CultureInfo.InvariantCulture, $"{batch.Samples} sample(s) x {batch.Steps} steps x {batch.Channels} channels");
}
