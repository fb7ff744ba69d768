using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

/// <summary>
/// The annotation line <c>let f(x) = EXPR</c> (or <c>let Cost(h, y) = EXPR</c>): a function the student defines in prose
/// or inline math, which the display equations then call (<c>h_\theta(x_i)</c>, <c>Cost(h_\theta(x_i), y_i)</c>). The
/// body is a <c>.claims</c> expression; each call substitutes the arguments for the parameters, as a function defined by
/// an equation <c>f(z) = …</c> in the document does.
/// </summary>
internal static partial class FunctionAnnotation
{
    // A name may end in a prime (let Sigma'(u) = diag(…)): a notation of its own, read where a display writes \Sigma'(z).
    [GeneratedRegex(@"^let\s+([A-Za-z][A-Za-z0-9]*'?)\s*\(([^()=]*)\)\s*=", RegexOptions.CultureInvariant)]
    private static partial Regex Head();

    /// <summary>True when an annotation line is a function definition (a `let` whose name has a parameter list).</summary>
    public static bool IsFunctionLet(string line) => Head().IsMatch(line);

    /// <summary>Reads <c>let NAME(P1, …) = EXPR</c>.</summary>
    /// <param name="line">The annotation line, trimmed, without its comment.</param>
    /// <param name="lineNumber">The line the annotation line stands on in the document.</param>
    /// <param name="column">The column where it starts.</param>
    /// <returns>The function's name and definition.</returns>
    /// <exception cref="SymbolicSyntaxException">A parameter is not a name, a parameter repeats, or the body does not parse.</exception>
    public static (string Name, FunctionDefinition Definition) Read(string line, int lineNumber, int column)
    {
        var match = Head().Match(line);
        if (!match.Success)
        {
            throw new SymbolicSyntaxException(lineNumber, column, "a function definition reads `let f(x) = EXPR`");
        }

        var parameters = ImmutableArray.CreateBuilder<NameSyntax>();
        var group = match.Groups[2];
        var offset = group.Index;
        foreach (var piece in group.Value.Split(','))
        {
            var at = column + offset + (piece.Length - piece.TrimStart().Length);
            if (ExpressionParser.Parse(piece.Trim(), lineNumber, at) is not NameSyntax parameter
                || parameter.Subscripts.Any(s => s.Variable is null))
            {
                throw new SymbolicSyntaxException(lineNumber, at, $"a parameter of `let {match.Groups[1].Value}(…)` is a name (x, x_i), not '{piece.Trim()}'");
            }

            if (parameters.Any(p => p.Name == parameter.Name && p.Subscripts.Length == parameter.Subscripts.Length))
            {
                throw new SymbolicSyntaxException(lineNumber, at, $"the parameter '{parameter}' appears twice");
            }

            parameters.Add(parameter);
            offset += piece.Length + 1;
        }

        var bodyText = line[match.Length..];
        var body = ExpressionParser.Parse(bodyText, lineNumber, column + match.Length);
        return (match.Groups[1].Value, new FunctionDefinition(parameters.ToImmutable(), body));
    }
}
