using System.Globalization;

namespace NeuroDeploy.Data;

/// <summary>
/// A numeric table read from a comma-separated file: an optional header row and rows of numbers, all of equal
/// length. Numbers use the invariant culture ('.' as decimal point); <c>nan</c>, <c>inf</c> and <c>-inf</c>
/// are accepted as NumPy writes them.
/// </summary>
public sealed class CsvMatrix
{
    private CsvMatrix(string[]? header, int rowCount, int columnCount, double[] data)
    {
        Header = header;
        RowCount = rowCount;
        ColumnCount = columnCount;
        Data = data;
    }

    /// <summary>Column names from the header row, or null when the file has none.</summary>
    public string[]? Header { get; }

    /// <summary>Number of data rows (the header excluded).</summary>
    public int RowCount { get; }

    /// <summary>Number of columns (the dropped index column excluded).</summary>
    public int ColumnCount { get; }

    /// <summary>Values in row-major order.</summary>
    public double[] Data { get; }

    /// <summary>Value at a zero-based data row and column.</summary>
    public double this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
            return Data[(row * ColumnCount) + column];
        }
    }

    /// <summary>
    /// Reads a CSV file. The first row is taken as a header when any of its fields is not a number.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <param name="dropLeadingIndexColumn">
    /// Drops the first column (a step, time or row index such as <c>t</c>) from the header and the values.
    /// </param>
    /// <exception cref="DataFormatException">
    /// A field is not a number, rows differ in length, or the file has no data rows.
    /// </exception>
    public static CsvMatrix Read(string path, bool dropLeadingIndexColumn = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var lines = File.ReadAllLines(path);
        var lastLine = lines.Length;
        while (lastLine > 0 && string.IsNullOrWhiteSpace(lines[lastLine - 1]))
        {
            lastLine--;
        }

        if (lastLine == 0)
        {
            throw new DataFormatException($"{path}: the CSV file is empty; expected rows of comma-separated numbers.");
        }

        var firstFields = SplitLine(lines[0]);
        string[]? header = null;
        var firstDataLine = 0;
        if (firstFields.Any(field => !TryParseNumber(field, out _)))
        {
            header = [.. firstFields.Select(field => field.Trim())];
            firstDataLine = 1;
        }

        var fileColumns = firstFields.Length;
        var skip = dropLeadingIndexColumn ? 1 : 0;
        if (fileColumns <= skip)
        {
            throw new DataFormatException(
                $"{path}: row 1 has only one column, so no values remain after dropping the index column. "
                + "Read the file without dropLeadingIndexColumn.");
        }

        var rowCount = lastLine - firstDataLine;
        if (rowCount == 0)
        {
            throw new DataFormatException(
                $"{path}: the CSV file has a header row but no data rows; expected rows of comma-separated numbers.");
        }

        var columnCount = fileColumns - skip;
        var data = new double[(long)rowCount * columnCount];
        for (var line = firstDataLine; line < lastLine; line++)
        {
            var row = data.AsSpan((line - firstDataLine) * columnCount, columnCount);
            ParseRow(path, lines[line], line, fileColumns, skip, row);
        }

        return new CsvMatrix(header?[skip..], rowCount, columnCount, data);
    }

    /// <summary>Returns the values as a two-dimensional <see cref="NdArray"/> of dtype <c>&lt;f8</c>.</summary>
    public NdArray ToNdArray() => new([RowCount, ColumnCount], (double[])Data.Clone());

    private static void ParseRow(string path, string text, int line, int fileColumns, int skip, Span<double> row)
    {
        var fields = SplitLine(text);
        if (fields.Length != fileColumns)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: row {line + 1} has {fields.Length} columns but the first row has {fileColumns}. "
                + $"Every row needs the same number of comma-separated fields."));
        }

        for (var column = skip; column < fields.Length; column++)
        {
            if (!TryParseNumber(fields[column], out var value))
            {
                throw new DataFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: row {line + 1}, column {column + 1}: '{fields[column].Trim()}' is not a number. "
                    + $"Write numbers with '.' as the decimal point and no thousands separator."));
            }

            row[column - skip] = value;
        }
    }

    private static string[] SplitLine(string line) => line.Split(',');

    private static bool TryParseNumber(string field, out double value)
    {
        var text = field.AsSpan().Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || text.Equals("+inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (text.Equals("-inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return false;
    }
}
