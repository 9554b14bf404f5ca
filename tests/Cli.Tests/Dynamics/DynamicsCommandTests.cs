using System.Text.Json;

namespace NeuroDeploy.Cli.Tests.Dynamics;

public sealed class DynamicsCommandTests
{
    [Fact]
    public void MixedOscillatorDeltaTwoIsDissipative()
    {
        var output = Path.Combine(CliHost.TemporaryFolder(), "report.json");

        var code = CliHost.Invoke("dynamics", "mixed-oscillator:delta=2", "--json", "--output", output);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var root = json.RootElement;
        Assert.Equal(-4, root.GetProperty("volume_rate").GetDouble(), 1e-3);
        Assert.Equal(-4, root.GetProperty("analytic_divergence").GetDouble(), 1e-12);
        Assert.Equal("dissipative", root.GetProperty("mode").GetString());
        Assert.Equal(3, root.GetProperty("lyapunov").GetArrayLength());
    }

    [Fact]
    public void RosslerDivergenceIsNull()
    {
        var output = Path.Combine(CliHost.TemporaryFolder(), "report.json");

        var code = CliHost.Invoke("dynamics", "rossler", "--json", "--output", output);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("analytic_divergence").ValueKind);
    }

    [Fact]
    public void TableOutputExitsZero()
    {
        Assert.Equal(0, CliHost.Invoke("dynamics", "mixed-oscillator:delta=-1.5"));
    }

    [Theory]
    [InlineData("rate")]
    [InlineData("mixed-oscillator")]
    [InlineData("mixed-oscillator:delta=two")]
    public void InvalidSpecExitsTwo(string spec)
    {
        Assert.Equal(ExitCodes.BadInput, CliHost.Invoke("dynamics", spec));
    }
}
