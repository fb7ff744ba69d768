namespace GradCheck.Numerics;

/// <summary>
/// Thrown by <see cref="GradCheckAssert"/> when a derivative check fails; the message is the
/// report's message (worst entries first). Test frameworks show it as the failure reason.
/// </summary>
public sealed class GradientCheckException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public GradientCheckException()
        : base("A derivative check failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public GradientCheckException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public GradientCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failed report.</summary>
    /// <param name="report">The failed report.</param>
    public GradientCheckException(GradientCheckReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).Message) => Report = report;

    /// <summary>Creates the exception for a failed fast check.</summary>
    /// <param name="report">The failed report.</param>
    public GradientCheckException(ProjectionCheckReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).Message) => ProjectionReport = report;

    /// <summary>The full report of an entry-wise check, when this came from one.</summary>
    public GradientCheckReport? Report { get; }

    /// <summary>The full report of a fast check, when this came from one.</summary>
    public ProjectionCheckReport? ProjectionReport { get; }
}
