using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroDeploy.Runtime.Host.Targets;
using Spectre.Console;

namespace NeuroDeploy.Cli;

/// <summary><c>neurodeploy flash IMAGE.ndimg --target URI</c>: chunked, acknowledged, verified before activation.</summary>
public static class FlashCommand
{
    public static Command Create()
    {
        var imageArgument = new Argument<string>("IMAGE") { Description = "Image file (.ndimg) written by compile." };
        var target = new Option<string>("--target") { Description = "Target URI: " + TargetFactory.AcceptedForms + ".", Required = true };
        var command = new Command("flash", "Write an image to a board; it becomes active only after the board verifies its digest.");
        command.Arguments.Add(imageArgument);
        command.Options.Add(target);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = result.GetValue(imageArgument)!;
            var image = ImageFiles.Read(path);
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            await using var board = TargetFactory.Open(result.GetValue(target)!);
            var info = await board.ConnectAsync(cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine($"connected: {info.Device}, firmware {info.FirmwareVersion}, profile {info.Profile}, protocol {info.ProtocolVersion}");
            var stopwatch = Stopwatch.StartNew();
            if (Console.IsErrorRedirected)
            {
                await board.FlashAsync(bytes, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("flash", maxValue: bytes.Length);
                        var progress = new Progress<FlashProgress>(p => task.Value = p.BytesAcknowledged);
                        await board.FlashAsync(bytes, progress, cancellationToken).ConfigureAwait(false);
                        task.Value = bytes.Length;
                    }).ConfigureAwait(false);
            }

            var seconds = stopwatch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"flashed {path}: {bytes.Length} bytes in {seconds:F2} s ({bytes.Length / Math.Max(seconds, 1e-9):F0} B/s), verified and active, sha256 {Convert.ToHexStringLower(image.Digest.Span)}"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
