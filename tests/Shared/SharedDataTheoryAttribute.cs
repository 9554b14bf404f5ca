namespace NeuroDeploy.Testing;

/// <summary>A theory that needs <c>../shared</c>; skipped with a clear message when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.Directory is null)
        {
            Skip = SharedDataFactAttribute.MissingMessage;
        }
    }
}
