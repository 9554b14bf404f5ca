using NeuroDeploy.Firmware.Protocol.Faults;
using NeuroDeploy.Firmware.Protocol.Link;
using NeuroDeploy.Firmware.Protocol.Transport;

namespace NeuroDeploy.Firmware.Protocol.Tests;

public class LinkLayerTests
{
    private static readonly LinkOptions FastLink = new() { RetransmitTimeout = TimeSpan.FromMilliseconds(40), MaxAttempts = 200 };

    [Fact]
    public async Task CleanLinkDeliversInOrder()
    {
        var (host, board) = await ConnectPairAsync(null, null);
        await using (host)
        await using (board)
        {
            await ExchangeAsync(host, board, 300);
            Assert.Equal(0, host.Statistics.Retransmissions);
        }
    }

    [Fact]
    public async Task NoisyLinkDeliversExactlyOnce()
    {
        var noisy = new FaultOptions { Seed = 11, ByteErrorRate = 1e-3, FrameDropRate = 0.01 };
        var (host, board) = await ConnectPairAsync(noisy, noisy with { Seed = 12 });
        await using (host)
        await using (board)
        {
            await ExchangeAsync(host, board, 600);
            Assert.True(host.Statistics.Retransmissions > 0, "the fault layer should have forced retransmissions");
        }
    }

    [Fact]
    public async Task HeavyDropsStillDeliver()
    {
        var lossy = new FaultOptions { Seed = 5, FrameDropRate = 0.2 };
        var (host, board) = await ConnectPairAsync(lossy, lossy with { Seed = 6 });
        await using (host)
        await using (board)
        {
            await ExchangeAsync(host, board, 200);
        }
    }

    [Fact]
    public async Task SilentPeerFailsWithClearMessage()
    {
        var (hostEnd, boardEnd) = InMemoryDuplexStream.CreatePair();
        await using var host = new LinkLayer(hostEnd, FastLink with { MaxAttempts = 3 }, isInitiator: true);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => host.ConnectAsync(CancellationToken.None));
        Assert.Contains("did not answer 3 link resets", error.Message, StringComparison.Ordinal);
        await boardEnd.DisposeAsync();
    }

    [Fact]
    public async Task ClosedStreamFailsReceive()
    {
        var (host, board) = await ConnectPairAsync(null, null);
        await using (host)
        {
            await board.DisposeAsync();
            var error = await Assert.ThrowsAsync<LinkException>(async () => await host.ReceiveAsync(CancellationToken.None));
            Assert.Contains("closed", error.Message, StringComparison.Ordinal);
        }
    }

    private static async Task<(LinkLayer Host, LinkLayer Board)> ConnectPairAsync(FaultOptions? hostFaults, FaultOptions? boardFaults)
    {
        var (hostEnd, boardEnd) = InMemoryDuplexStream.CreatePair();
        var board = new LinkLayer(boardFaults is null ? boardEnd : new FaultInjectingStream(boardEnd, boardFaults), FastLink, isInitiator: false);
        board.Start();
        var host = new LinkLayer(hostFaults is null ? hostEnd : new FaultInjectingStream(hostEnd, hostFaults), FastLink, isInitiator: true);
        await host.ConnectAsync(CancellationToken.None);
        return (host, board);
    }

    private static async Task ExchangeAsync(LinkLayer host, LinkLayer board, int count)
    {
        var random = new Random(3);
        var payloads = Enumerable.Range(0, count).Select(i =>
        {
            var payload = new byte[random.Next(1, 600)];
            random.NextBytes(payload);
            BitConverter.TryWriteBytes(payload, i);
            return payload;
        }).ToArray();

        var echo = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                var frame = await board.ReceiveAsync(CancellationToken.None);
                await board.SendAsync((byte)(frame.Type + 1), frame.Payload, CancellationToken.None);
            }
        });
        var send = Task.Run(async () =>
        {
            foreach (var payload in payloads)
            {
                await host.SendAsync(0x20, payload, CancellationToken.None);
            }
        });

        for (var i = 0; i < count; i++)
        {
            var frame = await host.ReceiveAsync(CancellationToken.None);
            Assert.Equal(0x21, frame.Type);
            Assert.Equal(payloads[i], frame.Payload.ToArray());
        }

        await send;
        await echo;
        Assert.Equal(count, board.Statistics.DataFramesDelivered);
        Assert.Equal(count, host.Statistics.DataFramesDelivered);
    }
}
