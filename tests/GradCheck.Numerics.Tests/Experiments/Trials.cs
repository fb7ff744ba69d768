using System.Globalization;

namespace GradCheck.Numerics.Tests.Experiments;

/// <summary>
/// Trial counts of the table experiments: small by default so the suite stays fast; set
/// GRADCHECK_TRIALS (accuracy table, e.g. 10000) and GRADCHECK_POINTS (mutation tables, e.g. 2500)
/// to reproduce the full tables in docs/numerics.md.
/// </summary>
public static class Trials
{
    public static int FromEnvironment(string variable, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
    }
}
