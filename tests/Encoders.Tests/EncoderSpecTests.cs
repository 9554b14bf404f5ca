namespace NeuroDeploy.Encoders.Tests;

public class EncoderSpecTests
{
    [Fact]
    public void Parse_BriefExample_GivesCanonicalForm()
    {
        var spec = EncoderSpec.Parse(
            "mixed-oscillator:delta=-1.5,alpha=2,beta=0.1,gamma=0.1,omega=1,drive=0,tmax=8,h=0.01,steps=5");

        Assert.Equal(
            "mixed-oscillator:alpha=2,beta=0.1,delta=-1.5,drive=0,gamma=0.1,h=0.01,limit=1000000000000,method=rk4,"
            + "omega=1,steps=5,tmax=8",
            spec.ToString());
    }

    [Fact]
    public void Parse_FillsDefaults()
    {
        var spec = EncoderSpec.Parse("mixed-oscillator:delta=2");

        Assert.Equal(
            "mixed-oscillator:alpha=2,beta=0.1,delta=2,drive=0,gamma=0.1,h=0.01,limit=1000000000000,method=rk4,"
            + "omega=1,steps=5,tmax=8",
            spec.ToString());
    }

    [Theory]
    [InlineData("lorenz", "lorenz:beta=2.667,h=0.01,limit=1000000000000,method=rk4,rho=28,sigma=10,steps=5,tmax=2")]
    [InlineData("chen", "chen:a=35,b=3,c=28,h=0.01,limit=1000000000000,method=rk4,steps=5,tmax=2")]
    [InlineData("rossler", "rossler:a=0.2,b=0.2,c=5.7,h=0.01,limit=1000000000000,method=euler,steps=5,tmax=2")]
    [InlineData(
        "aizawa",
        "aizawa:a=0.95,b=0.7,c=0.6,d=3.5,e=0.25,f=0.1,h=0.01,limit=1000000000000,method=euler,steps=5,tmax=2")]
    [InlineData("nose-hoover", "nose-hoover:a=1,h=0.01,limit=1000000000000,method=rk4,steps=5,tmax=2")]
    [InlineData("sprott-c", "sprott-c:a=3,h=0.01,limit=1000000000000,method=euler,steps=5,tmax=2")]
    [InlineData(
        "chua",
        "chua:a=15.6,b=28.58,c=0,h=0.01,limit=1000000000000,m0=-1.143,m1=-0.714,method=rk4,steps=5,tmax=2")]
    [InlineData("rate", "rate:seed=0,steps=5")]
    [InlineData("latency", "latency:steps=5")]
    [InlineData("ttfs", "ttfs:steps=5")]
    [InlineData("delta", "delta:steps=5,threshold=0.1")]
    [InlineData("phase", "phase:steps=5")]
    [InlineData("burst", "burst:isi=1,nmax=5,steps=5")]
    public void Parse_EveryEncoder_PrintsDefaults(string text, string canonical)
    {
        Assert.Equal(canonical, EncoderSpec.Parse(text).ToString());
    }

    [Fact]
    public void ToString_SameEncoderPrintsSame()
    {
        var a = EncoderSpec.Parse("lorenz:rho=28.0,sigma=1e1, beta = 2.6670");
        var b = EncoderSpec.Parse("lorenz");

        Assert.Equal(b.ToString(), a.ToString());
        Assert.Equal(b, a);
        Assert.Equal(b.GetHashCode(), a.GetHashCode());
    }

    [Fact]
    public void ToString_RoundTrips()
    {
        var spec = EncoderSpec.Parse("lorenz:beta=2.6666666666666665,h=0.001");

        Assert.Equal(spec, EncoderSpec.Parse(spec.ToString()));
        Assert.Equal(8.0 / 3.0, spec.GetReal("beta"));
    }

    [Fact]
    public void Parse_NegativeZero_PrintsZero()
    {
        Assert.Equal("0", EncoderSpec.Parse("mixed-oscillator:delta=-0").Get("delta"));
    }

