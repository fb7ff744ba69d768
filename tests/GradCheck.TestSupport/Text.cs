using System.Globalization;

namespace GradCheck.TestSupport;

/// <summary>Invariant-culture rendering of numbers for counterexamples and messages.</summary>
public static class Text
{
    /// <summary>The values joined by ", " with round-trip precision.</summary>
    public static string Join(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
