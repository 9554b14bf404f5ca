namespace NeuroDeploy.Compiler.Nir;

/// <summary>
/// Infers every node's input and output shape from its parameters and its incoming edges, and
/// rejects edges whose element counts disagree.
/// </summary>
internal static class NirShapeInference
{
    public static void Run(string file, List<NirNode> nodes, List<NirEdge> edges)
    {
        var byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var incoming = nodes.ToDictionary(n => n.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            incoming[edge.Target].Add(edge.Source);
        }

        var output = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var input = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var fixedInput = DeclaredInput(node);
            if (fixedInput is not null)
            {
                input[node.Name] = fixedInput;
                output[node.Name] = OutputFor(file, node, fixedInput);
            }
        }

        // Nodes whose shape follows from their input (pooling, Flatten without input_type, Conv
        // without input_shape) take it from an already known predecessor; repeat until stable.
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var node in nodes)
            {
                if (output.ContainsKey(node.Name))
                {
                    continue;
                }

                var known = incoming[node.Name].FirstOrDefault(output.ContainsKey);
                if (known is null)
                {
                    continue;
                }

                input[node.Name] = output[known];
                output[node.Name] = OutputFor(file, node, output[known]);
                changed = true;
            }
        }

        foreach (var node in nodes)
        {
            if (!output.TryGetValue(node.Name, out var nodeOutput))
            {
                throw new NirFormatException(
                    $"{file}: node '{node.Name}' ({node.TypeName}): its shape cannot be inferred because no incoming "
                    + "edge comes from a node of known shape; connect it or store its input shape");
            }

            node.InputShape = input[node.Name];
            node.OutputShape = nodeOutput;
        }

        foreach (var edge in edges)
        {
            var source = byName[edge.Source];
            var target = byName[edge.Target];
            if (source is NirOutputNode)
            {
                throw new NirFormatException(
                    $"{file}: edge '{edge}' leaves the Output node '{source.Name}'; an Output node has no successors");
            }

            if (target is NirInputNode)
            {
                throw new NirFormatException(
                    $"{file}: edge '{edge}' enters the Input node '{target.Name}'; an Input node has no predecessors");
            }

            var emitted = Count(source.OutputShape);
            var expected = Count(target.InputShape);
            if (emitted != expected)
            {
                throw new NirFormatException(
                    $"{file}: edge '{edge}': node '{source.Name}' ({source.TypeName}) emits shape "
                    + $"{NirNodeParser.ShapeText(source.OutputShape)} ({emitted} values) but node '{target.Name}' "
                    + $"({target.TypeName}) expects {NirNodeParser.ShapeText(target.InputShape)} ({expected} values); "
                    + "fix the parameter shapes or the edge");
            }
        }
    }

    public static long Count(int[] shape) => shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The input shape a node fixes by its own parameters, or null when it follows its input.</summary>
    private static int[]? DeclaredInput(NirNode node)
    {
        return node switch
        {
            NirInputNode n => n.Shape,
            NirOutputNode n => n.Shape,
            NirIdentityNode n => n.Shape,
            NirAffineNode n => [n.Weight.Shape[1]],
            NirLinearNode n => [n.Weight.Shape[1]],
            NirScaleNode n when n.Scale.Length > 1 => ShapeOf(n.Scale),
            NirThresholdNode n => ShapeOf(n.Threshold),
            NirDelayNode n => ShapeOf(n.Delay),
            NirNeuronNode n => n.Shape,
            NirConv2dNode n when n.DeclaredInputShape is not null =>
                [n.Weight.Shape[1] * n.Groups, n.DeclaredInputShape[0], n.DeclaredInputShape[1]],
            NirConv1dNode n when n.DeclaredInputLength is not null =>
                [n.Weight.Shape[1] * n.Groups, n.DeclaredInputLength.Value],
            NirFlattenNode n when n.DeclaredInputShape is not null => n.DeclaredInputShape,
            _ => null,
        };
    }

    private static int[] ShapeOf(NirTensor tensor) => tensor.Shape.Length == 0 ? [1] : tensor.Shape;

    private static int[] OutputFor(string file, NirNode node, int[] input)
    {
        switch (node)
        {
            case NirAffineNode n:
                return [n.Weight.Shape[0]];
            case NirLinearNode n:
                return [n.Weight.Shape[0]];
            case NirConv2dNode n:
                return Conv2dOutput(file, n, input);
            case NirConv1dNode n:
                return Conv1dOutput(file, n, input);
            case NirPool2dNode n:
                return PoolOutput(file, n, input);
            case NirFlattenNode n:
                return FlattenOutput(file, n, input);
            default:
                return input;
        }
    }

    private static int[] Conv2dOutput(string file, NirConv2dNode n, int[] input)
    {
        var channels = n.Weight.Shape[1] * n.Groups;
        if (input.Length != 3 || input[0] != channels)
        {
            throw ShapeError(file, n, input, $"[{channels}, H, W]");
        }

        if (string.Equals(n.PaddingMode, "same", StringComparison.Ordinal))
        {
            n.Padding = [SamePadding(file, n, 0), SamePadding(file, n, 1)];
        }

        var height = ConvLength(input[1], n.Padding[0], n.Dilation[0], n.Weight.Shape[2], n.Stride[0]);
        var width = ConvLength(input[2], n.Padding[1], n.Dilation[1], n.Weight.Shape[3], n.Stride[1]);
        if (height <= 0 || width <= 0)
        {
            throw ShapeError(file, n, input, "an input at least as large as the dilated kernel");
        }

        return [n.Weight.Shape[0], height, width];
    }

    private static int SamePadding(string file, NirConv2dNode n, int axis)
    {
        var span = n.Dilation[axis] * (n.Weight.Shape[2 + axis] - 1);
        if (span % 2 != 0 || n.Stride[axis] != 1)
        {
            throw new NirFormatException(
                $"{file}: node '{n.Name}' (Conv2d), field 'padding': 'same' with an even kernel or a stride above 1 "
                + "needs asymmetric padding, which is not supported; store the padding as integers");
        }

        return span / 2;
    }

    private static int[] Conv1dOutput(string file, NirConv1dNode n, int[] input)
    {
        var channels = n.Weight.Shape[1] * n.Groups;
        if (input.Length != 2 || input[0] != channels)
        {
            throw ShapeError(file, n, input, $"[{channels}, L]");
        }

        var padding = string.Equals(n.PaddingMode, "same", StringComparison.Ordinal) ? n.Dilation * (n.Weight.Shape[2] - 1) / 2 : n.Padding;
        var length = ConvLength(input[1], padding, n.Dilation, n.Weight.Shape[2], n.Stride);
        if (length <= 0)
        {
            throw ShapeError(file, n, input, "an input at least as long as the dilated kernel");
        }

        return [n.Weight.Shape[0], length];
    }

    private static int[] PoolOutput(string file, NirPool2dNode n, int[] input)
    {
        if (input.Length != 3)
        {
            throw ShapeError(file, n, input, "[C, H, W]");
        }

        var height = ConvLength(input[1], n.Padding[0], 1, n.KernelSize[0], n.Stride[0]);
        var width = ConvLength(input[2], n.Padding[1], 1, n.KernelSize[1], n.Stride[1]);
        if (height <= 0 || width <= 0)
        {
            throw ShapeError(file, n, input, "an input at least as large as the kernel");
        }

        return [input[0], height, width];
    }

    private static int[] FlattenOutput(string file, NirFlattenNode n, int[] input)
    {
        var start = n.StartDim < 0 ? n.StartDim + input.Length : n.StartDim;
        var end = n.EndDim < 0 ? n.EndDim + input.Length : n.EndDim;
        if (start < 0 || end >= input.Length || start > end)
        {
            throw new NirFormatException(
                $"{file}: node '{n.Name}' (Flatten), field 'start_dim'/'end_dim': {n.StartDim}..{n.EndDim} "
                + $"is not a valid range for input shape {NirNodeParser.ShapeText(input)}; "
                + "dimensions are counted without the batch dimension");
        }

        var merged = 1;
        for (var k = start; k <= end; k++)
        {
            merged *= input[k];
        }

        return [.. input[..start], merged, .. input[(end + 1)..]];
    }

    /// <summary>PyTorch's output length: floor((n + 2p - d (k - 1) - 1) / s) + 1.</summary>
    private static int ConvLength(int length, int padding, int dilation, int kernel, int stride)
    {
        var span = length + (2 * padding) - (dilation * (kernel - 1)) - 1;
        return span < 0 ? 0 : (span / stride) + 1;
    }

    private static NirFormatException ShapeError(string file, NirNode node, int[] input, string expected)
    {
        return new NirFormatException(
            $"{file}: node '{node.Name}' ({node.TypeName}) receives shape {NirNodeParser.ShapeText(input)} "
            + $"but expects {expected}; fix the incoming edge or the node's parameters");
    }
}