    [Fact]
    public void Parse_UnknownEncoder_ListsNames()
    {
        var error = Assert.Throws<FormatException>(() => EncoderSpec.Parse("lorentz:sigma=10"));

        Assert.Contains("'lorentz'", error.Message, StringComparison.Ordinal);
        Assert.Contains("aizawa, burst, chen, chua, delta, latency, lorenz, mixed-oscillator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_NamesKeyValueAndAllowed()
    {
        var error = Assert.Throws<FormatException>(() => EncoderSpec.Parse("lorenz:sigmaa=10"));

        Assert.Contains("'sigmaa'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'10'", error.Message, StringComparison.Ordinal);
        Assert.Contains("beta, h, limit, method, rho, sigma, steps, tmax", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingDelta_NamesKey()
    {
        var error = Assert.Throws<FormatException>(() => EncoderSpec.Parse("mixed-oscillator:alpha=2"));

        Assert.Contains("Missing required key 'delta'", error.Message, StringComparison.Ordinal);
        Assert.Contains("finite real number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lorenz:sigma=ten", "'ten'", "'sigma'", "a finite real number")]
    [InlineData("lorenz:sigma=NaN", "'NaN'", "'sigma'", "a finite real number")]
    [InlineData("lorenz:sigma=1e400", "'1e400'", "'sigma'", "a finite real number")]
    [InlineData("lorenz:h=0", "'0'", "'h'", "greater than 0")]
    [InlineData("lorenz:h=-0.01", "'-0.01'", "'h'", "greater than 0")]
    [InlineData("lorenz:steps=0", "'0'", "'steps'", "at least 1")]
    [InlineData("lorenz:steps=2.5", "'2.5'", "'steps'", "a whole number")]
    [InlineData("lorenz:method=rk45", "'rk45'", "'method'", "one of euler, rk4")]
    [InlineData("rate:seed=-1", "'-1'", "'seed'", "at least 0")]
    [InlineData("phase:steps=33", "'33'", "'steps'", "at most 32")]
    [InlineData("delta:threshold=0", "'0'", "'threshold'", "greater than 0")]
    public void Parse_BadValue_NamesValueKeyAndAllowed(string text, string value, string key, string allowed)
    {
        var error = Assert.Throws<FormatException>(() => EncoderSpec.Parse(text));

        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(allowed, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lorenz:sigma=1,sigma=2", "given twice")]
    [InlineData("lorenz:sigma", "expected key=value")]
    [InlineData("lorenz:=3", "expected key=value")]
    [InlineData("mixed-oscillator:delta=0..1:step=0.5", "are for sweeps (`neurodeploy sweep`)")]
    public void Parse_Malformed_Throws(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => EncoderSpec.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutKeys_AcceptsTrailingColon()
    {
        Assert.Equal(EncoderSpec.Parse("nose-hoover"), EncoderSpec.Parse("nose-hoover:"));
    }

    [Fact]
    public void ParseSweep_BriefExample_Gives25Specs()
    {
        var specs = EncoderSpec.ParseSweep("mixed-oscillator:delta=-2..10:step=0.5");

        Assert.Equal(25, specs.Count);
        Assert.Equal(-2.0, specs[0].GetReal("delta"));
        Assert.Equal(-1.5, specs[1].GetReal("delta"));
        Assert.Equal(10.0, specs[^1].GetReal("delta"));
        Assert.All(specs, s => Assert.Equal(8.0, s.GetReal("tmax")));
    }

    [Fact]
    public void ParseSweep_KeepsOtherKeys()
    {
        var specs = EncoderSpec.ParseSweep("mixed-oscillator:tmax=4,delta=0..0.3,steps=7:step=0.1");

        Assert.Equal(new[] { "0", "0.1", "0.2", "0.3" }, specs.Select(s => s.Get("delta")).ToArray());
        Assert.All(specs, s => Assert.Equal("4", s.Get("tmax")));
        Assert.All(specs, s => Assert.Equal("7", s.Get("steps")));
    }

    [Fact]
    public void ParseSweep_WithoutRange_GivesOneSpec()
    {
        var specs = EncoderSpec.ParseSweep("lorenz:rho=20");

        Assert.Single(specs);
        Assert.Equal(20.0, specs[0].GetReal("rho"));
    }

    [Theory]
    [InlineData("mixed-oscillator:delta=0..1", "needs an increment")]
    [InlineData("mixed-oscillator:delta=0..1:step=0", "'0'")]
    [InlineData("mixed-oscillator:delta=0..1:step=-1", "'-1'")]
    [InlineData("mixed-oscillator:delta=1..0:step=0.5", "end is below the start")]
    [InlineData("mixed-oscillator:delta=a..1:step=0.5", "'a..1'")]
    [InlineData("mixed-oscillator:delta=0..1:stride=0.5", "':step=increment'")]
    [InlineData("mixed-oscillator:delta=0..1,alpha=1..2:step=0.5", "a sweep varies one key")]
    [InlineData("mixed-oscillator:delta=1:step=0.5", "no key has a range")]
    [InlineData("mixed-oscillator:delta=0..1000000:step=1", "more than 10000")]
    [InlineData("lorenz:h=-1..1:step=0.5", "'h'")]
    public void ParseSweep_Invalid_Throws(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => EncoderSpec.ParseSweep(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_ReplacesOneKey()
    {
        var spec = EncoderSpec.Parse("mixed-oscillator:delta=2").With("delta", 10.0);

        Assert.Equal(10.0, spec.GetReal("delta"));
        Assert.Equal(8.0, spec.GetReal("tmax"));
    }

    [Fact]
    public void Create_TmaxBelowHalfStep_Throws()
    {
        var error = Assert.Throws<FormatException>(() => EncoderFactory.Create("lorenz:tmax=0.004"));

        Assert.Contains("tmax / h", error.Message, StringComparison.Ordinal);
    }
}
