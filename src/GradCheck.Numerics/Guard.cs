using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GradCheck.Numerics;

/// <summary>Argument checks whose messages say where and why.</summary>
internal static class Guard
{
    public static void Point(double[]? x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Length == 0)
        {
            throw new ArgumentException("The point is empty; there is nothing to differentiate.", name);
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The point is not finite at index {i} (value {x[i]}); derivatives need a finite point."),
                    name);
            }
        }
    }

    public static void Scalar(double x, string name)
    {
        if (!double.IsFinite(x))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The point {x} is not finite; derivatives need a finite point."), name);
        }
    }

    public static void Length(Array? values, int expected, string name, string what)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != expected)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{what} has {values.Length} entries but {expected} were expected."), name);
        }
    }

    /// <summary>A vector function's output near the point must have the length it had at the point.</summary>
    public static void OutputLength([NotNull] double[]? values, int atPoint)
    {
        if (values is null || values.Length != atPoint)
        {
            var got = values is null ? "null" : values.Length.ToString(CultureInfo.InvariantCulture);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The vector function returned {got} values near the point but {atPoint} at the point; its output length must not depend on its input."));
        }
    }

    public static void Step(double? step, string name)
    {
        if (step is { } h && (!double.IsFinite(h) || h <= 0))
        {
            throw new ArgumentOutOfRangeException(name, h, "The step must be positive and finite.");
        }
    }
}
