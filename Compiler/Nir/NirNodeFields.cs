using System.Globalization;

namespace NeuroDeploy.Compiler.Nir;

/// <summary>Typed access to the datasets of one node group, with errors naming file, node and field.</summary>
internal sealed class NirNodeFields
{
    private readonly Hdf5Group _group;

    public NirNodeFields(string file, string nodePath, string typeName, Hdf5Group group)
    {
        File = file;
        NodePath = nodePath;
        TypeName = typeName;
        _group = group;
    }

    public string File { get; }

    public string NodePath { get; }

    public string TypeName { get; }

    public bool Has(string field) => _group.Datasets.ContainsKey(field) || _group.Groups.ContainsKey(field);

    public NirFormatException Error(string field, string problem, string fix)
    {
        return new NirFormatException(
            $"{File}: node '{NodePath}' ({TypeName}), field '{field}': {problem}; {fix}");
    }

    /// <summary>Reads a numeric field as float64, rejecting NaN and infinity.</summary>
    public NirTensor Tensor(string field)
    {
        return OptionalTensor(field)
            ?? throw Error(field, "missing", $"a NIR {TypeName} node needs this dataset; re-export the model");
    }

    public NirTensor? OptionalTensor(string field)
    {
        if (!_group.Datasets.TryGetValue(field, out var data))
        {
            if (_group.Groups.ContainsKey(field))
            {
                throw Error(field, "is a group, expected a numeric dataset", "re-export the model");
            }

            return null;
        }

        double[] values;
        if (data.Floats is not null)
        {
            values = data.Floats;
        }
        else if (data.Integers is not null)
        {
            values = Array.ConvertAll(data.Integers, x => (double)x);
        }
        else
        {
            throw Error(field, $"has element type {data.TypeName}, expected float or integer", "re-export the model");
        }

        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                var text = values[k].ToString(CultureInfo.InvariantCulture);
                throw Error(
                    field,
                    $"element {k} is {text}",
                    "NaN and infinity are not valid parameters; retrain or fix the exported value");
            }
        }

        return new NirTensor(data.Shape, values);
    }

    /// <summary>Reads an integer scalar, or a 1-element array.</summary>
    public int Int(string field)
    {
        var values = Ints(field, minLength: 1, maxLength: 1);
        return values[0];
    }

    public int? OptionalInt(string field) => Has(field) ? Int(field) : null;

    /// <summary>Reads an integer field (scalar or 1-D); a scalar is repeated to <paramref name="maxLength"/>.</summary>
    public int[] Ints(string field, int minLength, int maxLength)
    {
        if (!_group.Datasets.TryGetValue(field, out var data))
        {
            throw Error(field, "missing", $"a NIR {TypeName} node needs this dataset; re-export the model");
        }

        long[] raw;
        if (data.Integers is not null)
        {
            raw = data.Integers;
        }
        else if (data.Floats is not null && data.Floats.All(x => double.IsFinite(x) && x == Math.Floor(x)))
        {
            raw = Array.ConvertAll(data.Floats, x => (long)x);
        }
        else
        {
            throw Error(field, $"has element type {data.TypeName}, expected integers", "re-export the model");
        }

        if (data.Shape.Length == 0 && raw.Length == 1 && maxLength > 1)
        {
            raw = Enumerable.Repeat(raw[0], maxLength).ToArray();
        }

        if (raw.Length < minLength || raw.Length > maxLength)
        {
            var expected = minLength == maxLength
                ? minLength.ToString(CultureInfo.InvariantCulture)
                : $"{minLength} to {maxLength}";
            throw Error(field, $"has {raw.Length} values, expected {expected}", "re-export the model");
        }

        var result = new int[raw.Length];
        for (var k = 0; k < raw.Length; k++)
        {
            if (raw[k] < int.MinValue || raw[k] > int.MaxValue)
            {
                throw Error(field, $"value {raw[k]} is out of range", "re-export the model");
            }

            result[k] = (int)raw[k];
        }

        return result;
    }

    /// <summary>Reads a shape: a 1-D integer dataset, or a group holding one such dataset (NIR input_type).</summary>
    public int[] Shape(string field)
    {
        if (_group.Groups.TryGetValue(field, out var typeGroup))
        {
            if (typeGroup.Datasets.Count != 1)
            {
                throw Error(
                    field,
                    $"holds {typeGroup.Datasets.Count} datasets, expected exactly one shape",
                    "graphs with several named ports are not supported");
            }

            var inner = new NirNodeFields(File, NodePath, TypeName, typeGroup);
            return CheckShape(field, inner.Ints(typeGroup.Datasets.Keys.First(), 0, 16));
        }

        return CheckShape(field, Ints(field, 0, 16));
    }

    public string? OptionalString(string field)
    {
        if (!_group.Datasets.TryGetValue(field, out var data) || data.Strings is null || data.Strings.Length != 1)
        {
            return null;
        }

        return data.Strings[0];
    }

    private int[] CheckShape(string field, int[] shape)
    {
        foreach (var dim in shape)
        {
            if (dim <= 0)
            {
                throw Error(
                    field,
                    $"shape [{string.Join(", ", shape)}] has a dimension {dim}",
                    "every dimension must be positive");
            }
        }

        return shape.Length == 0 ? [1] : shape;
    }
}
