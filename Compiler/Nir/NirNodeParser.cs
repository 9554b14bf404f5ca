using System.Globalization;

namespace NeuroDeploy.Compiler.Nir;

/// <summary>Turns the datasets of one non-graph node group into a typed <see cref="NirNode"/>.</summary>
internal static class NirNodeParser
{
    /// <summary>NIR type strings this reader understands, besides <c>NIRGraph</c>.</summary>
    public static readonly string[] KnownTypes =
    [
        "Input", "Output", "Affine", "Linear", "Scale", "Threshold", "Flatten", "Delay", "Conv1d", "Conv2d",
        "SumPool2d", "AvgPool2d", "LI", "LIF", "CubaLIF", "IF", "I",
    ];

    public static NirNode Parse(NirNodeFields f)
    {
        var name = f.NodePath;
        switch (f.TypeName)
        {
            case "Input":
                return new NirInputNode { Name = name, Shape = f.Shape(f.Has("shape") ? "shape" : "input_type") };
            case "Output":
                return new NirOutputNode { Name = name, Shape = f.Shape(f.Has("shape") ? "shape" : "output_type") };
            case "Affine":
                var affineWeight = Matrix(f, "weight");
                return new NirAffineNode
                {
                    Name = name, Weight = affineWeight, Bias = Vector(f, "bias", affineWeight.Shape[0]),
                };
            case "Linear":
                return new NirLinearNode { Name = name, Weight = Matrix(f, "weight") };
            case "Scale":
                return new NirScaleNode { Name = name, Scale = f.Tensor("scale") };
            case "Threshold":
                return new NirThresholdNode { Name = name, Threshold = f.Tensor("threshold") };
            case "Flatten":
                return new NirFlattenNode
                {
                    Name = name,
                    StartDim = f.OptionalInt("start_dim") ?? 0,
                    EndDim = f.OptionalInt("end_dim") ?? -1,
                    DeclaredInputShape = f.Has("input_type") ? f.Shape("input_type") : null,
                };
            case "Delay":
                return ParseDelay(f);
            case "Conv1d":
                return ParseConv1d(f);
            case "Conv2d":
                return ParseConv2d(f);
            case "SumPool2d":
                return new NirSumPool2dNode
                {
                    Name = name,
                    KernelSize = Positive(f, "kernel_size", f.Ints("kernel_size", 2, 2)),
                    Stride = Positive(f, "stride", f.Ints("stride", 2, 2)),
                    Padding = NonNegative(f, "padding", f.Has("padding") ? f.Ints("padding", 2, 2) : [0, 0]),
                };
            case "AvgPool2d":
                return new NirAvgPool2dNode
                {
                    Name = name,
                    KernelSize = Positive(f, "kernel_size", f.Ints("kernel_size", 2, 2)),
                    Stride = Positive(f, "stride", f.Ints("stride", 2, 2)),
                    Padding = NonNegative(f, "padding", f.Has("padding") ? f.Ints("padding", 2, 2) : [0, 0]),
                };
            case "LIF":
                return ParseLif(f);
            case "CubaLIF":
                return ParseCubaLif(f);
            case "IF":
                return ParseIf(f);
            case "LI":
                var liR = f.Tensor("r");
                return new NirLiNode
                {
                    Name = name, R = liR,
                    Tau = Positive(f, "tau", SameShape(f, liR, "tau")),
                    VLeak = SameShape(f, liR, "v_leak"),
                };
            case "I":
                return new NirIntegratorNode { Name = name, R = f.Tensor("r") };
            default:
                throw f.Error(
                    "type",
                    $"unknown node type '{f.TypeName}'",
                    "supported types are NIRGraph, " + string.Join(", ", KnownTypes));
        }
    }

    private static NirLifNode ParseLif(NirNodeFields f)
    {
        var r = f.Tensor("r");
        return new NirLifNode
        {
            Name = f.NodePath,
            R = r,
            Tau = Positive(f, "tau", SameShape(f, r, "tau")),
            VLeak = SameShape(f, r, "v_leak"),
            VThreshold = SameShape(f, r, "v_threshold"),
            VReset = OptionalSameShape(f, r, "v_reset"),
        };
    }

