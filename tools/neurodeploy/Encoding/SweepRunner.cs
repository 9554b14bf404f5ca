using System.Globalization;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Data;
using NeuroDeploy.Encoders;
using NeuroDeploy.Encoders.Dynamics;

namespace NeuroDeploy.Cli;

/// <summary>
/// Runs one network under every setting of an encoder sweep. The network is compiled and mapped once, with the
/// graded input format sized for the largest sampled value over all settings, so only the input changes.
/// </summary>
public static class SweepRunner
{
    /// <summary>Parses a sweep SPEC into its settings.</summary>
    /// <exception cref="UsageException">The text is not a valid sweep.</exception>
    public static IReadOnlyList<EncoderSpec> ParseSettings(string text)
    {
        try
        {
            return EncoderSpec.ParseSweep(text);
        }
        catch (FormatException ex)
        {
            throw new UsageException("--encoder: " + ex.Message, ex);
        }
    }

    /// <summary>Returns the key whose value differs between settings, or <c>value</c> for a single setting.</summary>
    public static string SweptKey(IReadOnlyList<EncoderSpec> settings)
    {
        foreach (var key in settings[0].Values.Keys)
        {
            if (settings.Any(s => !string.Equals(s.Values[key], settings[0].Values[key], StringComparison.Ordinal)))
            {
                return key;
            }
        }

        return settings[0].Values.ContainsKey("delta") ? "delta" : "value";
    }

    /// <summary>Returns the max over all settings of the largest sampled |value| (the graded input bound).</summary>
    public static double InputBound(IReadOnlyList<EncoderSpec> settings)
    {
        var bound = 0.0;
        foreach (var setting in settings)
        {
            try
            {
                bound = Math.Max(bound, EncoderAnalysis.Bounds(setting).SampledMax);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--encoder {setting}: {ex.Message} A sweep needs a dynamical encoder.", ex);
            }
        }

        return bound;
    }

    /// <summary>Compiles <paramref name="modelPath"/> once and runs every setting on the target.</summary>
    public static async Task<IReadOnlyList<SweepRow>> RunAsync(
        string modelPath,
        IReadOnlyList<EncoderSpec> settings,
        NdArray features,
        int[]? labels,
        string normalize,
        string targetUri,
        CompileOptions options,
        string featureSource,
        CancellationToken cancellationToken)
    {
        if (labels is not null && labels.Length != features.Shape[0])
        {
            throw new UsageException(
                $"--labels has {labels.Length} labels but --input has {features.Shape[0]} samples; give one label per sample.");
        }

        var compiled = CompileCommand.Compile(modelPath, options);
        var denseMacs = RunCommand.DenseMacs(compiled.Image);
        var sweptKey = SweptKey(settings);
        var rows = new List<SweepRow>(settings.Count);
        foreach (var setting in settings)
        {
            var text = setting.ToString();
            var batch = InputLoader.Encode(features, text, normalize, featureSource);
            var outcome = await ChipRunner.RunAsync(compiled.Image, batch, targetUri, [], compiled.Profile, denseMacs, cancellationToken)
                .ConfigureAwait(false);
            var report = DynamicsReport.Compute(setting);
            double? accuracy = null;
            if (labels is not null)
            {
                var predictions = outcome.Predictions();
                accuracy = (double)predictions.Where((p, i) => p == labels[i]).Count() / predictions.Length;
            }

            var samples = (double)batch.Samples;
            rows.Add(new SweepRow(
                text,
                setting.Values.TryGetValue(sweptKey, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : double.NaN,
                report.VolumeRate,
                report.Lyapunov.Max(),
                accuracy,
                outcome.SpikesPerPopulation.Sum() / samples,
                (outcome.Counts.Accumulates + outcome.Counts.MultiplyAccumulates) / samples,
                outcome.Energy.TotalJoules / samples));
        }

        return rows;
    }

    /// <summary>Loads class labels from a .csv (one per row, or one row) or .npy file as integers.</summary>
    public static int[] LoadLabels(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"Labels file {path} not found.");
        }

        double[] values;
        try
        {
            if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            {
                values = Npy.Read(path).Data;
            }
            else if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                values = CsvMatrix.Read(path).Data;
            }
            else
            {
                throw new UsageException($"Labels file {path} has an unsupported extension; use .npy or .csv.");
            }
        }
        catch (DataFormatException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        var labels = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] < 0 || values[i] != Math.Floor(values[i]) || values[i] > int.MaxValue)
            {
                throw new UsageException(
                    string.Create(CultureInfo.InvariantCulture, $"{path}: label {i} is {values[i]}; labels must be class indices 0, 1, 2, ..."));
            }

            labels[i] = (int)values[i];
        }

        return labels;
    }
}
