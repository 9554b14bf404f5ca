using System.Buffers.Binary;
using System.IO.Compression;

namespace NeuroDeploy.Data.Tests;

public sealed class IdxTests
{
    private static readonly byte[] Pixels = [.. Enumerable.Range(0, 3 * 2 * 4).Select(i => (byte)(i * 10))];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WriteThenRead_RoundTrips(bool gzip)
    {
        using var directory = new TemporaryDirectory();
        var images = directory.File("images.idx");
        var labels = directory.File("labels.idx");

        Idx.WriteImages(images, new IdxImages(3, 2, 4, Pixels), gzip);
        Idx.WriteLabels(labels, [7, 0, 9], gzip);
        var (read, readLabels) = Idx.ReadLabeledImages(images, labels);

        Assert.Equal(gzip, File.ReadAllBytes(images)[0] == 0x1F);
        Assert.Equal(3, read.Count);
        Assert.Equal(2, read.Rows);
        Assert.Equal(4, read.Columns);
        Assert.Equal(Pixels, read.Pixels);
        Assert.Equal(Pixels[8..16], read.GetImage(1).ToArray());
        Assert.Equal(new byte[] { 7, 0, 9 }, readLabels);
    }

    [Fact]
    public void ReadImages_PlainHeader_ExactBytes()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("images.idx");

        Idx.WriteImages(path, new IdxImages(3, 2, 4, Pixels), gzip: false);
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(new byte[] { 0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 4 }, bytes[..16]);
        Assert.Equal(16 + 24, bytes.Length);
    }

    [Fact]
    public void ReadImages_LabelFile_WrongMagicWithHint()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("labels.idx");
        Idx.WriteLabels(path, [1, 2], gzip: false);

        var error = Assert.Throws<DataFormatException>(() => Idx.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("0x00000801", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x00000803", error.Message, StringComparison.Ordinal);
        Assert.Contains("order of the paths", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabels_Garbage_WrongMagic()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("labels.csv");
        File.WriteAllText(path, "label\n1\n");

        var error = Assert.Throws<DataFormatException>(() => Idx.ReadLabels(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("wrong IDX magic number 0x6C616265", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadImages_TruncatedData_NamesCounts(bool gzip)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("images.idx");
        var content = new byte[16 + 20];
        BinaryPrimitives.WriteInt32BigEndian(content, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(4), 3);
        BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(8), 2);
        BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(12), 4);
        WriteContent(path, content, gzip);

        var error = Assert.Throws<DataFormatException>(() => Idx.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("3 x 2 x 4 images (24 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("only 20 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_TruncatedHeader_Throws()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("images.idx");
        File.WriteAllBytes(path, [0, 0, 8, 3, 0, 0, 0, 1]);

        var error = Assert.Throws<DataFormatException>(() => Idx.ReadImages(path));

        Assert.Contains("header alone needs 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabels_TrailingBytes_Throws()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("labels.idx");
        File.WriteAllBytes(path, [0, 0, 8, 1, 0, 0, 0, 2, 5, 6, 7]);

        var error = Assert.Throws<DataFormatException>(() => Idx.ReadLabels(path));

        Assert.Contains("2 labels (2 bytes) but 3 bytes follow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_TruncatedGzip_Throws()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("images.gz");
        Idx.WriteImages(path, new IdxImages(3, 2, 4, Pixels), gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => Idx.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabeledImages_CountMismatch_NamesBothCounts()
    {
        using var directory = new TemporaryDirectory();
        var images = directory.File("images.idx");
        var labels = directory.File("labels.idx");
        Idx.WriteImages(images, new IdxImages(3, 2, 4, Pixels), gzip: false);
        Idx.WriteLabels(labels, [1, 2], gzip: true);

        var error = Assert.Throws<DataFormatException>(() => Idx.ReadLabeledImages(images, labels));

        Assert.Contains("holds 2 labels", error.Message, StringComparison.Ordinal);
        Assert.Contains("holds 3 images", error.Message, StringComparison.Ordinal);
        Assert.Contains(images, error.Message, StringComparison.Ordinal);
        Assert.Contains(labels, error.Message, StringComparison.Ordinal);
    }

    [FashionMnistFact]
    public void ReadLabeledImages_DebianTestSet_HeaderCounts()
    {
        var folder = DatasetLoadOptions.DefaultSystemFashionMnistDirectory;

        var (images, labels) = Idx.ReadLabeledImages(
            Path.Combine(folder, "t10k-images-idx3-ubyte.gz"),
            Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));

        Assert.Equal(10000, images.Count);
        Assert.Equal(28, images.Rows);
        Assert.Equal(28, images.Columns);
        Assert.Equal(10000, labels.Length);
        Assert.Equal(9, labels[0]);
        Assert.Equal(10, labels.Distinct().Count());
    }

    private static void WriteContent(string path, byte[] content, bool gzip)
    {
        using var file = File.Create(path);
        if (gzip)
        {
            using var compressed = new GZipStream(file, CompressionLevel.Fastest);
            compressed.Write(content);
        }
        else
        {
            file.Write(content);
        }
    }
}
