namespace GradCheck.Claims.Syntax;

/// <summary>Limits that keep every check finite: claims are expanded element by element, so sizes
/// and instance counts are bounded and reported as errors beyond these.</summary>
public static class ClaimLimits
{
    /// <summary>The largest size a <c>for</c> line may ask for.</summary>
    public const int MaxSize = 12;

    /// <summary>The largest number of instances (sizes × free index values) one claim may expand to.</summary>
    public const int MaxInstances = 4096;

    /// <summary>The largest index range after sizes are substituted.</summary>
    public const int MaxRange = 64;
}
