namespace NeuroDeploy.Runtime.Host.Targets;

/// <summary>Opens a target from its URI; every scheme goes through the board protocol (see Transport.TargetFactory).</summary>
public static class TargetFactory
{
    /// <summary>The URI forms accepted, for error messages and help text.</summary>
    public const string AcceptedForms = Transport.TargetFactory.AcceptedForms;

    /// <exception cref="ArgumentException">The URI is malformed or its scheme is not supported.</exception>
    public static ITarget Open(string uri) => Transport.TargetFactory.Open(uri);
}
