using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace GradCheck.Cli.Commands;

/// <summary>
/// Number options read the same on every machine: the invariant culture, a decimal point and no group
/// separators, so <c>--lr 0,1</c> is an error rather than lr = 1 (a comma read as a thousands
/// separator), and <c>--batch 99999999999</c> is an error rather than an overflow. A bad value, or one
/// outside the option's range, is a parse error with a message (exit code 2, see <see cref="CliExit"/>),
/// never an exception from the option's value getter.
/// </summary>
internal static class NumberOptions
{
    // Leading/trailing white space, a sign, a decimal point and an exponent; deliberately no AllowThousands.
    private const NumberStyles RealStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign
        | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private const NumberStyles WholeStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;

    /// <summary>A real-valued option whose value must satisfy <paramref name="valid"/>.</summary>
    public static Option<double> Real(string name, string description, double defaultValue, Func<double, bool> valid, string requirement) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseReal(result, name, valid, requirement),
        };

    /// <summary>An integer option whose value must satisfy <paramref name="valid"/>.</summary>
    public static Option<int> Integer(string name, string description, int defaultValue, Func<int, bool> valid, string requirement) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseInteger(result, name, valid, requirement) ?? defaultValue,
        };

    /// <summary>An optional integer option (null when absent) whose value, when given, must satisfy <paramref name="valid"/>.</summary>
    public static Option<int?> OptionalInteger(string name, string description, Func<int, bool> valid, string requirement) =>
        new(name)
        {
            Description = description,
            CustomParser = result => ParseInteger(result, name, valid, requirement),
        };

    /// <summary>Reads a real in the invariant culture; null (with an error added) when it is not one.</summary>
    public static double? TryParseReal(string text) =>
        double.TryParse(text, RealStyle, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double ParseReal(ArgumentResult result, string name, Func<double, bool> valid, string requirement)
    {
        var text = Single(result);
        if (text is null)
        {
            result.AddError($"{name} needs a value ({requirement}).");
            return double.NaN;
        }

        if (TryParseReal(text) is not { } value)
        {
            result.AddError($"{name}: '{text}' is not a number (write it with a decimal point and no group separators, e.g. 0.1 or 1e-3).");
            return double.NaN;
        }

        if (!valid(value))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be {requirement}, got {text}."));
        }

        return value;
    }

    private static int? ParseInteger(ArgumentResult result, string name, Func<int, bool> valid, string requirement)
    {
        var text = Single(result);
        if (text is null)
        {
            result.AddError($"{name} needs a value ({requirement}).");
            return null;
        }

        if (!long.TryParse(text, WholeStyle, CultureInfo.InvariantCulture, out var wide))
        {
            result.AddError($"{name}: '{text}' is not a whole number (digits only, no group separators).");
            return null;
        }

        if (wide is < int.MinValue or > int.MaxValue || !valid((int)wide))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be {requirement}, got {text}."));
            return null;
        }

        return (int)wide;
    }

    private static string? Single(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;
}
