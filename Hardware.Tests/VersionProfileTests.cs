using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Messages;
using NeuroDeploy.Runtime.Simulator.Board;

namespace NeuroDeploy.Hardware.Tests;

/// <summary>A board of another protocol version or profile, over every transport that serves a local board.</summary>
public class VersionProfileTests
{
    public static TheoryData<string> ServedKinds => new() { "pty", "tcp", "grpc", "usb" };

    [Theory]
    [MemberData(nameof(ServedKinds))]
    public async Task NewerBoardFailsHandshake(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind, new VirtualBoardOptions { ProtocolVersion = BoardProtocol.Version + 1 });
        await using var target = local.CreateTarget();
        var error = await Assert.ThrowsAsync<BoardException>(() => target.ConnectAsync(CancellationToken.None));
        Assert.Equal(ErrorCode.VersionMismatch, error.Code);
        Assert.Contains("the host speaks version " + BoardProtocol.Version, error.Message, StringComparison.Ordinal);
        Assert.Contains("this board speaks version " + (BoardProtocol.Version + 1), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServedKinds))]
    public async Task OtherProfileRejectsImageBeforeChunks(string kind)
    {
        await using var local = await LocalBoard.StartAsync(kind, new VirtualBoardOptions { Profile = "loihi2-like" });
        await using var target = local.CreateTarget();
        var info = await target.ConnectAsync(CancellationToken.None);
        Assert.Equal("loihi2-like", info.Profile);

        var error = await Assert.ThrowsAsync<BoardException>(() => target.FlashAsync(TestImages.Build(profile: "generic"), null, CancellationToken.None));
        Assert.Equal(ErrorCode.ProfileMismatch, error.Code);
        Assert.Equal(
            "Profile mismatch: the image is compiled for profile \"generic\", this board implements \"loihi2-like\". Compile the network for \"loihi2-like\" or use a matching board.",
            error.Message);

        // FlashBegin was rejected, so no flash was staged and no chunk was written.
        var status = local.Board!.GetStatus();
        Assert.Equal(BoardState.NoImage, status.State);
        Assert.Equal(0ul, status.StagingOffset);
        Assert.True(status.StagingSha256.IsEmpty);
    }
}
