using Google.Protobuf;
using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Data;
using NeuroDeploy.Runtime.Host.Targets;
using NeuroDeploy.Runtime.Simulator;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Hardware.Tests;

/// <summary>
/// Real networks over every transport: compile a conformance network, flash it, run its reference
/// input, and compare every output, counter and recorded state with the in-process chip.
/// </summary>
public sealed class ConformanceScenarioTests
{
    public static TheoryData<string> Kinds => LocalBoard.Kinds;

    [SharedDataTheory]
    [MemberData(nameof(Kinds))]
    public async Task LifConformance_MatchesChip(string kind)
    {
        var compiled = ModelCompiler.Compile(SharedData.PathOf("conformance/lif/lif_norse.nir"),
            new CompileOptions { Dt = 1e-4, Convention = "norse" });
        var csv = CsvMatrix.Read(SharedData.PathOf("conformance/lif/input.csv"));
        var values = Enumerable.Range(0, csv.RowCount).Select(r => (int)csv[r, 2]).ToArray();

        var remote = await RunOnBoardAsync(kind, compiled, new ChipInput(csv.RowCount, 1, values));

        var spikeSteps = Enumerable.Range(0, csv.RowCount).Where(t => remote.OutputSpikes[t] != 0).ToArray();
        Assert.Equal([460, 510, 710, 760], spikeSteps);
    }

    [SharedDataTheory]
    [MemberData(nameof(Kinds))]
    public async Task BrailleConformance_MatchesChip(string kind)
    {
        var compiled = ModelCompiler.Compile(SharedData.PathOf("conformance/braille/braille_noDelay_noBias_subtract.nir"),
            new CompileOptions { Dt = 1e-4, Convention = "snntorch", Reset = ResetRule.SubtractGuardedRefire });
        var csv = CsvMatrix.Read(SharedData.PathOf("conformance/braille/braille_test_sample0.csv"));
        var values = new int[csv.RowCount * 12];
        for (var t = 0; t < csv.RowCount; t++)
        {
            for (var c = 0; c < 12; c++)
            {
                values[(t * 12) + c] = (int)csv[t, c + 1];
            }
        }

        var remote = await RunOnBoardAsync(kind, compiled, new ChipInput(csv.RowCount, 12, values));

        // Output spike counts of the snnTorch reference for this sample; class 1 ('A').
        Assert.Equal([0L, 51, 21, 18, 3, 17, 22], remote.OutputCounts());
    }

    /// <summary>Flashes the image on a local board of <paramref name="kind"/>, runs the input and checks it against the in-process chip.</summary>
    private static async Task<ChipRunResult> RunOnBoardAsync(string kind, CompileResult compiled, ChipInput input)
    {
        var all = Enumerable.Range(0, compiled.Image.Populations.Count).ToArray();
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        await target.FlashAsync(compiled.Image.ToByteArray(), null, CancellationToken.None);

        var remote = await target.RunAsync(input, new RunOptions { Record = all }, CancellationToken.None);
        var reference = new Chip(compiled.Image).Run(input, all);

        Assert.Equal(reference.OutputSpikes, remote.OutputSpikes);
        Assert.Equal(reference.Counters.Accumulates, remote.Counters.Accumulates);
        Assert.Equal(reference.Counters.MultiplyAccumulates, remote.Counters.MultiplyAccumulates);
        Assert.Equal(reference.Counters.NeuronUpdates, remote.Counters.NeuronUpdates);
        Assert.Equal(reference.Counters.SpikesRouted, remote.Counters.SpikesRouted);
        Assert.Equal(reference.Counters.Cycles, remote.Counters.Cycles);
        Assert.Equal(reference.Counters.SpikesPerPopulation, remote.Counters.SpikesPerPopulation);
        Assert.Equal(reference.Counters.SpikesPerCore, remote.Counters.SpikesPerCore);
        foreach (var population in all)
        {
            Assert.Equal(reference.Traces[population].V, remote.Traces[population].V);
            Assert.Equal(reference.Traces[population].I, remote.Traces[population].I);
            Assert.Equal(reference.Traces[population].Spikes, remote.Traces[population].Spikes);
        }

        return remote;
    }
}
