using System.Diagnostics;
using System.Globalization;
using NeuroDeploy.Firmware.Protocol.Faults;
using NeuroDeploy.Runtime.Host.Targets;
using NeuroDeploy.Runtime.Simulator;
using Xunit.Abstractions;

namespace NeuroDeploy.Hardware.Tests;

/// <summary>
/// Throughput measurements, printed to the test output. They run only with
/// NEURODEPLOY_THROUGHPUT=1 and assert no timing:
/// NEURODEPLOY_THROUGHPUT=1 dotnet test Hardware.Tests --filter Throughput --logger "console;verbosity=detailed".
/// </summary>
public class ThroughputTests(ITestOutputHelper output)
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("NEURODEPLOY_THROUGHPUT") == "1";

    [Theory]
    [InlineData("pty", false)]
    [InlineData("pty", true)]
    [InlineData("tcp", false)]
    [InlineData("grpc", false)]
    public async Task FlashOneMebibyte(string kind, bool paceAt3Mbaud)
    {
        if (!Enabled)
        {
            return;
        }

        await using var local = await LocalBoard.StartAsync(kind);
        var pacing = paceAt3Mbaud ? new FaultOptions { LineRateBitsPerSecond = 3_000_000 } : null;
        await using var target = local.CreateTarget(pacing);
        await target.ConnectAsync(CancellationToken.None);
        var image = TestImages.Build(variant: 0, padding: 1 << 20);
        var clock = Stopwatch.StartNew();
        await target.FlashAsync(image, null, CancellationToken.None);
        clock.Stop();
        var bytesPerSecond = image.Length / clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"flash {kind}{(paceAt3Mbaud ? " paced 3 Mbit/s" : string.Empty)}: {image.Length} bytes in {clock.Elapsed.TotalMilliseconds:F0} ms = {bytesPerSecond / 1e6:F2} MB/s, {bytesPerSecond / 300_000:P1} of a 3 Mbit/s 8N1 line (300,000 bytes/s)"));
    }

    [Fact]
    public async Task StreamSpikesOverGrpc()
    {
        if (!Enabled)
        {
            return;
        }

        await using var local = await LocalBoard.StartAsync("grpc");
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        await target.FlashAsync(TestImages.Build(variant: -9), null, CancellationToken.None);
        var steps = 200_000;
        var values = Enumerable.Repeat(1, steps * 3).ToArray();
        var input = new ChipInput(steps, 3, values);
        var clock = Stopwatch.StartNew();
        var result = await target.RunAsync(input, new RunOptions(), CancellationToken.None);
        clock.Stop();
        var spikes = result.OutputCounts().Sum();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"grpc run: {steps} steps, {spikes} output spikes in {clock.Elapsed.TotalMilliseconds:F0} ms = {spikes / clock.Elapsed.TotalSeconds:F0} spike events/s end to end (input upload, chip model and stream)"));
    }
}
