using NeuroDeploy.Compiler.Pipeline;
using Spectre.Console;

namespace NeuroDeploy.Cli;

/// <summary>
/// Runs a batch on the float reference and on a target in chunks, with a progress bar on standard
/// error when it is a terminal. Results equal one run of the whole batch: samples are independent.
/// </summary>
public static class ChunkedEvaluation
{
    /// <summary>Samples per chunk: large enough to keep both cores busy, small enough for a smooth bar.</summary>
    public const int ChunkSize = 250;

    public static async Task<(RunOutcome Float, RunOutcome Target)> RunAsync(
        CompileResult compiled, SampleBatch batch, string targetUri, int[] record, CancellationToken cancellationToken)
    {
        if (Console.IsErrorRedirected)
        {
            return await RunChunksAsync(compiled, batch, targetUri, record, null, cancellationToken).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        (RunOutcome, RunOutcome) outcome = default;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"evaluating {batch.Samples} samples (float and {targetUri})", maxValue: batch.Samples);
                outcome = await RunChunksAsync(compiled, batch, targetUri, record, done => task.Value = done, cancellationToken)
                    .ConfigureAwait(false);
            }).ConfigureAwait(false);
        return outcome;
    }

    private static async Task<(RunOutcome Float, RunOutcome Target)> RunChunksAsync(
        CompileResult compiled,
        SampleBatch batch,
        string targetUri,
        int[] record,
        Action<int>? progress,
        CancellationToken cancellationToken)
    {
        var floats = new List<RunOutcome>();
        var targets = new List<RunOutcome>();
        var sampleLength = batch.Steps * batch.Channels;
        for (var start = 0; start < batch.Samples; start += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkSize, batch.Samples - start);
            var values = batch.Values.AsSpan(start * sampleLength, count * sampleLength).ToArray();
            var chunk = batch with { Samples = count, Values = values };
            var chunkRecord = start == 0 ? record : [];
            floats.Add(FloatRunner.Run(compiled, chunk, chunkRecord));
            targets.Add(await ChipRunner.RunAsync(compiled.Image, chunk, targetUri, chunkRecord, compiled.Profile,
                RunCommand.DenseMacs(compiled.Image), cancellationToken).ConfigureAwait(false));
            progress?.Invoke(start + count);
        }

        return (RunOutcome.Combine(floats, compiled.Profile), RunOutcome.Combine(targets, compiled.Profile));
    }
}
