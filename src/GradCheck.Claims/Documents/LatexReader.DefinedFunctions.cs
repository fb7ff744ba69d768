// LatexReader: calls to functions the document defines (substitution, argument lists, primes).
using System.Collections.Immutable;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    private SyntaxNode DefinedCall(string word, FunctionDefinition definition, LatexToken at)
    {
        var primes = 0;
        while (Current.Is('\'') || Current.IsCommand("prime"))
        {
            primes++;
            _position++;
        }

        var arguments = definition.Parameters.Length == 1 ? [Argument(at)] : ArgumentList(word, definition.Parameters, at);
        var body = Substitute(definition.Body, definition.Parameters, arguments);
        CollectSymbols(definition.Body, Info); // the body's own names (θ in h_θ(x)) need their declarations and assumptions
        if (primes == 0)
        {
            return body;
        }

        // f'(z); L'(z; y) and L''(z; y) differentiate by the first argument, which must be a symbol
        if ((primes > 1 && definition.Parameters.Length == 1) || primes > 2 || arguments[0] is not NameSyntax variable)
        {
            throw new LatexReadException(at.Offset, $"{word}' is read at a symbol only ({word}'(z)), not at an expression");
        }

        var (l, c) = At(at.Offset);
        return new DerivativeSyntax(l, c, body, primes == 2 ? [variable, variable] : [variable]);
    }

    /// <summary>The body with every parameter replaced by its argument, all at once (an argument that mentions another
    /// parameter's name is not substituted again).</summary>
    private static SyntaxNode Substitute(SyntaxNode node, ImmutableArray<NameSyntax> parameters, IReadOnlyList<SyntaxNode> arguments) => node switch
    {
        NameSyntax name when Parameter(name, parameters) is var p and >= 0 => arguments[p],
        CallSyntax call => call with { Argument = Substitute(call.Argument, parameters, arguments) },
        UnarySyntax unary => unary with { Operand = Substitute(unary.Operand, parameters, arguments) },
        BinarySyntax binary => binary with { Left = Substitute(binary.Left, parameters, arguments), Right = Substitute(binary.Right, parameters, arguments) },
        EntrywiseSyntax e => e with { Left = Substitute(e.Left, parameters, arguments), Right = Substitute(e.Right, parameters, arguments) },
        TransposeSyntax t => t with { Operand = Substitute(t.Operand, parameters, arguments) },
        IndexSumSyntax sum => sum with { Body = Substitute(sum.Body, parameters, arguments) },
        IndexProductSyntax prod => prod with { Body = Substitute(prod.Body, parameters, arguments) },
        DerivativeSyntax d => d with { Body = Substitute(d.Body, parameters, arguments) },
        MatrixCallSyntax m => m with { Arguments = [.. m.Arguments.Select(a => Substitute(a, parameters, arguments))] },
        _ => node,
    };

    /// <summary>The position of the parameter a name is, or -1; subscripts compare by what they say, not where.</summary>
    private static int Parameter(NameSyntax name, ImmutableArray<NameSyntax> parameters)
    {
        for (var p = 0; p < parameters.Length; p++)
        {
            var parameter = parameters[p];
            if (name.Name == parameter.Name && name.Subscripts.Length == parameter.Subscripts.Length
                && name.Subscripts.Zip(parameter.Subscripts).All(s => s.First.Variable == s.Second.Variable && s.First.Literal == s.Second.Literal))
            {
                return p;
            }
        }

        return -1;
    }

    /// <summary>The names and bound indices a substituted function body brings into a side. Its free subscripts are the
    /// arguments' (already read) or, when the body has its own, undeclared: those stay for the claim to report.</summary>
    private static void CollectSymbols(SyntaxNode root, ReadInfo info)
    {
        foreach (var node in ReadInfo.Walk(root))
        {
            switch (node)
            {
                case NameSyntax name:
                    info.Symbols.Add(name.Name);
                    break;
                case IndexSumSyntax sum:
                    info.AddIndex(sum.Index, null);
                    break;
                case IndexProductSyntax product:
                    info.AddIndex(product.Index, null);
                    break;
            }
        }
    }

    /// <summary>The arguments of a call to a function of several parameters: <c>Cost(h_\theta(x_i), y_i)</c>, split at the
    /// commas (or semicolons, <c>L(z; y)</c>) outside brackets; an argument <c>y = +1</c> gives the parameter y by name.</summary>
    private List<SyntaxNode> ArgumentList(string word, ImmutableArray<NameSyntax> parameters, LatexToken at)
    {
        var count = parameters.Length;
        var named = new SyntaxNode?[count];
        var positional = new List<SyntaxNode>();
        if (!Current.Is('('))
        {
            throw new LatexReadException(at.Offset, $"{word} takes {count} arguments: write {word}(…, …)");
        }

        var open = Current;
        _position++;
        var piece = new List<LatexToken>();
        var depth = 0;
        while (true)
        {
            var t = Current;
            if (t.Kind == LatexTokenKind.End)
            {
                throw new LatexReadException(open.Offset, "unbalanced '(': it is never closed");
            }

            _position++;
            if (depth == 0 && (t.Is(',') || t.Is(';') || t.Is(')')))
            {
                if (piece.Count == 0)
                {
                    throw new LatexReadException(t.Offset, $"an empty argument of {word}");
                }

                var byName = piece is [{ Kind: LatexTokenKind.Letter } first, var equals, _, ..] && equals.Is('=')
                    ? parameters.IndexOf(parameters.FirstOrDefault(p => p.Name == first.Text && p.Subscripts.Length == 0)!)
                    : -1;
                if (byName >= 0)
                {
                    piece.RemoveRange(0, 2);
                }

                piece.Add(new LatexToken(LatexTokenKind.End, "", t.Offset, false));
                var value = Sub(piece);
                if (byName >= 0)
                {
                    named[byName] = value;
                }
                else
                {
                    positional.Add(value);
                }

                piece = [];
                if (t.Is(')'))
                {
                    break;
                }

                continue;
            }

            if (t.Is('(') || t.Is('{') || t.Is('['))
            {
                depth++;
            }
            else if (t.Is(')') || t.Is('}') || t.Is(']'))
            {
                depth--;
            }

            piece.Add(t);
        }

        var given = positional.Count + named.Count(n => n is not null);
        if (given != count)
        {
            throw new LatexReadException(at.Offset, $"{word} takes {count} arguments, not {given}");
        }

        var next = 0;
        return [.. named.Select(n => n ?? positional[next++])];
    }
}