    private static NirCubaLifNode ParseCubaLif(NirNodeFields f)
    {
        var r = f.Tensor("r");
        return new NirCubaLifNode
        {
            Name = f.NodePath,
            R = r,
            TauSyn = Positive(f, "tau_syn", SameShape(f, r, "tau_syn")),
            TauMem = Positive(f, "tau_mem", SameShape(f, r, "tau_mem")),
            VLeak = SameShape(f, r, "v_leak"),
            VThreshold = SameShape(f, r, "v_threshold"),
            VReset = OptionalSameShape(f, r, "v_reset"),
            WIn = OptionalSameShape(f, r, "w_in") ?? new NirTensor(r.Shape, Enumerable.Repeat(1.0, r.Length).ToArray()),
        };
    }

    private static NirIfNode ParseIf(NirNodeFields f)
    {
        var r = f.Tensor("r");
        return new NirIfNode
        {
            Name = f.NodePath,
            R = r,
            VThreshold = SameShape(f, r, "v_threshold"),
            VReset = OptionalSameShape(f, r, "v_reset"),
        };
    }

    private static NirDelayNode ParseDelay(NirNodeFields f)
    {
        var delay = f.Tensor("delay");
        foreach (var value in delay.Values)
        {
            if (value < 0)
            {
                throw f.Error(
                    "delay",
                    $"value {value.ToString(CultureInfo.InvariantCulture)} is negative",
                    "a delay is a duration in seconds and must be zero or positive");
            }
        }

        return new NirDelayNode { Name = f.NodePath, Delay = delay };
    }

    private static NirConv1dNode ParseConv1d(NirNodeFields f)
    {
        var weight = f.Tensor("weight");
        if (weight.Shape.Length != 3)
        {
            throw f.Error("weight", $"has shape {ShapeText(weight.Shape)}", "expected (C_out, C_in / groups, K)");
        }

        var paddingMode = f.OptionalString("padding");
        var padding = paddingMode is null ? NonNegative(f, "padding", f.Ints("padding", 1, 1))[0] : 0;
        CheckPaddingMode(f, paddingMode);
        var groups = f.OptionalInt("groups") ?? 1;
        CheckGroups(f, weight, groups);
        int? inputLength = f.Has("input_shape") ? Positive(f, "input_shape", f.Ints("input_shape", 1, 1))[0] : null;
        return new NirConv1dNode
        {
            Name = f.NodePath,
            Weight = weight,
            Bias = Vector(f, "bias", weight.Shape[0]),
            Stride = Positive(f, "stride", f.Has("stride") ? f.Ints("stride", 1, 1) : [1])[0],
            Padding = padding,
            PaddingMode = paddingMode,
            Dilation = Positive(f, "dilation", f.Has("dilation") ? f.Ints("dilation", 1, 1) : [1])[0],
            Groups = groups,
            DeclaredInputLength = inputLength,
        };
    }

    private static NirConv2dNode ParseConv2d(NirNodeFields f)
    {
        var weight = f.Tensor("weight");
        if (weight.Shape.Length != 4)
        {
            throw f.Error("weight", $"has shape {ShapeText(weight.Shape)}", "expected (C_out, C_in / groups, kH, kW)");
        }

        var paddingMode = f.OptionalString("padding");
        var padding = paddingMode is null ? NonNegative(f, "padding", f.Ints("padding", 1, 2)) : [0, 0];
        CheckPaddingMode(f, paddingMode);
        var groups = f.OptionalInt("groups") ?? 1;
        CheckGroups(f, weight, groups);
        return new NirConv2dNode
        {
            Name = f.NodePath,
            Weight = weight,
            Bias = Vector(f, "bias", weight.Shape[0]),
            Stride = Positive(f, "stride", f.Has("stride") ? f.Ints("stride", 2, 2) : [1, 1]),
            Padding = padding.Length == 1 ? [padding[0], padding[0]] : padding,
            PaddingMode = paddingMode,
            Dilation = Positive(f, "dilation", f.Has("dilation") ? f.Ints("dilation", 2, 2) : [1, 1]),
            Groups = groups,
            DeclaredInputShape = f.Has("input_shape") ? Positive(f, "input_shape", f.Ints("input_shape", 2, 2)) : null,
        };
    }

