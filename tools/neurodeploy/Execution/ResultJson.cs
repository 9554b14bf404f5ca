using System.Text.Json.Nodes;

namespace NeuroDeploy.Cli;

/// <summary>Builds RESULT.json of <c>run</c>.</summary>
public static class ResultJson
{
    public static JsonObject Build(RunOutcome outcome, string model, SampleBatch batch, string? encoder)
    {
        var spikesPerLayer = new JsonObject();
        for (var p = 0; p < outcome.PopulationNames.Length; p++)
        {
            spikesPerLayer[outcome.PopulationNames[p]] = outcome.SpikesPerPopulation[p];
        }

        var energy = outcome.Energy;
        var breakdown = new JsonObject();
        foreach (var (key, value) in energy.BreakdownJoules)
        {
            breakdown[key] = value;
        }

        var sources = new JsonObject();
        foreach (var (key, value) in energy.Sources)
        {
            sources[key] = value;
        }

        var json = new JsonObject
        {
            ["model"] = Path.GetFileName(model),
            ["mode"] = outcome.Mode,
            ["target"] = outcome.Target,
            ["input"] = batch.Source,
            ["encoder"] = encoder,
            ["samples"] = outcome.Outputs.Count,
            ["steps"] = outcome.Steps ?? batch.Steps,
            ["outputs"] = new JsonArray(outcome.Outputs.Select(o => (JsonNode)new JsonArray(o.Select(x => (JsonNode)x).ToArray())).ToArray()),
            ["predictions"] = new JsonArray(outcome.Predictions().Select(x => (JsonNode)x).ToArray()),
            ["spikes_per_layer"] = spikesPerLayer,
            ["spikes_per_core"] = outcome.SpikesPerCore is null ? null : new JsonArray(outcome.SpikesPerCore.Select(x => (JsonNode)x).ToArray()),
            ["synaptic_ops"] = outcome.Counts.Accumulates + outcome.Counts.MultiplyAccumulates,
            ["accumulates"] = outcome.Counts.Accumulates,
            ["multiply_accumulates"] = outcome.Counts.MultiplyAccumulates,
            ["neuron_updates"] = outcome.Counts.NeuronUpdates,
            ["spikes_routed"] = outcome.Counts.SpikesRouted,
            ["input_events"] = outcome.InputEvents,
            ["cycles"] = outcome.Counts.Cycles,
            ["energy"] = new JsonObject
            {
                ["total_joules"] = energy.TotalJoules,
                ["per_inference_joules"] = outcome.Outputs.Count == 0 ? 0 : energy.TotalJoules / outcome.Outputs.Count,
                ["breakdown"] = breakdown,
                ["profile"] = energy.Profile,
                ["run_seconds"] = energy.RunSeconds,
                ["sources"] = sources,
                ["dense_ann"] = new JsonObject
                {
                    ["multiply_accumulates"] = energy.DenseAnnMultiplyAccumulates,
                    ["total_joules"] = energy.DenseAnnJoules,
                },
            },
        };

        if (outcome.Records.Count > 0)
        {
            var records = new JsonObject();
            foreach (var (name, trace) in outcome.Records)
            {
                var entry = new JsonObject
                {
                    ["v"] = ToJson(trace.V),
                    ["spikes"] = new JsonArray(trace.Spikes.Select(r => (JsonNode)new JsonArray(r.Select(x => (JsonNode)(int)x).ToArray())).ToArray()),
                };
                if (trace.VRaw is not null)
                {
                    entry["v_raw"] = new JsonArray(trace.VRaw.Select(r => (JsonNode)new JsonArray(r.Select(x => (JsonNode)x).ToArray())).ToArray());
                }

                records[name] = entry;
            }

            json["record"] = records;
        }

        return json;
    }

    private static JsonArray ToJson(double[][] rows) =>
        new(rows.Select(r => (JsonNode)new JsonArray(r.Select(x => (JsonNode)x).ToArray())).ToArray());
}
