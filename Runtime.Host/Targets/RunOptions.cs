namespace NeuroDeploy.Runtime.Host.Targets;

/// <summary>Options of one run.</summary>
public sealed record RunOptions
{
    /// <summary>Population indices whose per-step state the target records, if it can.</summary>
    public IReadOnlyCollection<int>? Record { get; init; }
}
