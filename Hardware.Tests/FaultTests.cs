using System.Security.Cryptography;
using NeuroDeploy.Firmware.Protocol.Faults;
using NeuroDeploy.Firmware.Protocol.Link;
using NeuroDeploy.Firmware.Protocol.Messages;
using NeuroDeploy.Runtime.Host.Transport;
using NeuroDeploy.Runtime.Simulator.Board;

namespace NeuroDeploy.Hardware.Tests;

/// <summary>
/// Flashes through a damaged link. Every flash must end verified and active, or rejected with
/// a clear error while the previous image stays active. The count comes from
/// NEURODEPLOY_FAULT_FLASHES (default 40 to keep CI short; the full run is
/// NEURODEPLOY_FAULT_FLASHES=200 dotnet test Hardware.Tests --filter FaultTests).
/// </summary>
public class FaultTests
{
    private static readonly LinkOptions FastLink = new() { RetransmitTimeout = TimeSpan.FromMilliseconds(30), MaxAttempts = 400 };

    private static int Flashes =>
        int.TryParse(Environment.GetEnvironmentVariable("NEURODEPLOY_FAULT_FLASHES"), out var n) && n > 0 ? n : 40;

    [Fact]
    public async Task ByteErrorsFlashesVerify()
    {
        var faults = new FaultOptions { Seed = 1, ByteErrorRate = 1e-3 };
        await FlashRepeatedlyAsync(faults, faults with { Seed = 2 });
    }

    [Fact]
    public async Task DroppedFramesFlashesVerify()
    {
        var faults = new FaultOptions { Seed = 3, FrameDropRate = 0.01 };
        await FlashRepeatedlyAsync(faults, faults with { Seed = 4 });
    }

    [Fact]
    public async Task DisconnectMidFlashResumes()
    {
        var board = new VirtualBoard(new VirtualBoardOptions { Link = FastLink, MaxChunkSize = 1024 });
        await using var host = new InProcessBoard(board);
        var images = new[] { TestImages.Build(1, padding: 20_000), TestImages.Build(2, padding: 30_000) };
        var random = new Random(17);
        var resumed = 0;
        byte[]? active = null;
        for (var n = 0; n < Flashes; n++)
        {
            var image = images[n % 2];
            var cut = random.Next(200, image.Length);
            var faults = new FaultOptions { Seed = n, DisconnectAfterBytes = cut };
            await using (var client = await BoardClient.ConnectAsync(await host.ConnectAsync(FastLink, faults, CancellationToken.None), new BoardClientOptions(), CancellationToken.None))
            {
                var error = await Record.ExceptionAsync(() => client.FlashAsync(image, null, CancellationToken.None));
                if (error is null)
                {
                    active = image;
                }
                else
                {
                    Assert.True(error is IOException, "expected a link failure, got " + error);
                }
            }

            // The failed flash left the previous image active.
            var status = board.GetStatus();
            Assert.Equal(active is null ? [] : SHA256.HashData(active), status.ActiveSha256.ToByteArray());

            await using var again = await BoardClient.ConnectAsync(await host.ConnectAsync(FastLink, null, CancellationToken.None), new BoardClientOptions(), CancellationToken.None);
            var offsets = new List<long>();
            var result = await again.FlashAsync(image, new Collect(offsets), CancellationToken.None);
            if (offsets[0] > 0)
            {
                resumed++;
            }

            Assert.Equal(SHA256.HashData(image), result.ActiveSha256.ToByteArray());
            active = image;
            var run = await again.RunAsync(TestImages.Input(20, n), null, CancellationToken.None);
            Assert.Equal(20, run.Steps);
        }

        Assert.True(resumed > Flashes / 2, $"only {resumed} of {Flashes} flashes resumed after the disconnect");
    }

    private static async Task FlashRepeatedlyAsync(FaultOptions hostFaults, FaultOptions boardFaults)
    {
        var board = new VirtualBoard(new VirtualBoardOptions { Link = FastLink, Faults = boardFaults, MaxChunkSize = 2048 });
        await using var host = new InProcessBoard(board);
        await using var client = await BoardClient.ConnectAsync(
            await host.ConnectAsync(FastLink, hostFaults, CancellationToken.None),
            new BoardClientOptions { RequestTimeout = TimeSpan.FromSeconds(60) },
            CancellationToken.None);
        var images = new[] { TestImages.Build(1, padding: 6_000), TestImages.Build(2, padding: 9_000) };
        var verified = 0;
        var rejected = 0;
        for (var n = 0; n < Flashes; n++)
        {
            var image = images[n % 2];
            var before = board.GetStatus().ActiveSha256.ToByteArray();
            try
            {
                var status = await client.FlashAsync(image, null, CancellationToken.None);
                Assert.Equal(SHA256.HashData(image), status.ActiveSha256.ToByteArray());
                verified++;
            }
            catch (BoardException error)
            {
                Assert.False(string.IsNullOrEmpty(error.Message));
                Assert.Equal(before, board.GetStatus().ActiveSha256.ToByteArray());
                rejected++;
            }
        }

        Assert.Equal(Flashes, verified + rejected);
        // The link layer repairs every damaged frame, so no flash should need rejecting.
        Assert.Equal(0, rejected);
        var framed = Assert.IsType<FramedBoardConnection>(client.Connection);
        Assert.True(framed.Statistics.Retransmissions > 0, "the fault layer should have forced retransmissions");
    }

    private sealed class Collect(List<long> offsets) : IProgress<Runtime.Host.Targets.FlashProgress>
    {
        public void Report(Runtime.Host.Targets.FlashProgress value) => offsets.Add(value.BytesAcknowledged);
    }
}
