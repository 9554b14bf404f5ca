using NeuroDeploy.Encoders.Classical;

namespace NeuroDeploy.Encoders.Tests;

public class ClassicalEncoderTests
{
    [Fact]
    public void SplitMix64_MatchesPublishedOutputs()
    {
        // First outputs of the SplitMix64 reference generator for seeds 0 and 1234567.
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Mix(0));
        Assert.Equal(6457827717110365317UL, SplitMix64.Mix(1234567));
        Assert.Equal(3203168211198807973UL, SplitMix64.Mix(unchecked(1234567UL + 0x9E3779B97F4A7C15UL)));
    }

    [Fact]
    public void Rate_SameSeed_SameOutput()
    {
        var features = new[] { 0.3, -0.7, 0.05, 1.0, 0.0 };
        var first = EncoderFactory.Create("rate:seed=42,steps=64").Encode(features, 7);
        var second = EncoderFactory.Create("rate:seed=42,steps=64").Encode(features, 7);
        var otherSeed = EncoderFactory.Create("rate:seed=43,steps=64").Encode(features, 7);
        var otherSample = EncoderFactory.Create("rate:seed=42,steps=64").Encode(features, 8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.NotEqual(first, otherSample);
    }

    [Fact]
    public void Rate_UsesKeyedUniforms()
    {
        var encoder = EncoderFactory.Create("rate:seed=9,steps=16");
        var output = encoder.Encode([0.0, 0.4]);

        for (var step = 0; step < 16; step++)
        {
            var expected = SplitMix64.Uniform(9, 0, 1, step) < 0.4 ? 1.0 : 0.0;
            Assert.Equal(0.0, output[step * 2]);
            Assert.Equal(expected, output[(step * 2) + 1]);
        }
    }

    [Fact]
    public void Rate_ExtremesAndMeanRate()
    {
        var encoder = EncoderFactory.Create("rate:steps=100000");
        var output = encoder.Encode([1.0, -0.3, 0.0]);

        var counts = new double[3];
        for (var step = 0; step < 100000; step++)
        {
            for (var feature = 0; feature < 3; feature++)
            {
                counts[feature] += output[(step * 3) + feature];
            }
        }

        Assert.Equal(100000, counts[0]);
        Assert.Equal(0, counts[2]);

        // The binomial standard deviation of the rate is sqrt(0.21 / 1e5) = 0.0015; 0.01 is about 7 of them.
        Assert.InRange(counts[1] / 100000, 0.29, 0.31);
    }

    [Theory]
    [InlineData(1.0, 0)]
    [InlineData(0.0, 4)]
    [InlineData(0.5, 2)]
    [InlineData(0.625, 2)]
    [InlineData(-0.875, 1)]
    [InlineData(-1.0, 0)]
    public void Latency_SpikesOnceAtRoundedStep(double value, int step)
    {
        var output = EncoderFactory.Create("latency").Encode([value]);

        Assert.Equal(1.0, output.Sum());
        Assert.Equal(1.0, output[step]);
    }

    [Theory]
    [InlineData(1.0, 0)]
    [InlineData(-0.5, 2)]
    [InlineData(0.7, 1)]
    [InlineData(0.05, 4)]
    [InlineData(-0.001, 4)]
    public void Ttfs_SpikesOnceAtFlooredStep(double value, int step)
    {
        var output = EncoderFactory.Create("ttfs").Encode([value]);

        Assert.Equal(1.0, output.Sum());
        Assert.Equal(1.0, output[step]);
    }

    [Fact]
    public void Ttfs_Zero_NeverSpikes()
    {
        Assert.All(EncoderFactory.Create("ttfs:steps=9").Encode([0.0]), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Delta_PositiveRamp_OnSpikes()
    {
        var encoder = EncoderFactory.Create("delta");
        var output = encoder.Encode([0.3, -0.3]);

        // Ramp 0.06, 0.12, 0.18, 0.24, 0.30 against threshold 0.1: ON at steps 1, 3, 4 for +0.3, OFF for -0.3.
        Assert.Equal(4, encoder.OutputChannels(2));
        double[] on = [0, 1, 0, 1, 1];
        for (var step = 0; step < 5; step++)
        {
            Assert.Equal(on[step], output[(step * 4) + 0]);
            Assert.Equal(0.0, output[(step * 4) + 1]);
            Assert.Equal(0.0, output[(step * 4) + 2]);
            Assert.Equal(on[step], output[(step * 4) + 3]);
        }
    }

    [Fact]
    public void Delta_FullScale_SpikesEveryStep()
    {
        var output = EncoderFactory.Create("delta").Encode([1.0, 0.0]);

        for (var step = 0; step < 5; step++)
        {
            Assert.Equal(1.0, output[step * 4]);
            Assert.Equal(0.0, output[(step * 4) + 1]);
            Assert.Equal(0.0, output[(step * 4) + 2]);
            Assert.Equal(0.0, output[(step * 4) + 3]);
        }
    }

    [Theory]
    [InlineData(1.0, new[] { 1.0, 1, 1, 1, 1 })]
    [InlineData(0.5, new[] { 1.0, 0, 0, 0, 0 })]
    [InlineData(-0.1, new[] { 0.0, 0, 0, 1, 1 })]
    [InlineData(0.0, new[] { 0.0, 0, 0, 0, 0 })]
    [InlineData(0.7, new[] { 1.0, 0, 1, 1, 0 })]
    public void Phase_EmitsBitsOfQuantizedValue(double value, double[] expected)
    {
        // q = round(|v| * 31): 31, 15.5 -> 16, 3.1 -> 3, 0, 21.7 -> 22 = 10110b.
        Assert.Equal(expected, EncoderFactory.Create("phase").Encode([value]));
    }

    [Theory]
    [InlineData("burst", 0.5, new[] { 1.0, 1, 1, 0, 0 })]
    [InlineData("burst", 1.0, new[] { 1.0, 1, 1, 1, 1 })]
    [InlineData("burst", 0.05, new[] { 0.0, 0, 0, 0, 0 })]
    [InlineData("burst:steps=10,isi=2", -0.6, new[] { 1.0, 0, 1, 0, 1, 0, 0, 0, 0, 0 })]
    public void Burst_SpikeCountProportional(string text, double value, double[] expected)
    {
        Assert.Equal(expected, EncoderFactory.Create(text).Encode([value]));
    }

    [Fact]
    public void Burst_TooLongForSteps_Throws()
    {
        var error = Assert.Throws<FormatException>(() => EncoderFactory.Create("burst:isi=2"));

        Assert.Contains("nmax = 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("isi = 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("steps = 5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate", 1)]
    [InlineData("latency", 1)]
    [InlineData("ttfs", 1)]
    [InlineData("delta", 2)]
    [InlineData("phase", 1)]
    [InlineData("burst", 1)]
    [InlineData("sprott-c", 3)]
    public void OutputChannels_PerFeature(string text, int perFeature)
    {
        var encoder = EncoderFactory.Create(text);

        Assert.Equal(perFeature, encoder.ChannelsPerFeature);
        Assert.Equal(7 * perFeature, encoder.OutputChannels(7));
        Assert.Equal(5 * 7 * perFeature, encoder.Encode(new double[7]).Length);
    }

    [Theory]
    [InlineData("rate")]
    [InlineData("latency")]
    [InlineData("ttfs")]
    [InlineData("delta")]
    [InlineData("phase")]
    [InlineData("burst")]
    public void Classical_RejectsOutOfRange(string text)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EncoderFactory.Create(text).Encode([2.0]));

        Assert.Contains("value 2", error.Message, StringComparison.Ordinal);
    }
}
