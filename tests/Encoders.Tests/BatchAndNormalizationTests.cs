namespace NeuroDeploy.Encoders.Tests;

public class BatchAndNormalizationTests
{
    [Fact]
    public void MaxAbs_DividesByBatchMaximum()
    {
        var normalized = FeatureNormalizer.Normalize([2.0, -4.0, 1.0, 0.0], FeatureNormalization.MaxAbs);

        Assert.Equal(new[] { 0.5, -1.0, 0.25, 0.0 }, normalized);
    }

    [Fact]
    public void MaxAbs_AllZero_StaysZero()
    {
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, FeatureNormalizer.Normalize([0.0, 0.0, 0.0], FeatureNormalization.MaxAbs));
    }

    [Fact]
    public void None_KeepsValues()
    {
        Assert.Equal(new[] { 3.0, -0.5 }, FeatureNormalizer.Normalize([3.0, -0.5], FeatureNormalization.None));
    }

    [Fact]
    public void Normalize_NonFinite_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => FeatureNormalizer.Normalize([1.0, double.NaN], FeatureNormalization.MaxAbs));

        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", FeatureNormalization.None)]
    [InlineData("max-abs", FeatureNormalization.MaxAbs)]
    public void Parse_Names(string text, FeatureNormalization expected)
    {
        Assert.Equal(expected, FeatureNormalizer.Parse(text));
        Assert.Equal(text, FeatureNormalizer.Name(expected));
    }

    [Fact]
    public void Parse_Unknown_ListsChoices()
    {
        var error = Assert.Throws<FormatException>(() => FeatureNormalizer.Parse("minmax"));

        Assert.Contains("'minmax'", error.Message, StringComparison.Ordinal);
        Assert.Contains("none, max-abs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate:seed=3,steps=20")]
    [InlineData("mixed-oscillator:delta=2")]
    [InlineData("delta")]
    public void EncodeBatch_EqualsPerSampleAndIgnoresThreadCount(string text)
    {
        var encoder = EncoderFactory.Create(text);
        var batch = Enumerable.Range(0, 40 * 7).Select(i => Math.Sin(i * 0.37)).ToArray();

        var serial = encoder.EncodeBatch(batch, 7, firstSampleIndex: 100, maxDegreeOfParallelism: 1);
        var parallel = encoder.EncodeBatch(batch, 7, firstSampleIndex: 100, maxDegreeOfParallelism: 8);

        Assert.Equal(serial, parallel);
        var sampleLength = encoder.Steps * encoder.OutputChannels(7);
        for (var sample = 0; sample < 40; sample++)
        {
            var single = encoder.Encode(batch.AsSpan(sample * 7, 7), 100 + sample);
            Assert.Equal(single, serial.AsSpan(sample * sampleLength, sampleLength).ToArray());
        }
    }

    [Fact]
    public void EncodeBatch_RaisesLowestFailingSample()
    {
        var encoder = EncoderFactory.Create("latency");
        var batch = new double[] { 0.1, 0.2, 0.3, 5.0, 0.4, 7.0 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => encoder.EncodeBatch(batch, 2, maxDegreeOfParallelism: 4));

        Assert.Contains("value 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeBatch_RaggedBatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => EncoderFactory.Create("latency").EncodeBatch(new double[7], 3));

        Assert.Contains("multiple of 3", error.Message, StringComparison.Ordinal);
    }
}
