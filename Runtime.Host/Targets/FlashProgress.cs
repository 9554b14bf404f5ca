namespace NeuroDeploy.Runtime.Host.Targets;

/// <summary>Bytes acknowledged by the board so far, of the image's total.</summary>
public readonly record struct FlashProgress(long BytesAcknowledged, long TotalBytes);
