using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuroDeploy.Compiler.Tests.Reference;

/// <summary>
/// Small readers for the CSV and .npy reference files. NOTE: a stand-in until NeuroDeploy.Data
/// provides an Npy reader; it supports &lt;f4, &lt;f8, &lt;i8, |i1 and fortran_order only.
/// </summary>
internal static partial class ReferenceFiles
{
    /// <summary>Reads a comma-separated numeric table; skips the first line when it has a header.</summary>
    public static double[][] ReadCsv(string path, bool hasHeader)
    {
        return File.ReadAllLines(path)
            .Skip(hasHeader ? 1 : 0)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
    }

    /// <summary>Reads a .npy file as (shape, row-major float64 values).</summary>
    public static (int[] Shape, double[] Values) ReadNpy(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || !string.Equals(System.Text.Encoding.ASCII.GetString(bytes, 1, 5), "NUMPY", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: not a .npy file");
        }

        var headerLength = bytes[6] == 1 ? BitConverter.ToUInt16(bytes, 8) : (int)BitConverter.ToUInt32(bytes, 8);
        var headerStart = bytes[6] == 1 ? 10 : 12;
        var header = System.Text.Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header).Groups["value"].Value;
        var fortran = header.Contains("'fortran_order': True", StringComparison.Ordinal);
        var shapeText = ShapePattern().Match(header).Groups["value"].Value;
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var count = shape.Aggregate(1, (a, b) => a * b);
        var data = bytes.AsSpan(headerStart + headerLength);
        var values = new double[count];
        for (var k = 0; k < count; k++)
        {
            values[k] = descr switch
            {
                "<f4" => BitConverter.ToSingle(data.Slice(4 * k, 4)),
                "<f8" => BitConverter.ToDouble(data.Slice(8 * k, 8)),
                "<i8" => BitConverter.ToInt64(data.Slice(8 * k, 8)),
                "|i1" => (sbyte)data[k],
                _ => throw new InvalidDataException($"{path}: dtype {descr} is not supported by this test reader"),
            };
        }

        return (shape, fortran ? ToRowMajor(shape, values) : values);
    }

    /// <summary>Reads the 'input' column of the LIF stimulus table as a [1000, 1] input.</summary>
    public static double[] LifInput(string path) => ReadCsv(path, hasHeader: true).Select(row => row[2]).ToArray();

    private static double[] ToRowMajor(int[] shape, double[] columnMajor)
    {
        if (shape.Length != 2)
        {
            throw new InvalidDataException("fortran_order is supported for 2-D arrays only");
        }

        var result = new double[columnMajor.Length];
        for (var r = 0; r < shape[0]; r++)
        {
            for (var c = 0; c < shape[1]; c++)
            {
                result[(r * shape[1]) + c] = columnMajor[(c * shape[0]) + r];
            }
        }

        return result;
    }

    [GeneratedRegex(@"'descr':\s*'(?<value>[^']+)'", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape':\s*\((?<value>[^)]*)\)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ShapePattern();
}
