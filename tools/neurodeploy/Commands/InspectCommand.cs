using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using NeuroDeploy.Firmware.Protocol.Image;
using Spectre.Console;

namespace NeuroDeploy.Cli;

/// <summary><c>neurodeploy inspect IMAGE.ndimg [--json]</c>.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var imageArgument = new Argument<string>("IMAGE") { Description = "Image file (.ndimg) written by compile." };
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of tables." };
        var command = new Command("inspect", "Print an image's header, layers, cores and synapse tables.");
        command.Arguments.Add(imageArgument);
        command.Options.Add(json);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var image = ImageFiles.Read(result.GetValue(imageArgument)!);
            if (result.GetValue(json))
            {
                Console.WriteLine(ToJson(image).ToJsonString(JsonOutput.Options));
            }
            else
            {
                Print(image);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    public static JsonObject ToJson(NeuroImage image)
    {
        var populations = new JsonArray();
        foreach (var p in image.Populations)
        {
            var cores = image.Cores.Where(c => c.Population == populations.Count).ToList();
            var first = cores.Count > 0 ? cores[0].Parameters : new NeuronParameters();
            populations.Add(new JsonObject
            {
                ["name"] = p.Name,
                ["size"] = p.Size,
                ["shape"] = new JsonArray(p.Shape.Select(x => (JsonNode)x).ToArray()),
                ["first_core"] = p.FirstCore,
                ["core_count"] = p.CoreCount,
                ["model"] = first.Model.ToString(),
                ["reset"] = first.Reset.ToString(),
                ["decay_v"] = first.DecayV,
                ["decay_i"] = first.DecayI,
                ["decay_fraction_bits"] = first.DecayFractionBits,
                ["threshold"] = first.Threshold,
                ["v_reset"] = first.VReset,
                ["weight_exponent"] = first.WeightExponent,
                ["state_bits"] = first.StateBits,
                ["state_scale"] = first.StateScale,
                ["state_exponent"] = StateExponent(first.StateScale),
                ["synapses"] = cores.Sum(c => c.Axons.Sum(a => (long)a.Count)),
                ["axons"] = cores.Sum(c => c.Axons.Count),
            });
        }

        var coreArray = new JsonArray();
        foreach (var c in image.Cores)
        {
            coreArray.Add(new JsonObject
            {
                ["index"] = c.Index,
                ["population"] = c.Population,
                ["population_offset"] = c.PopulationOffset,
                ["neurons"] = c.NeuronCount,
                ["stage"] = c.Stage,
                ["axons"] = c.Axons.Count,
                ["synapses"] = c.Axons.Sum(a => (long)a.Count),
                ["synapse_table_bytes"] = c.Axons.Sum(a => (long)a.Targets.Length + a.Weights.Length),
            });
        }

        return new JsonObject
        {
            ["schema_version"] = image.SchemaVersion,
            ["compiler_version"] = image.CompilerVersion,
            ["profile"] = image.Profile?.Name,
            ["profile_sha256"] = Convert.ToHexStringLower(image.Profile is null ? [] : image.Profile.Digest.Span),
            ["source_file"] = image.Provenance?.SourceFile,
            ["source_sha256"] = image.Provenance?.SourceSha256,
            ["dt_seconds"] = image.Provenance?.DtSeconds,
            ["convention"] = image.Provenance?.Convention,
            ["input"] = new JsonObject
            {
                ["channels"] = image.Input.Channels,
                ["shape"] = new JsonArray(image.Input.Shape.Select(x => (JsonNode)x).ToArray()),
                ["graded"] = image.Input.Graded,
                ["fraction_bits"] = image.Input.FractionBits,
            },
            ["output"] = new JsonObject
            {
                ["population"] = image.Output.Population,
                ["node"] = image.Output.Node,
                ["size"] = image.Output.Size,
            },
            ["encoder"] = image.Encoder is null ? null : new JsonObject { ["spec"] = image.Encoder.Spec },
            ["populations"] = populations,
            ["cores"] = coreArray,
            ["network_sha256"] = Convert.ToHexStringLower(image.NetworkDigest.Span),
            ["sha256"] = Convert.ToHexStringLower(image.Digest.Span),
        };
    }

    /// <summary>
    /// Returns P of a state scale 2^-P (a float value u is stored as round(u * 2^P)), or null when the
    /// scale is not a power of two.
    /// </summary>
    public static int? StateExponent(double stateScale)
    {
        if (!(stateScale > 0) || !double.IsFinite(stateScale))
        {
            return null;
        }

        var exponent = -Math.ILogB(stateScale);
        return Math.ScaleB(1.0, -exponent) == stateScale ? exponent : null;
    }

    private static void Print(NeuroImage image)
    {
        var header = new Grid().AddColumns(2);
        void Row(string key, string? value) => header.AddRow(new Markup($"[bold]{key}[/]"), new Text(value ?? "-"));
        Row("schema", image.SchemaVersion.ToString(CultureInfo.InvariantCulture));
        Row("compiler", image.CompilerVersion);
        Row("profile", image.Profile?.Name);
        Row("source", $"{image.Provenance?.SourceFile} (sha256 {image.Provenance?.SourceSha256})");
        Row("dt", image.Provenance?.DtSeconds.ToString("G", CultureInfo.InvariantCulture) + " s, convention " + image.Provenance?.Convention);
        Row("input", string.Create(CultureInfo.InvariantCulture, $"{image.Input.Channels} channels, {(image.Input.Graded ? $"graded, {image.Input.FractionBits} fraction bits" : "spike counts")}"));
        Row("output", $"{image.Output.Node} ({image.Output.Size} neurons)");
        Row("encoder", image.Encoder?.Spec);
        Row("sha256", Convert.ToHexStringLower(image.Digest.Span));
        AnsiConsole.Write(header);

        var table = new Table().AddColumns("layer", "model", "reset", "neurons", "cores", "synapses", "decay v", "decay i", "threshold", "w exp", "2^-P");
        var json = ToJson(image)["populations"]!.AsArray();
        foreach (var node in json)
        {
            var p = node!.AsObject();
            table.AddRow(
                Markup.Escape((string)p["name"]!),
                (string)p["model"]!,
                (string)p["reset"]!,
                p["size"]!.ToJsonString(),
                p["core_count"]!.ToJsonString(),
                p["synapses"]!.ToJsonString(),
                p["decay_v"]!.ToJsonString(),
                p["decay_i"]!.ToJsonString(),
                p["threshold"]!.ToJsonString(),
                p["weight_exponent"]!.ToJsonString(),
                ((double)p["state_scale"]!).ToString("G4", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        var cores = new Table().AddColumns("core", "layer", "neurons", "stage", "axons", "synapses", "table bytes");
        foreach (var c in ToJson(image)["cores"]!.AsArray())
        {
            var o = c!.AsObject();
            cores.AddRow(
                o["index"]!.ToJsonString(),
                Markup.Escape(image.Populations[(int)(uint)o["population"]!].Name),
                o["neurons"]!.ToJsonString(),
                o["stage"]!.ToJsonString(),
                o["axons"]!.ToJsonString(),
                o["synapses"]!.ToJsonString(),
                o["synapse_table_bytes"]!.ToJsonString());
        }

        AnsiConsole.Write(cores);
    }
}
