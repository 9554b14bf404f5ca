using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Google.Protobuf;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

public sealed class InspectJsonTests
{
    [SharedDataFact]
    public void LifImageFields()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);

        var result = ContractCli.Run(folder.Path, "inspect", image, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(result.StandardOutput)!.AsObject();
        Assert.Equal(1, (int)json["schema_version"]!);
        Assert.Equal("generic", (string)json["profile"]!);
        Assert.Equal("lif_norse.nir", (string)json["source_file"]!);
        Assert.Equal(1e-4, (double)json["dt_seconds"]!);
        Assert.Equal("norse", (string)json["convention"]!);
        Assert.Equal(1, (int)json["input"]!["channels"]!);
        Assert.False((bool)json["input"]!["graded"]!);
        Assert.Equal(1, (int)json["output"]!["size"]!);
        Assert.Equal("1", (string)json["output"]!["node"]!);

        var population = json["populations"]![0]!;
        var exponent = (int)population["state_exponent"]!;
        Assert.Equal(19, exponent);
        Assert.Equal(Math.ScaleB(1.0, -exponent), (double)population["state_scale"]!);
        Assert.Equal((long)Math.Round(0.1 * Math.ScaleB(1.0, exponent), MidpointRounding.AwayFromZero), (long)population["threshold"]!);
        Assert.Equal(52429, (long)population["threshold"]!);
        Assert.Equal("Lif", (string)population["model"]!);
        Assert.Equal("Zero", (string)population["reset"]!);
        Assert.Equal(1, (int)population["size"]!);
    }

    [SharedDataFact]
    public void Sha256IsDigestOfImage()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);

        var result = ContractCli.Run(folder.Path, "inspect", image, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(result.StandardOutput)!.AsObject();
        var parsed = NeuroImage.Parser.ParseFrom(File.ReadAllBytes(image));
        var stored = Convert.ToHexStringLower(parsed.Digest.Span);
        var cleared = parsed.Clone();
        cleared.Digest = ByteString.Empty;
        var computed = Convert.ToHexStringLower(SHA256.HashData(cleared.ToByteArray()));
        Assert.Equal(computed, stored);
        Assert.Equal(stored, (string)json["sha256"]!);
        Assert.Equal(Convert.ToHexStringLower(parsed.NetworkDigest.Span), (string)json["network_sha256"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SharedData.PathOf(ContractFiles.LifModel)))), (string)json["source_sha256"]!);
    }

    [SharedDataFact]
    public void TablesNameLayerAndDigest()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        var json = JsonNode.Parse(ContractCli.Run(folder.Path, "inspect", image, "--json").StandardOutput)!;

        var result = ContractCli.Run(folder.Path, "inspect", image);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains((string)json["sha256"]!, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("lif_norse.nir", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("convention norse", result.StandardOutput, StringComparison.Ordinal);
    }
}
