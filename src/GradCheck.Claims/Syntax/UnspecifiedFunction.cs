using System.Text;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Syntax;

/// <summary><c>function C of a_k, b</c> (a GradCheck extension of the claims language): C is a smooth function of the
/// entries a_k and of b that the claim leaves unspecified, such as the cost of the backpropagation equations.</summary>
/// <param name="Name">The function's name, used bare in the claim (<c>d/da_j C</c>).</param>
/// <param name="Arguments">The arguments as written: a symbol (<c>b</c>), an indexed family with its index
/// variables (<c>a_k</c>, <c>w_{j,k}</c>), each index running over its declared range, or a declared vector or matrix
/// (<c>a</c> with <c>vector a in R^K</c>: matrix notation).</param>
/// <remarks>
/// The checker reads C as C0 + Σ_k dCda_k·a_k + dCdb·b with C0, dCda_k and dCdb free symbols. That is exact for
/// everything a claim may say of C at one point to first order: for any smooth C and any point, C's value and gradient
/// there are some numbers, and the affine form takes every value and gradient as its free symbols range. Second
/// derivatives of C are refused (the affine form's are 0): the checker says so at the derivative.
/// </remarks>
public sealed record UnspecifiedFunction(string Name, IReadOnlyList<NameSyntax> Arguments)
{
    /// <summary>The name of the free symbol that stands for C's value at the point (<c>C0</c>).</summary>
    public string ValueSymbol => Name + "0";

    /// <summary>The name of the free symbol family that stands for ∂C/∂argument (<c>dCda</c> for <c>a_k</c>).</summary>
    /// <param name="argument">One of <see cref="Arguments"/>.</param>
    public string GradientSymbol(NameSyntax argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return "d" + Name + "d" + argument.Name;
    }

    /// <summary>Every name the affine form adds to the claim.</summary>
    public IEnumerable<string> IntroducedNames => Arguments.Select(GradientSymbol).Prepend(ValueSymbol);

    /// <summary>The affine form in claims syntax: <c>C0 + sum(k, dCda_k*a_k) + dCdb*b</c>.</summary>
    public string AffineForm() => AffineForm(_ => false);

    /// <summary>The affine form, with each argument that <paramref name="isDeclared"/> names a declared vector or
    /// matrix written in matrix notation: <c>sum(dCdA .* A)</c>, dCdA declared with A's shape.</summary>
    /// <param name="isDeclared">True for a bare argument that is a declared vector or matrix.</param>
    public string AffineForm(Func<string, bool> isDeclared)
    {
        ArgumentNullException.ThrowIfNull(isDeclared);
        var text = new StringBuilder(ValueSymbol);
        foreach (var argument in Arguments)
        {
            if (argument.Subscripts.IsEmpty && isDeclared(argument.Name))
            {
                text.Append(" + sum(").Append(GradientSymbol(argument)).Append(" .* ").Append(argument.Name).Append(')');
                continue;
            }

            var subscripts = argument.Subscripts.Select(s => s.Variable!).ToList();
            var suffix = subscripts.Count switch
            {
                0 => "",
                1 => "_" + subscripts[0],
                _ => "_{" + string.Join(",", subscripts) + "}",
            };
            var term = $"{GradientSymbol(argument)}{suffix}*{argument.Name}{suffix}";
            foreach (var index in Enumerable.Reverse(subscripts))
            {
                term = $"sum({index}, {term})";
            }

            text.Append(" + ").Append(term);
        }

        return text.ToString();
    }

    /// <summary>Reads the rest of a <c>function</c> line (after the keyword) into the definition the checker uses.</summary>
    internal static LetSyntax Parse(LineCursor cursor, int line, int column)
    {
        var name = cursor.Identifier("the function's name after `function`");
        cursor.Keyword("of");
        var argumentsColumn = cursor.Column;
        var rest = cursor.Rest.TrimEnd();
        if (rest.Length == 0)
        {
            throw cursor.Error($"expected the arguments of '{name}' after `of`: function {name} of a_k, b");
        }

        var arguments = new List<NameSyntax>();
        var offset = 0;
        foreach (var piece in SplitTopLevel(rest))
        {
            var at = argumentsColumn + offset + (piece.Length - piece.TrimStart().Length);
            offset += piece.Length + 1;
            arguments.Add(ReadArgument(piece.Trim(), name, line, at));
        }

        var repeated = arguments.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ClaimsSyntaxException(line, argumentsColumn, $"'{repeated.Key}' is an argument of '{name}' twice");
        }

        var function = new UnspecifiedFunction(name, arguments);
        return new LetSyntax(name, [], new ExpressionText(function.AffineForm(), line, column), line, column) { Unspecified = function };
    }

    private static NameSyntax ReadArgument(string text, string function, int line, int column)
    {
        if (text.Length == 0)
        {
            throw new ClaimsSyntaxException(line, column, $"an argument of '{function}' is empty");
        }

        SyntaxNode node;
        try
        {
            node = ExpressionParser.Parse(text, line, column);
        }
        catch (SymbolicSyntaxException e)
        {
            throw new ClaimsSyntaxException(e.Line, e.Column, $"an argument of '{function}' is a name (b) or an indexed name (a_k, w_{{j,k}}): {e.Reason}");
        }

        if (node is not NameSyntax argument || argument.Subscripts.Any(s => s.Variable is null)
            || argument.Subscripts.Select(s => s.Variable).Distinct(StringComparer.Ordinal).Count() != argument.Subscripts.Length)
        {
            throw new ClaimsSyntaxException(line, column,
                $"an argument of '{function}' is a name (b) or a name with distinct index variables (a_k, w_{{j,k}}), not '{text}'");
        }

        if (argument.Name == function)
        {
            throw new ClaimsSyntaxException(line, column, $"'{function}' cannot be an argument of itself");
        }

        return argument;
    }

    /// <summary>Splits at the commas outside braces and parentheses (<c>w_{j,k}, b</c> is two arguments).</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '{' or '(':
                    depth++;
                    break;
                case '}' or ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }
}
