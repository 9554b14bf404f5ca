namespace NeuroDeploy.Runtime.Host.Targets;

/// <summary>Opens a target from its URI.</summary>
public static class TargetFactory
{
    /// <summary>The URI forms this build accepts, for error messages and help text.</summary>
    public const string AcceptedForms = "sim://";

    /// <exception cref="ArgumentException">The URI is malformed or its scheme is not supported.</exception>
    public static ITarget Open(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            throw new ArgumentException($"Target '{uri}' is not a valid URI; accepted forms: {AcceptedForms}.", nameof(uri));
        }

        return parsed.Scheme switch
        {
            "sim" => new ChipTarget(parsed),
            _ => throw new ArgumentException(
                $"Target scheme '{parsed.Scheme}' in '{uri}' is not supported; accepted forms: {AcceptedForms}.", nameof(uri)),
        };
    }
}
