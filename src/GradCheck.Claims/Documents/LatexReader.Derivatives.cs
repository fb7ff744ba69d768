// LatexReader: fractions and derivatives (\frac{\partial f}{\partial x}), derivative operators and leftover markers.
using System.Collections.Immutable;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    private enum Marker
    {
        None,
        Partial,
        D,
        Delta,
    }

    private static (Marker Marker, int Next) MarkerAt(List<LatexToken> tokens, int p)
    {
        var t = tokens[p];
        if (t.IsCommand("partial"))
        {
            return (Marker.Partial, p + 1);
        }

        // With a subscript, δ and d are symbols (the Kronecker delta δ_{ij}, an entry d_i), never differentials.
        var subscripted = p + 1 < tokens.Count && tokens[p + 1].Is('_');
        if ((t.IsCommand("delta") || t.IsCommand("Delta")) && !subscripted)
        {
            return (Marker.Delta, p + 1);
        }

        if (t is { Kind: LatexTokenKind.Letter, Text: "d" } && !subscripted)
        {
            return (Marker.D, p + 1);
        }

        if (t.Kind == LatexTokenKind.Command && t.Text is "mathrm" or "text" or "operatorname" or "mathit"
            && tokens[p + 1].Is('{') && tokens[p + 2] is { Kind: LatexTokenKind.Letter, Text: "d" } && tokens[p + 3].Is('}'))
        {
            return (Marker.D, p + 4);
        }

        return (Marker.None, p);
    }

    private SyntaxNode Fraction(LatexToken frac)
    {
        var numerator = GroupTokens();
        var denominator = GroupTokens();
        var (l, c) = At(frac.Offset);
        var (top, topNext) = MarkerAt(numerator, 0);
        var (bottom, bottomNext) = MarkerAt(denominator, 0);
        if (top != Marker.None && top == bottom && denominator[bottomNext].Kind != LatexTokenKind.End)
        {
            return Derivative(frac, numerator, topNext, denominator, top, l, c);
        }

        var over = Sub(numerator);
        var under = Sub(denominator);
        return new BinarySyntax(l, c, '/', over, under);
    }

    private SyntaxNode Derivative(LatexToken frac, List<LatexToken> numerator, int topNext, List<LatexToken> denominator, Marker marker, int l, int c)
    {
        // The order: \partial^2 in the numerator.
        var order = 1;
        if (numerator[topNext].Is('^'))
        {
            var p = topNext + 1;
            var orderToken = numerator[p].Is('{') ? numerator[p + 1] : numerator[p];
            if (orderToken is not { Kind: LatexTokenKind.Number, Text: "2" or "1" })
            {
                throw new LatexReadException(orderToken.Offset, "only first and second derivatives are read");
            }

            order = orderToken.Text == "2" ? 2 : 1;
            topNext = numerator[p].Is('{') ? p + 3 : p + 1;
        }

        // The variables: \partial x, \partial x_i \partial x_j, \partial z^2.
        var variables = new List<NameSyntax>();
        var d = 0;
        while (denominator[d].Kind != LatexTokenKind.End)
        {
            var (m, next) = MarkerAt(denominator, d);
            if (m != marker)
            {
                throw new LatexReadException(denominator[d].Offset, "a derivative's denominator must be \\partial x (or \\partial x \\partial y)");
            }

            var stop = next;
            while (denominator[stop].Kind != LatexTokenKind.End && MarkerAt(denominator, stop).Marker != marker)
            {
                stop++;
            }

            var part = denominator.Skip(next).Take(stop - next).Append(new LatexToken(LatexTokenKind.End, "", denominator[stop].Offset, false)).ToList();
            if (part.Count == 1)
            {
                throw new LatexReadException(denominator[d].Offset, "a derivative with respect to nothing");
            }

            var variable = Sub(part);
            switch (variable)
            {
                case NameSyntax name:
                    variables.Add(name);
                    break;
                case BinarySyntax { Operator: '^', Left: NameSyntax name, Right: NumberSyntax { Text: "2" } }:
                    variables.Add(name);
                    variables.Add(name);
                    break;
                default:
                    throw new LatexReadException(part[0].Offset, "a derivative with respect to something that is not a symbol");
            }

            d = stop;
        }

        if (order == 2 && variables.Count == 1)
        {
            variables.Add(variables[0]);
        }

        if (variables.Count > 2)
        {
            throw new LatexReadException(frac.Offset, "derivatives of order above 2 are not read");
        }

        var vars = variables.Select(v => v).ToImmutableArray();
        if (numerator[topNext].Kind == LatexTokenKind.End)
        {
            // \frac{\partial}{\partial x} is an operator on what follows.
            return new OperatorMark(l, c, frac, vars);
        }

        var bodyTokens = numerator.Skip(topNext).ToList();
        var body = Sub(bodyTokens);
        if (body is FunctionReference reference)
        {
            // \frac{d\sigma}{dz} is d/dz σ(z).
            if (variables.Distinct().Count() != 1)
            {
                throw new LatexReadException(reference.Token.Offset, "a function standing alone is applied to one variable only");
            }

            body = new CallSyntax(reference.Line, reference.Column, reference.Function, variables[0]);
        }

        if (vars.Length == 2 && vars[0] == vars[1] && order == 1 && variables.Count == 2)
        {
            throw new LatexReadException(frac.Offset, "\\partial x^2 in the denominator needs \\partial^2 in the numerator");
        }

        return new DerivativeSyntax(l, c, body, vars);
    }

    /// <summary>A derivative operator whose body the term supplies (<c>\frac{\partial}{\partial x}</c>).</summary>
    private sealed record OperatorMark(int Line, int Column, LatexToken Token, ImmutableArray<NameSyntax> Variables) : SyntaxNode(Line, Column)
    {
        public override string ToString() => "d/d" + string.Join(" d", Variables);
    }

    /// <summary>A function name standing alone (<c>\sigma</c> in <c>\frac{d\sigma}{dz}</c>).</summary>
    private sealed record FunctionReference(int Line, int Column, string Function, LatexToken Token) : SyntaxNode(Line, Column)
    {
        public override string ToString() => Function;
    }

    /// <summary>True when the node (a whole side) is a leftover marker the caller must reject.</summary>
    public static string? Leftover(SyntaxNode node) => node switch
    {
        OperatorMark => "a derivative operator with nothing to differentiate",
        FunctionReference f => $"the function {f.Function} without an argument",
        _ => null,
    };
}
