using GradCheck.Numerics;
using NUnit.Framework.Constraints;

namespace GradCheck.NUnit;

/// <summary>
/// An NUnit constraint that checks a function's derivative at a point against error-estimating
/// finite differences (GradCheck.Numerics). Made by <see cref="Derivative"/>; the actual value is
/// the function, as a typed delegate (<c>Func&lt;double[], double&gt;</c>, …).
/// </summary>
/// <remarks>
/// The failure message is the check's report, worst entries first — the same text as the
/// <see cref="GradientCheckException"/> that <see cref="GradCheckAssert"/> throws for the same check.
/// An actual value of the wrong delegate type throws <see cref="ArgumentException"/> naming the type expected.
/// </remarks>
public sealed class DerivativeConstraint : Constraint
{
    private readonly Func<object?, GradientCheckOptions?, GradientCheckReport> _check;
    private readonly GradientCheckOptions? _options;

    internal DerivativeConstraint(string description, Func<object?, GradientCheckOptions?, GradientCheckReport> check,
        GradientCheckOptions? options = null)
    {
        _check = check;
        _options = options;
        Description = description;
    }

    /// <summary>What the constraint expects, for NUnit's messages.</summary>
    public override string Description { get; }

    /// <summary>The same check with <paramref name="options"/> (step method, tolerances, subgradient convention, …).</summary>
    /// <param name="options">The options.</param>
    /// <returns>A new constraint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public DerivativeConstraint Using(GradientCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DerivativeConstraint(Description, _check, options);
    }

    /// <summary>Runs the check on <paramref name="actual"/>, the function.</summary>
    /// <typeparam name="TActual">The delegate type.</typeparam>
    /// <param name="actual">The function whose derivative is checked.</param>
    /// <returns>A result whose message is the check's report.</returns>
    /// <exception cref="ArgumentException"><paramref name="actual"/> is not a delegate of the type this check takes, or the point or claim is malformed.</exception>
    public override ConstraintResult ApplyTo<TActual>(TActual actual) =>
        new DerivativeConstraintResult(this, actual, _check(actual, _options));

    internal static TFunction Function<TFunction>(object? actual, string check)
        where TFunction : Delegate =>
        actual as TFunction ?? throw new ArgumentException(
            $"{check} applies to a {Name(typeof(TFunction))}; the actual value is {(actual is null ? "null" : Name(actual.GetType()))}. "
            + "Pass the function as a typed delegate (a local Func variable or a cast lambda).", nameof(actual));

    private static string Name(Type type) =>
        type.IsArray ? $"{Name(type.GetElementType()!)}[{new string(',', type.GetArrayRank() - 1)}]"
        : type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type == typeof(double) ? "double" : type == typeof(float) ? "float" : type.Name;
}

/// <summary>The outcome of a <see cref="DerivativeConstraint"/>: NUnit's result plus the check's full report.</summary>
public sealed class DerivativeConstraintResult : ConstraintResult
{
    internal DerivativeConstraintResult(IConstraint constraint, object? actual, GradientCheckReport report)
        : base(constraint, actual, report.Passed) => Report = report;

    /// <summary>The check's report: every entry, the worst one, the message.</summary>
    public GradientCheckReport Report { get; }

    /// <summary>Writes the report's message, the same text <see cref="GradCheckAssert"/> would throw.</summary>
    /// <param name="writer">NUnit's message writer.</param>
    public override void WriteMessageTo(MessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Report.Message);
    }
}
