using NeuroDeploy.Compiler.Nir;

namespace NeuroDeploy.Compiler.Lowering;

/// <summary>The matrix and bias of each linear NIR node, on row-major flattened input and output.</summary>
internal static class LinearNodeMatrices
{
    public static bool IsLinear(NirNode node) => node is NirAffineNode or NirLinearNode or NirScaleNode
        or NirConv1dNode or NirConv2dNode or NirPool2dNode or NirFlattenNode or NirIdentityNode or NirDelayNode;

    public static (SparseMatrix Matrix, double[] Bias) Build(NirNode node)
    {
        var inputSize = Size(node.InputShape);
        var outputSize = Size(node.OutputShape);
        return node switch
        {
            NirAffineNode n => (Dense(n.Weight), (double[])n.Bias.Values.Clone()),
            NirLinearNode n => (Dense(n.Weight), new double[outputSize]),
            NirScaleNode n => (Diagonal(n.Scale, inputSize), new double[outputSize]),
            NirConv2dNode n => Conv2d(n),
            NirConv1dNode n => Conv1d(n),
            NirPool2dNode n => (Pool2d(n), new double[outputSize]),
            _ => (SparseMatrix.Identity(inputSize), new double[outputSize]),
        };
    }

    public static int Size(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    private static SparseMatrix Dense(NirTensor weight)
    {
        var rows = weight.Shape[0];
        var columns = weight.Shape[1];
        var entries = new List<(int, double)>[rows];
        for (var i = 0; i < rows; i++)
        {
            entries[i] = new List<(int, double)>(columns);
            for (var j = 0; j < columns; j++)
            {
                entries[i].Add((j, weight[(i * columns) + j]));
            }
        }

        return SparseMatrix.FromRows(columns, entries);
    }

    private static SparseMatrix Diagonal(NirTensor scale, int size)
    {
        var entries = new List<(int, double)>[size];
        for (var i = 0; i < size; i++)
        {
            entries[i] = [(i, scale.Length == 1 ? scale[0] : scale[i])];
        }

        return SparseMatrix.FromRows(size, entries);
    }

    private static (SparseMatrix, double[]) Conv2d(NirConv2dNode n)
    {
        int cIn = n.InputShape[0], height = n.InputShape[1], width = n.InputShape[2];
        int cOut = n.OutputShape[0], outHeight = n.OutputShape[1], outWidth = n.OutputShape[2];
        int perGroupIn = n.Weight.Shape[1], kh = n.Weight.Shape[2], kw = n.Weight.Shape[3];
        var perGroupOut = cOut / n.Groups;
        var entries = new List<(int, double)>[cOut * outHeight * outWidth];
        var bias = new double[entries.Length];
        for (var co = 0; co < cOut; co++)
        {
            var group = co / perGroupOut;
            for (var oy = 0; oy < outHeight; oy++)
            {
                for (var ox = 0; ox < outWidth; ox++)
                {
                    var row = (((co * outHeight) + oy) * outWidth) + ox;
                    var list = new List<(int, double)>(perGroupIn * kh * kw);
                    for (var cl = 0; cl < perGroupIn; cl++)
                    {
                        var ci = (group * perGroupIn) + cl;
                        for (var ky = 0; ky < kh; ky++)
                        {
                            var iy = (oy * n.Stride[0]) - n.Padding[0] + (ky * n.Dilation[0]);
                            if (iy < 0 || iy >= height)
                            {
                                continue;
                            }

                            for (var kx = 0; kx < kw; kx++)
                            {
                                var ix = (ox * n.Stride[1]) - n.Padding[1] + (kx * n.Dilation[1]);
                                if (ix < 0 || ix >= width)
                                {
                                    continue;
                                }

                                var w = n.Weight[(((((co * perGroupIn) + cl) * kh) + ky) * kw) + kx];
                                var col = (((ci * height) + iy) * width) + ix;
                                list.Add((col, w));
                            }
                        }
                    }

                    entries[row] = list;
                    bias[row] = n.Bias[co];
                }
            }
        }

        return (SparseMatrix.FromRows(cIn * height * width, entries), bias);
    }

    private static (SparseMatrix, double[]) Conv1d(NirConv1dNode n)
    {
        int cIn = n.InputShape[0], length = n.InputShape[1];
        int cOut = n.OutputShape[0], outLength = n.OutputShape[1];
        int perGroupIn = n.Weight.Shape[1], kernel = n.Weight.Shape[2];
        var perGroupOut = cOut / n.Groups;
        var padding = string.Equals(n.PaddingMode, "same", StringComparison.Ordinal)
            ? n.Dilation * (kernel - 1) / 2
            : n.Padding;
        var entries = new List<(int, double)>[cOut * outLength];
        var bias = new double[entries.Length];
        for (var co = 0; co < cOut; co++)
        {
            var group = co / perGroupOut;
            for (var ox = 0; ox < outLength; ox++)
            {
                var row = (co * outLength) + ox;
                var list = new List<(int, double)>(perGroupIn * kernel);
                for (var cl = 0; cl < perGroupIn; cl++)
                {
                    var ci = (group * perGroupIn) + cl;
                    for (var k = 0; k < kernel; k++)
                    {
                        var ix = (ox * n.Stride) - padding + (k * n.Dilation);
                        if (ix >= 0 && ix < length)
                        {
                            list.Add(((ci * length) + ix, n.Weight[(((co * perGroupIn) + cl) * kernel) + k]));
                        }
                    }
                }

                entries[row] = list;
                bias[row] = n.Bias[co];
            }
        }

        return (SparseMatrix.FromRows(cIn * length, entries), bias);
    }

    private static SparseMatrix Pool2d(NirPool2dNode n)
    {
        int channels = n.InputShape[0], height = n.InputShape[1], width = n.InputShape[2];
        int outHeight = n.OutputShape[1], outWidth = n.OutputShape[2];
        int kh = n.KernelSize[0], kw = n.KernelSize[1];
        var weight = n is NirAvgPool2dNode ? 1.0 / (kh * kw) : 1.0;
        var entries = new List<(int, double)>[channels * outHeight * outWidth];
        for (var c = 0; c < channels; c++)
        {
            for (var oy = 0; oy < outHeight; oy++)
            {
                for (var ox = 0; ox < outWidth; ox++)
                {
                    var list = new List<(int, double)>(kh * kw);
                    for (var ky = 0; ky < kh; ky++)
                    {
                        var iy = (oy * n.Stride[0]) - n.Padding[0] + ky;
                        for (var kx = 0; kx < kw; kx++)
                        {
                            var ix = (ox * n.Stride[1]) - n.Padding[1] + kx;
                            if (iy >= 0 && iy < height && ix >= 0 && ix < width)
                            {
                                var col = (((c * height) + iy) * width) + ix;
                                list.Add((col, weight));
                            }
                        }
                    }

                    entries[(((c * outHeight) + oy) * outWidth) + ox] = list;
                }
            }
        }

        return SparseMatrix.FromRows(channels * height * width, entries);
    }
}
