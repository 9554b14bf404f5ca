using System.Globalization;
using System.Text.Json;

namespace NeuroDeploy.Data;

/// <summary>Reading and writing of <c>*.preproc.json</c> files.</summary>
public sealed partial class Preprocessing
{
    /// <summary>Writes the preprocessing as JSON atomically (a temporary file, then a rename).</summary>
    /// <param name="path">Target file, by convention ending in <c>.preproc.json</c>.</param>
    /// <param name="description">Optional note stored in the <c>fitted_on</c> field, such as the training data.</param>
    public void Save(string path, string? description = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var temporary = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                WriteJson(writer, description);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads a <c>*.preproc.json</c> file.</summary>
    /// <exception cref="DataFormatException">A field is missing, of the wrong type or inconsistent.</exception>
    public static Preprocessing Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException exception)
        {
            throw new DataFormatException($"{path}: invalid JSON ({exception.Message}).", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DataFormatException($"{path}: expected a JSON object with the preprocessing fields.");
            }

            var format = RequireString(root, "format", path);
            if (!string.Equals(format, FormatName, StringComparison.Ordinal))
            {
                throw new DataFormatException(
                    $"{path}: field 'format' is '{format}'; expected '{FormatName}'. Is this a preprocessing file?");
            }

            var version = RequireNumber(root, "version", path);
            if (version != CurrentVersion)
            {
                throw new DataFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: preprocessing file version {version} is not supported; this toolkit reads version "
                    + $"{CurrentVersion}. Re-create the file with this version of the toolkit."));
            }

            var method = RequireString(root, "method", path);
            if (!string.Equals(method, "pca", StringComparison.Ordinal))
            {
                throw new DataFormatException($"{path}: field 'method' is '{method}'; only 'pca' is supported.");
            }

            var inputSize = RequireNumber(root, "input_size", path);
            var componentCount = RequireNumber(root, "n_components", path);
            var inputScale = RequireNumber(root, "input_scale", path);
            var mean = RequireVector(root, "mean", path);
            var scale = RequireVector(root, "scale", path);
            var components = RequireMatrix(root, "components", path);
            var explained = root.TryGetProperty("explained_variance", out _)
                ? RequireVector(root, "explained_variance", path)
                : null;

            if (mean.Length != inputSize || components.Length != componentCount)
            {
                throw new DataFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: 'mean' has {mean.Length} values and 'components' {components.Length} rows, but "
                    + $"'input_size' is {inputSize} and 'n_components' {componentCount}; they must agree."));
            }

            var problem = Validate(inputScale, mean, components, scale, explained);
            if (problem is not null)
            {
                throw new DataFormatException($"{path}: {problem}");
            }

            return new Preprocessing(inputScale, mean, components, scale, explained);
        }
    }

    private void WriteJson(Utf8JsonWriter writer, string? description)
    {
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", CurrentVersion);
        writer.WriteString("method", "pca");
        if (description is not null)
        {
            writer.WriteString("fitted_on", description);
        }

        writer.WriteNumber("input_size", InputSize);
        writer.WriteNumber("n_components", ComponentCount);
        writer.WriteNumber("input_scale", InputScale);
        WriteVector(writer, "mean", Mean);
        writer.WriteStartArray("components");
        foreach (var row in Components)
        {
            WriteVector(writer, null, row);
        }

        writer.WriteEndArray();
        WriteVector(writer, "scale", Scale);
        if (ExplainedVariance is not null)
        {
            WriteVector(writer, "explained_variance", ExplainedVariance);
        }

        writer.WriteEndObject();
    }

    private static void WriteVector(Utf8JsonWriter writer, string? name, double[] values)
    {
        if (name is null)
        {
            writer.WriteStartArray();
        }
        else
        {
            writer.WriteStartArray(name);
        }

        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    private static JsonElement RequireProperty(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var element))
        {
            throw new DataFormatException($"{path}: required field '{name}' is missing.");
        }

        return element;
    }

    private static string RequireString(JsonElement root, string name, string path)
    {
        var element = RequireProperty(root, name, path);
        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new DataFormatException($"{path}: field '{name}' is {element.ValueKind}; expected a string.");
    }

    private static double RequireNumber(JsonElement root, string name, string path)
    {
        var element = RequireProperty(root, name, path);
        return element.ValueKind == JsonValueKind.Number
            ? element.GetDouble()
            : throw new DataFormatException($"{path}: field '{name}' is {element.ValueKind}; expected a number.");
    }

    private static double[] RequireVector(JsonElement root, string name, string path) =>
        ReadVector(RequireProperty(root, name, path), name, path);

    private static double[] ReadVector(JsonElement element, string name, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new DataFormatException(
                $"{path}: field '{name}' is {element.ValueKind}; expected an array of numbers.");
        }

        var values = new double[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                throw new DataFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: {name}[{i}] is {item.ValueKind}; expected a number."));
            }

            values[i++] = item.GetDouble();
        }

        return values;
    }

    private static double[][] RequireMatrix(JsonElement root, string name, string path)
    {
        var element = RequireProperty(root, name, path);
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new DataFormatException(
                $"{path}: field '{name}' is {element.ValueKind}; expected an array of arrays of numbers.");
        }

        return [.. element.EnumerateArray().Select((row, k) => ReadVector(row, $"{name}[{k}]", path))];
    }
}
