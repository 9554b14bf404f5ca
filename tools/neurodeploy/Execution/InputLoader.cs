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

    /// <summary>Normalizes and encodes features [B, F] into samples [B, T, C].</summary>
    public static SampleBatch Encode(NdArray features, string encoderSpec, string normalize, string source)
    {
        IEncoder encoder;
        FeatureNormalization normalization;
        try
        {
            encoder = EncoderFactory.Create(encoderSpec);
            normalization = FeatureNormalizer.Parse(normalize);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        var batch = features.Shape[0];
        var featureCount = features.Shape[1];
        var normalized = FeatureNormalizer.Normalize(features.Data, normalization);
        double[] encoded;
        try
        {
            encoded = encoder.EncodeBatch(normalized, featureCount);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{source}: {ex.Message}", ex);
        }

        return new SampleBatch(batch, encoder.Steps, encoder.OutputChannels(featureCount), encoded, source);
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
