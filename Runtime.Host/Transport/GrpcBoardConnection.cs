using System.Globalization;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Net.Client;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Messages;
using BoardService = NeuroDeploy.Firmware.Protocol.Board.Board;

namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>The board protocol over the gRPC service Board (HTTP/2 without TLS).</summary>
public sealed class GrpcBoardConnection : IBoardConnection
{
    private readonly GrpcChannel _channel;
    private readonly BoardService.BoardClient _client;
    private readonly Uri _address;

    public GrpcBoardConnection(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _address = address;
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 256 * 1024 * 1024,
            MaxSendMessageSize = 256 * 1024 * 1024,
        });
        _client = new BoardService.BoardClient(_channel);
    }

    /// <summary>1: concurrent unary calls may reach the board in any order, and chunks must arrive in order.</summary>
    public int MaxChunksInFlight => 1;

    public Task<HelloReply> HandshakeAsync(Hello hello, CancellationToken cancellationToken) =>
        CallAsync(() => _client.HandshakeAsync(hello, cancellationToken: cancellationToken).ResponseAsync);

    public Task<FlashBeginReply> BeginFlashAsync(FlashBegin begin, CancellationToken cancellationToken) =>
        CallAsync(() => _client.BeginFlashAsync(begin, cancellationToken: cancellationToken).ResponseAsync);

    public Task<FlashChunkAck> WriteChunkAsync(FlashChunk chunk, CancellationToken cancellationToken) =>
        CallAsync(() => _client.WriteChunkAsync(chunk, cancellationToken: cancellationToken).ResponseAsync);

    public Task<BoardStatus> EndFlashAsync(CancellationToken cancellationToken) =>
        CallAsync(() => _client.EndFlashAsync(new FlashEnd(), cancellationToken: cancellationToken).ResponseAsync);

    public Task<BoardStatus> VerifyAsync(CancellationToken cancellationToken) =>
        CallAsync(() => _client.VerifyAsync(new FlashVerify(), cancellationToken: cancellationToken).ResponseAsync);

    public Task ResetAsync(CancellationToken cancellationToken) =>
        CallAsync(() => _client.ResetNetworkAsync(new Reset(), cancellationToken: cancellationToken).ResponseAsync);

    public Task<BoardStatus> SetEncoderAsync(SetEncoder request, CancellationToken cancellationToken) =>
        CallAsync(() => _client.ReplaceEncoderAsync(request, cancellationToken: cancellationToken).ResponseAsync);

    public async IAsyncEnumerable<RunEvent> RunAsync(RunRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = _client.Run(request, cancellationToken: cancellationToken);
        while (true)
        {
            RunEvent current;
            try
            {
                if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                current = call.ResponseStream.Current;
            }
            catch (RpcException error)
            {
                throw Translate(error);
            }

            yield return current;
        }
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException error)
        {
            throw Translate(error);
        }
    }

    private Exception Translate(RpcException error)
    {
        var code = error.Trailers.GetValue(BoardProtocol.ErrorCodeTrailer);
        if (code is not null && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return new BoardException((ErrorCode)number, error.Status.Detail, error);
        }

        return error.StatusCode switch
        {
            StatusCode.Unavailable => new IOException($"The gRPC board at {_address} is unreachable: {error.Status.Detail}. Check that the virtual board or board server is running on that port.", error),
            StatusCode.Cancelled => new OperationCanceledException("The gRPC call was cancelled.", error),
            StatusCode.DeadlineExceeded => new TimeoutException($"The gRPC board at {_address} did not reply in time: {error.Status.Detail}", error),
            _ => new IOException($"The gRPC call to {_address} failed with {error.StatusCode}: {error.Status.Detail}", error),
        };
    }
}
