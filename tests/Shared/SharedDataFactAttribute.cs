namespace NeuroDeploy.Testing;

/// <summary>A fact that needs <c>../shared</c>; skipped with a clear message when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public const string MissingMessage =
        "Reference data not found: expected ../shared/conformance beside the repository "
        + "(or set NEURODEPLOY_SHARED to its folder).";

    public SharedDataFactAttribute()
    {
        if (SharedData.Directory is null)
        {
            Skip = MissingMessage;
        }
    }
}
