using System.Buffers.Binary;
using System.Text;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Data.Tests;

public sealed class NpyTests
{
    private const string Reference = "conformance/braille/reference/";

    [SharedDataFact]
    public void Read_FortranOrderXylo_MatchesCsv()
    {
        var array = Npy.Read(SharedData.PathOf(Reference + "xylo_activity_noDelay_noBias_subtract.npy"));
        var csv = CsvMatrix.Read(SharedData.PathOf(Reference + "xylo_activity_noDelay_noBias_subtract.csv"), true);

        Assert.Equal("|i1", array.DType);
        Assert.Equal(new[] { 256, 40 }, array.Shape);
        Assert.Equal(256, csv.RowCount);
        Assert.Equal(40, csv.ColumnCount);
        Assert.Equal(csv.Data, array.Data);
        Assert.True(array.Data.Sum() > 0, "the reference activity has spikes, so the order check is meaningful");
    }

    [SharedDataTheory]
    [InlineData("snntorch_activity_noDelay_bias_zero", "<f4")]
    [InlineData("snntorch_activity_noDelay_noBias_subtract", "<f4")]
    [InlineData("nengo_activity_noDelay_bias_zero", "<f8")]
    [InlineData("s2_activity_noDelay_noBias_subtract", "<i8")]
    [InlineData("rockpool_activity_noDelay_noBias_subtract", "<f4")]
    [InlineData("spyx_activity_noDelay_bias_zero", "<f4")]
    public void Read_TimeMajorActivity_MatchesCsv(string name, string dtype)
    {
        var array = Npy.Read(SharedData.PathOf(Reference + name + ".npy"));
        var csv = CsvMatrix.Read(SharedData.PathOf(Reference + name + ".csv"), dropLeadingIndexColumn: true);

        Assert.Equal(dtype, array.DType);
        Assert.Equal(new[] { csv.RowCount, csv.ColumnCount }, array.Shape);
        Assert.Equal(csv.Data, array.Data);
    }

    [SharedDataFact]
    public void Read_NeuronMajorLava_MatchesTransposedCsv()
    {
        var array = Npy.Read(SharedData.PathOf(Reference + "lava_activity_noDelay_bias_zero.npy"));
        var csv = CsvMatrix.Read(SharedData.PathOf(Reference + "lava_activity_noDelay_bias_zero.csv"), true);

        Assert.Equal(new[] { 38, 256 }, array.Shape);
        for (var t = 0; t < 256; t++)
        {
            for (var n = 0; n < 38; n++)
            {
                Assert.Equal(csv[t, n], array[n, t]);
            }
        }
    }

    [SharedDataTheory]
    [InlineData("snntorch_accuracy_noDelay_bias_zero", "<f8")]
    [InlineData("spyx_accuracy_noDelay_bias_zero", "<f4")]
    [InlineData("nengo_accuracy_noDelay_bias_zero", "<f8")]
    public void Read_ZeroDimensionalAccuracy_MatchesCsv(string name, string dtype)
    {
        var array = Npy.Read(SharedData.PathOf(Reference + name + ".npy"));
        var csv = CsvMatrix.Read(SharedData.PathOf(Reference + name + ".csv"));

        Assert.Equal(dtype, array.DType);
        Assert.Empty(array.Shape);
        Assert.Equal(1, array.Length);
        Assert.Equal(new[] { "value" }, csv.Header);
        Assert.Equal(csv[0, 0], array.Data[0], string.Equals(dtype, "<f4", StringComparison.Ordinal) ? 1e-7 : 0.0);
    }

    [SharedDataFact]
    public void Read_NengoAccuracy_ExactValue()
    {
        var array = Npy.Read(SharedData.PathOf(Reference + "nengo_accuracy_noDelay_bias_zero.npy"));

        Assert.Equal(0.5571428571428572, array.Data[0]);
    }

    [Theory]
    [InlineData("<f4")]
    [InlineData("<f8")]
    [InlineData("<i4")]
    [InlineData("<i8")]
    [InlineData("|u1")]
    [InlineData("|i1")]
    [InlineData("|b1")]
    [InlineData("<i2")]
    [InlineData("<u2")]
    [InlineData("<u4")]
    [InlineData("<u8")]
    [InlineData("<f2")]
    public void Write_ThenRead_RoundTripsEveryDType(string dtype)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("array.npy");
        double[] values = string.Equals(dtype, "|b1", StringComparison.Ordinal)
            ? [1, 0, 0, 1, 1, 0]
            : [0, 1, 2, 3, 4, 5];
        if (dtype[1] is 'i' or 'f')
        {
            values[1] = -1;
        }

        Npy.Write(path, new NdArray([2, 3], values, dtype));
        var read = Npy.Read(path);

