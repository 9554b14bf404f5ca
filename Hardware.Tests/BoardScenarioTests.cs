using System.Security.Cryptography;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Firmware.Protocol.Messages;
using NeuroDeploy.Runtime.Host.Targets;
using NeuroDeploy.Runtime.Host.Transport;
using NeuroDeploy.Runtime.Simulator;

namespace NeuroDeploy.Hardware.Tests;

/// <summary>One scenario set over every transport: pty serial, TCP, gRPC, the USB pipe and sim://.</summary>
public class BoardScenarioTests
{
    public static TheoryData<string> Kinds => LocalBoard.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ConnectReportsDevice(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        var info = await target.ConnectAsync(CancellationToken.None);
        Assert.Equal(BoardProtocol.Version, info.ProtocolVersion);
        Assert.Equal("generic", info.Profile);
        Assert.Contains("flash-resume", info.Capabilities);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task FlashActivatesImage(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        var image = TestImages.Build(variant: 1);
        var progress = new List<FlashProgress>();
        await target.FlashAsync(image, new SynchronousProgress(progress), CancellationToken.None);

        var status = await Client(target).GetStatusAsync(CancellationToken.None);
        Assert.Equal(SHA256.HashData(image), status.ActiveSha256.ToByteArray());
        Assert.Equal(BoardState.Ready, status.State);
        Assert.Equal(new FlashProgress(image.Length, image.Length), progress[^1]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReflashReplacesImage(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        var first = TestImages.Build(variant: 1);
        var second = TestImages.Build(variant: 2, padding: 50_000);
        await target.FlashAsync(first, null, CancellationToken.None);
        await target.FlashAsync(second, null, CancellationToken.None);

        var status = await Client(target).GetStatusAsync(CancellationToken.None);
        Assert.Equal(SHA256.HashData(second), status.ActiveSha256.ToByteArray());
        Assert.Equal((ulong)second.Length, status.ActiveSize);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ResetKeepsImage(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        var image = TestImages.Build(variant: 3);
        await target.FlashAsync(image, null, CancellationToken.None);
        await target.ResetAsync(CancellationToken.None);

        var status = await Client(target).GetStatusAsync(CancellationToken.None);
        Assert.Equal(SHA256.HashData(image), status.ActiveSha256.ToByteArray());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task CorruptImageRejected(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        var good = TestImages.Build(variant: 1);
        await target.FlashAsync(good, null, CancellationToken.None);

        // Bytes that pass the transfer digest but whose own image digest no longer matches.
        var corrupt = NeuroImage.Parser.ParseFrom(TestImages.Build(variant: 2));
        corrupt.Cores[0].Parameters.Threshold += 1;
        var bytes = Google.Protobuf.MessageExtensions.ToByteArray(corrupt);
        var error = await Assert.ThrowsAsync<BoardException>(() =>
            Client(target).FlashUncheckedAsync(bytes, SHA256.HashData(bytes), "generic", null, CancellationToken.None));
        Assert.Equal(ErrorCode.DigestMismatch, error.Code);
        Assert.Contains("previous image stays active", error.Message, StringComparison.Ordinal);

        var status = await Client(target).GetStatusAsync(CancellationToken.None);
        Assert.Equal(SHA256.HashData(good), status.ActiveSha256.ToByteArray());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task GarbageImageRejected(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        var garbage = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        var error = await Assert.ThrowsAsync<BoardException>(() =>
            Client(target).FlashUncheckedAsync(garbage, SHA256.HashData(garbage), "generic", null, CancellationToken.None));
        Assert.Equal(ErrorCode.InvalidImage, error.Code);

        var status = await Client(target).GetStatusAsync(CancellationToken.None);
        Assert.Equal(BoardState.NoImage, status.State);
        Assert.True(status.ActiveSha256.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task WrongDigestRejected(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        var image = TestImages.Build(variant: 1);
        var declared = SHA256.HashData(TestImages.Build(variant: 2));
        var error = await Assert.ThrowsAsync<BoardException>(() =>
            Client(target).FlashUncheckedAsync(image, declared, "generic", null, CancellationToken.None));
        Assert.Equal(ErrorCode.DigestMismatch, error.Code);
        Assert.Contains(Convert.ToHexStringLower(declared), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ProfileMismatchRejectedBeforeFlash(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        var image = TestImages.Build(profile: "loihi2-like");
        var error = await Assert.ThrowsAsync<BoardException>(() => target.FlashAsync(image, null, CancellationToken.None));
        Assert.Equal(ErrorCode.ProfileMismatch, error.Code);
        Assert.Contains("\"loihi2-like\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"generic\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task VersionMismatchFailsHandshake(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget(client: new BoardClientOptions { ProtocolVersion = 99 });
        var error = await Assert.ThrowsAsync<BoardException>(() => target.ConnectAsync(CancellationToken.None));
        Assert.Equal(ErrorCode.VersionMismatch, error.Code);
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("version " + BoardProtocol.Version, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RunWithoutImageRejected(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<BoardException>(() => target.RunAsync(TestImages.Input(5, 1), new RunOptions(), CancellationToken.None));
        Assert.Equal(ErrorCode.NoImage, error.Code);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RunMatchesInProcessChip(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        var image = TestImages.Build(variant: 0);
        await target.FlashAsync(image, null, CancellationToken.None);
        var input = TestImages.Input(3000, seed: 5);

        var remote = await target.RunAsync(input, new RunOptions { Record = [0] }, CancellationToken.None);
        var local2 = new Chip(NeuroImage.Parser.ParseFrom(image)).Run(input, [0]);

        Assert.Equal(local2.OutputSpikes, remote.OutputSpikes);
        Assert.True(local2.OutputSpikes.Any(s => s != 0), "the test input should make the network spike");
        Assert.Equal(local2.Counters.Accumulates, remote.Counters.Accumulates);
        Assert.Equal(local2.Counters.MultiplyAccumulates, remote.Counters.MultiplyAccumulates);
        Assert.Equal(local2.Counters.NeuronUpdates, remote.Counters.NeuronUpdates);
        Assert.Equal(local2.Counters.SpikesRouted, remote.Counters.SpikesRouted);
        Assert.Equal(local2.Counters.InputEvents, remote.Counters.InputEvents);
        Assert.Equal(local2.Counters.Steps, remote.Counters.Steps);
        Assert.Equal(local2.Counters.Cycles, remote.Counters.Cycles);
        Assert.Equal(local2.Counters.SpikesPerPopulation, remote.Counters.SpikesPerPopulation);
        Assert.Equal(local2.Counters.SpikesPerCore, remote.Counters.SpikesPerCore);
        Assert.Equal(local2.Traces[0].V, remote.Traces[0].V);
        Assert.Equal(local2.Traces[0].I, remote.Traces[0].I);
        Assert.Equal(local2.Traces[0].Spikes, remote.Traces[0].Spikes);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task WrongChannelCountRejected(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        await target.FlashAsync(TestImages.Build(), null, CancellationToken.None);
        var error = await Assert.ThrowsAsync<BoardException>(() =>
            target.RunAsync(new ChipInput(4, 5, new int[20]), new RunOptions(), CancellationToken.None));
        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("5 channels", error.Message, StringComparison.Ordinal);
    }

    private static BoardClient Client(ITarget target) => ((BoardTarget)target).Client;

    private sealed class SynchronousProgress(List<FlashProgress> sink) : IProgress<FlashProgress>
    {
        public void Report(FlashProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