    private static void CheckPaddingMode(NirNodeFields f, string? mode)
    {
        if (mode is not null and not "same" and not "valid")
        {
            throw f.Error("padding", $"is '{mode}'", "expected an integer, a pair, 'same' or 'valid'");
        }
    }

    private static void CheckGroups(NirNodeFields f, NirTensor weight, int groups)
    {
        if (groups <= 0 || weight.Shape[0] % groups != 0)
        {
            throw f.Error(
                "groups",
                $"is {groups} with {weight.Shape[0]} output channels",
                "groups must be positive and divide the output channel count");
        }
    }

    private static NirTensor Matrix(NirNodeFields f, string field)
    {
        var weight = f.Tensor(field);
        if (weight.Shape.Length != 2)
        {
            throw f.Error(field, $"has shape {ShapeText(weight.Shape)}", "expected a matrix (out, in)");
        }

        return weight;
    }

    /// <summary>Reads an optional bias of the given length; zeros when the field is absent.</summary>
    private static NirTensor Vector(NirNodeFields f, string field, int length)
    {
        var bias = f.OptionalTensor(field);
        if (bias is null)
        {
            return NirTensor.Vector(new double[length]);
        }

        if (bias.Length != length)
        {
            throw f.Error(field, $"has {bias.Length} values", $"expected {length}, one per output");
        }

        return bias;
    }

    private static NirTensor SameShape(NirNodeFields f, NirTensor reference, string field)
    {
        return OptionalSameShape(f, reference, field)
            ?? throw f.Error(field, "missing", $"a NIR {f.TypeName} node needs this dataset; re-export the model");
    }

    /// <summary>Reads a parameter that must match <paramref name="reference"/>; a single value is broadcast.</summary>
    private static NirTensor? OptionalSameShape(NirNodeFields f, NirTensor reference, string field)
    {
        var tensor = f.OptionalTensor(field);
        if (tensor is null)
        {
            return null;
        }

        if (tensor.Length == reference.Length)
        {
            return new NirTensor(reference.Shape, tensor.Values);
        }

        if (tensor.Length == 1)
        {
            return new NirTensor(reference.Shape, Enumerable.Repeat(tensor[0], reference.Length).ToArray());
        }

        throw f.Error(
            field,
            $"has shape {ShapeText(tensor.Shape)} but 'r' has {ShapeText(reference.Shape)}",
            "all parameters of a neuron node must have the same shape");
    }

    private static NirTensor Positive(NirNodeFields f, string field, NirTensor tensor)
    {
        for (var k = 0; k < tensor.Length; k++)
        {
            if (tensor[k] <= 0)
            {
                throw f.Error(
                    field,
                    $"element {k} is {tensor[k].ToString(CultureInfo.InvariantCulture)}",
                    "a time constant must be positive");
            }
        }

        return tensor;
    }

    private static int[] Positive(NirNodeFields f, string field, int[] values)
    {
        if (values.Any(v => v <= 0))
        {
            throw f.Error(field, $"is {ShapeText(values)}", "every value must be positive");
        }

        return values;
    }

    private static int[] NonNegative(NirNodeFields f, string field, int[] values)
    {
        if (values.Any(v => v < 0))
        {
            throw f.Error(field, $"is {ShapeText(values)}", "padding must be zero or positive");
        }

        return values;
    }

    internal static string ShapeText(int[] shape) => "[" + string.Join(", ", shape) + "]";
}
