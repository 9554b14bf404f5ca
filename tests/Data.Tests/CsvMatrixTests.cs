namespace NeuroDeploy.Data.Tests;

public sealed class CsvMatrixTests
{
    [Fact]
    public void Read_HeaderDetected_ValuesParsed()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("a.csv");
        File.WriteAllText(path, "t,n0,n1\n0,1.5,-2e-3\n1,nan,inf\n2,-inf,7\n\n");

        var matrix = CsvMatrix.Read(path);

        Assert.Equal(new[] { "t", "n0", "n1" }, matrix.Header);
        Assert.Equal(3, matrix.RowCount);
        Assert.Equal(3, matrix.ColumnCount);
        Assert.Equal(1.5, matrix[0, 1]);
        Assert.Equal(-0.002, matrix[0, 2]);
        Assert.True(double.IsNaN(matrix[1, 1]));
        Assert.Equal(double.PositiveInfinity, matrix[1, 2]);
        Assert.Equal(double.NegativeInfinity, matrix[2, 1]);
    }

    [Fact]
    public void Read_NoHeader_FirstRowIsData()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("b.csv");
        File.WriteAllText(path, "1, 2\r\n3 ,4\r\n");

        var matrix = CsvMatrix.Read(path);

        Assert.Null(matrix.Header);
        Assert.Equal(new double[] { 1, 2, 3, 4 }, matrix.Data);
    }

    [Fact]
    public void Read_DropIndexColumn_RemovesFirstColumn()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("c.csv");
        File.WriteAllText(path, "step,x,y\n0,10,11\n1,20,21\n");

        var matrix = CsvMatrix.Read(path, dropLeadingIndexColumn: true);

        Assert.Equal(new[] { "x", "y" }, matrix.Header);
        Assert.Equal(2, matrix.ColumnCount);
        Assert.Equal(new double[] { 10, 11, 20, 21 }, matrix.Data);
        Assert.Equal(new[] { 2, 2 }, matrix.ToNdArray().Shape);
    }

    [Fact]
    public void Read_BadNumber_NamesFileRowAndColumn()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("d.csv");
        File.WriteAllText(path, "a,b\n1,2\n3,4;5\n");

        var error = Assert.Throws<DataFormatException>(() => CsvMatrix.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("row 3, column 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'4;5'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CommaDecimal_Rejected()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("e.csv");
        File.WriteAllText(path, "x\n1.5\n\"2,5\"\n");

        var error = Assert.Throws<DataFormatException>(() => CsvMatrix.Read(path));

        Assert.Contains("row 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RaggedRow_NamesRowAndCounts()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("f.csv");
        File.WriteAllText(path, "1,2,3\n4,5\n");

        var error = Assert.Throws<DataFormatException>(() => CsvMatrix.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("row 2 has 2 columns", error.Message, StringComparison.Ordinal);
        Assert.Contains("first row has 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderOnly_Throws()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("g.csv");
        File.WriteAllText(path, "a,b\n");

        var error = Assert.Throws<DataFormatException>(() => CsvMatrix.Read(path));

        Assert.Contains("no data rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_Throws()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("h.csv");
        File.WriteAllText(path, "\n");

        var error = Assert.Throws<DataFormatException>(() => CsvMatrix.Read(path));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SingleColumnDropIndex_Throws()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("i.csv");
        File.WriteAllText(path, "t\n0\n");

        var error = Assert.Throws<DataFormatException>(() => CsvMatrix.Read(path, dropLeadingIndexColumn: true));

        Assert.Contains("dropLeadingIndexColumn", error.Message, StringComparison.Ordinal);
    }
}
