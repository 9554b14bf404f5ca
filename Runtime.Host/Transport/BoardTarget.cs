using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Host.Targets;
using NeuroDeploy.Runtime.Simulator;

namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>
/// An <see cref="ITarget"/> over the board protocol. Each <see cref="ConnectAsync"/> opens a
/// new connection (closing the previous one) and performs the handshake.
/// </summary>
public sealed class BoardTarget : ITarget, IEncoderTarget
{
    private readonly Func<CancellationToken, Task<IBoardConnection>> _connect;
    private readonly BoardClientOptions _options;
    private readonly IAsyncDisposable? _owned;
    private BoardClient? _client;

    public BoardTarget(Uri uri, Func<CancellationToken, Task<IBoardConnection>> connect, BoardClientOptions options, IAsyncDisposable? owned = null)
    {
        Uri = uri;
        _connect = connect;
        _options = options;
        _owned = owned;
    }

    public Uri Uri { get; }

    /// <summary>The connected client; throws before <see cref="ConnectAsync"/>.</summary>
    public BoardClient Client => _client ?? throw new InvalidOperationException($"Target {Uri} is not connected; call ConnectAsync first.");

    public async Task<TargetInfo> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is { } previous)
        {
            _client = null;
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        var connection = await _connect(cancellationToken).ConfigureAwait(false);
        _client = await BoardClient.ConnectAsync(connection, _options, cancellationToken).ConfigureAwait(false);
        var device = _client.Device;
        return new TargetInfo(device.Name, device.ProfileName, _client.ProtocolVersion, device.FirmwareVersion, _client.Capabilities);
    }

    public Task FlashAsync(ReadOnlyMemory<byte> image, IProgress<FlashProgress>? progress, CancellationToken cancellationToken) =>
        Client.FlashAsync(image, progress, cancellationToken);

    public Task<ChipRunResult> RunAsync(ChipInput input, RunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Client.RunAsync(input, options.Record, cancellationToken);
    }

    public Task ResetAsync(CancellationToken cancellationToken) => Client.ResetAsync(cancellationToken);

    public Task SetEncoderAsync(EncoderProgram program, ReadOnlyMemory<byte> networkDigest, CancellationToken cancellationToken) =>
        Client.SetEncoderAsync(program, networkDigest, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            await client.DisposeAsync().ConfigureAwait(false);
        }

        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
    }
}