        Assert.Equal(dtype, read.DType);
        Assert.Equal(new[] { 2, 3 }, read.Shape);
        Assert.Equal(values, read.Data);
    }

    [Fact]
    public void WriteFloat32_ThenRead_KeepsShapeAndBits()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("x.npy");
        float[] data = [0.1f, -2.5f, float.MaxValue, float.Epsilon, -0f, 3.14159274f, 1e-30f, 7f, 8f, 9f, 10f, 11f];

        Npy.WriteFloat32(path, [2, 3, 2], data);
        var read = Npy.ReadFloat32(path);

        Assert.Equal(new[] { 2, 3, 2 }, read.Shape);
        Assert.Equal(data, read.Data);
        Assert.Equal(0, new FileInfo(path).Length % 16);
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void WriteFloat32_HeaderPaddedTo64Bytes()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("x.npy");

        Npy.WriteFloat32(path, [3], [1f, 2f, 3f]);
        var bytes = File.ReadAllBytes(path);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = Encoding.Latin1.GetString(bytes, 10, headerLength);

        Assert.Equal(1, bytes[6]);
        Assert.Equal(0, (10 + headerLength) % 64);
        const string expected = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }";
        Assert.StartsWith(expected, header, StringComparison.Ordinal);
        Assert.EndsWith("\n", header, StringComparison.Ordinal);
        Assert.Equal(10 + headerLength + 12, bytes.Length);
    }

    [Fact]
    public void WriteFloat32_ReplacesExistingFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("x.npy");
        File.WriteAllText(path, "old content that is not an npy file");

        Npy.WriteFloat32(path, [], [42f]);

        var read = Npy.Read(path);
        Assert.Empty(read.Shape);
        Assert.Equal(42.0, read.Data[0]);
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void WriteFloat32_ShapeMismatch_Throws()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<ArgumentException>(() => Npy.WriteFloat32(directory.File("x.npy"), [2, 2], [1f]));

        Assert.Contains("4 elements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ValueOutsideDType_Throws()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<ArgumentException>(
            () => Npy.Write(directory.File("x.npy"), new NdArray([2], [1, 300], "|u1")));

        Assert.Contains("300", error.Message, StringComparison.Ordinal);
        Assert.Contains("|u1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FortranOrderThreeDimensions_ReturnsCOrder()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("f.npy");

        // Element [i, j, k] = 100 i + 10 j + k, stored with i varying fastest.
        var values = new List<int>();
        for (var k = 0; k < 4; k++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var i = 0; i < 2; i++)
                {
                    values.Add((100 * i) + (10 * j) + k);
                }
            }
        }

        WriteRaw(path, "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3, 4), }", Int32Bytes(values));
        var array = Npy.Read(path);

        Assert.Equal(new[] { 2, 3, 4 }, array.Shape);
        Assert.Equal(123.0, array[1, 2, 3]);
        Assert.Equal(13.0, array[0, 1, 3]);
        var expectedCOrder = Enumerable.Range(0, 24)
            .Select(n => (double)((100 * (n / 12)) + (10 * (n / 4 % 3)) + (n % 4)));
        Assert.Equal(expectedCOrder, array.Data);
    }

    [Fact]
    public void Read_Version2Header_Reads()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("v2.npy");
        var header = Encoding.Latin1.GetBytes("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }\n");
        var data = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(data, 1.5);
        BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan(8), -2.25);
        using (var stream = File.Create(path))
        {
            stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0]);
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)header.Length);
            stream.Write(length);
            stream.Write(header);
            stream.Write(data);
        }

        var array = Npy.Read(path);

        Assert.Equal(">f8", array.DType);
        Assert.Equal(new[] { 1.5, -2.25 }, array.Data);
    }

    [Fact]
    public void Read_TruncatedData_NamesFileAndSizes()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("short.npy");
        WriteRaw(path, "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 5), }", new byte[30]);

        var error = Assert.Throws<DataFormatException>(() => Npy.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("80 data bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("only 30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedHeader_NamesFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("header.npy");
        byte[] bytes = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 100, 0, (byte)'{'];
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DataFormatException>(() => Npy.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadMagic_NamesFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("data.npy");
        File.WriteAllText(path, "t,n0\n0,1\n");

        var error = Assert.Throws<DataFormatException>(() => Npy.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<c8")]
    [InlineData("|O")]
    [InlineData("<U5")]
    [InlineData("<f16")]
    public void Read_UnsupportedDType_NamesFileAndDType(string dtype)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("odd.npy");
        WriteRaw(path, "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (1,), }", new byte[16]);

        var error = Assert.Throws<DataFormatException>(() => Npy.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'" + dtype + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("astype", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StructuredDType_NamesFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("record.npy");
        WriteRaw(path, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4]);

        var error = Assert.Throws<DataFormatException>(() => Npy.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("structured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Int64BeyondDoublePrecision_Throws()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("big.npy");
        var data = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(data, (1L << 53) + 1);
        WriteRaw(path, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", data);

        var error = Assert.Throws<DataFormatException>(() => Npy.Read(path));

        Assert.Contains("2^53", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NdArray_Indexer_OutOfRange_Throws()
    {
        var array = new NdArray([2, 2], [1, 2, 3, 4]);

        Assert.Equal(3.0, array[1, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => array[2, 0]);
        Assert.Throws<ArgumentException>(() => array[1]);
    }

    private static byte[] Int32Bytes(IEnumerable<int> values)
    {
        var list = values.ToList();
        var bytes = new byte[list.Count * 4];
        for (var i = 0; i < list.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), list[i]);
        }

        return bytes;
    }

    private static void WriteRaw(string path, string header, byte[] data)
    {
        var text = Encoding.Latin1.GetBytes(header + "\n");
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write([(byte)(text.Length & 0xFF), (byte)(text.Length >> 8)]);
        stream.Write(text);
        stream.Write(data);
    }
}
