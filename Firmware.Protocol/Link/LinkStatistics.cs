namespace NeuroDeploy.Firmware.Protocol.Link;

/// <summary>Counters of one link; read them for diagnostics and tests.</summary>
public sealed class LinkStatistics
{
    private long _dataFramesSent;
    private long _dataFramesDelivered;
    private long _retransmissions;
    private long _duplicates;
    private long _outOfOrder;
    private long _rejected;
    private long _nacksSent;
    private long _resets;

    public long DataFramesSent => Interlocked.Read(ref _dataFramesSent);

    public long DataFramesDelivered => Interlocked.Read(ref _dataFramesDelivered);

    public long Retransmissions => Interlocked.Read(ref _retransmissions);

    /// <summary>Data frames received again after delivery, and dropped.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Data frames received ahead of a missing one, and dropped.</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary>Blocks that failed to decode (bad COBS, length or CRC).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public long NacksSent => Interlocked.Read(ref _nacksSent);

    /// <summary>Link resets accepted (responder) or completed (initiator).</summary>
    public long Resets => Interlocked.Read(ref _resets);

    /// <summary>Reason of the most recent rejected block.</summary>
    public string? LastRejectReason { get; private set; }

    internal void CountSent() => Interlocked.Increment(ref _dataFramesSent);

    internal void CountDelivered() => Interlocked.Increment(ref _dataFramesDelivered);

    internal void CountRetransmissions(int count) => Interlocked.Add(ref _retransmissions, count);

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountOutOfOrder() => Interlocked.Increment(ref _outOfOrder);

    internal void CountNack() => Interlocked.Increment(ref _nacksSent);

    internal void CountReset() => Interlocked.Increment(ref _resets);

    internal void CountRejected(string reason)
    {
        Interlocked.Increment(ref _rejected);
        LastRejectReason = reason;
    }
}
