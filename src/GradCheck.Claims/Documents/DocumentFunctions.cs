using System.Collections.Immutable;
using System.Globalization;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

/// <summary>Function definitions written as equations: <c>f(x) = …</c>, <c>L(x, y, w) = …</c>, and a function defined at
/// its arguments, <c>Cost(h_\theta(x_i), y_i) = -y_i \log(h_\theta(x_i)) - …</c>, whose arguments stand for its parameters.</summary>
internal sealed partial class DocumentSession
{
    /// <summary>The left side of a function definition: a name not defined before, then one parenthesised argument list
    /// and nothing after; the arguments as read (null when the side is not of that form or an argument cannot be read).</summary>
    private (string Name, List<SyntaxNode> Arguments, string Signature)? FunctionHead((int Start, int End) side, ReaderContext context)
    {
        var tokens = LatexLexer.Tokenize(_document.Text, side.Start, side.End);
        var open = tokens.FindIndex(t => t.Is('('));
        if (open <= 0 || tokens.Count < 2 || !tokens[^2].Is(')'))
        {
            return null;
        }

        // the argument list: from the first '(' to the last ')', split at the commas outside brackets
        var pieces = new List<(int Start, int End)>();
        var depth = 0;
        var pieceStart = tokens[open].Offset + 1;
        for (var p = open; p < tokens.Count - 1; p++)
        {
            var t = tokens[p];
            if (t.Is('(') || t.Is('{') || t.Is('['))
            {
                depth++;
            }
            else if (t.Is(')') || t.Is('}') || t.Is(']'))
            {
                depth--;
                if (depth == 0 && p != tokens.Count - 2)
                {
                    return null; // f(x)(1 - x): a product, not a signature
                }
            }
            else if (depth == 1 && t.Is(','))
            {
                pieces.Add((pieceStart, t.Offset));
                pieceStart = t.Offset + 1;
            }
        }

        pieces.Add((pieceStart, tokens[^2].Offset));
        try
        {
            // a run of letters before the bracket is one name (Cost(…) = …), not the product C·o·s·t nor, for a
            // function defined before, its body
            var word = _document.Text[side.Start..tokens[open].Offset].Trim();
            var (name, _) = word.Length > 0 && word.All(char.IsAsciiLetter)
                ? (new NameSyntax(tokens[0].Offset, 0, word, []), null)
                : LatexReader.Read(_document, side.Start, tokens[open].Offset, context);
            if (name is not NameSyntax { Subscripts.Length: 0 } n || context.Names.Contains(n.Name) || n.Name.Length > 12)
            {
                return null;
            }

            var signature = string.Join(",", pieces.Select(p => string.Concat(_document.Text[p.Start..p.End].Where(c => !char.IsWhiteSpace(c)))));
            if (context.Functions.ContainsKey(n.Name))
            {
                // f(x) = … again is a claim about f; J(z) = … after J(\theta) = … is a new function of other arguments
                var known = Active<FunctionItem>().LastOrDefault(f => f.Name == n.Name)?.Signature;
                if (known is null || known == signature)
                {
                    return null;
                }
            }

            var arguments = new List<SyntaxNode>();
            foreach (var (start, end) in pieces)
            {
                arguments.Add(LatexReader.Read(_document, start, end, context).Node);
            }

            return (n.Name, arguments, signature);
        }
        catch (LatexReadException)
        {
            return null;
        }
    }

    /// <summary>The definition of a function from its arguments and body. A name argument (<c>x</c>, <c>x_i</c>, <c>w_0</c>) is a
    /// parameter; any other argument (<c>h_\theta(x_i)</c>, read as its expansion) becomes a parameter that stands for its
    /// every occurrence in the body. Null when an argument repeats, is the function's own name, or (not being a name)
    /// does not occur in the body.</summary>
    private static FunctionDefinition? DefineFunction(string name, List<SyntaxNode> arguments, SyntaxNode body)
    {
        var parameters = ImmutableArray.CreateBuilder<NameSyntax>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var a = 0; a < arguments.Count; a++)
        {
            var argument = arguments[a];
            if (!seen.Add(argument.ToString()))
            {
                return null;
            }

            if (argument is NameSyntax parameter)
            {
                if (parameter.Name == name)
                {
                    return null;
                }

                parameters.Add(parameter);
                continue;
            }

            // '@' keeps the parameter apart from every name a document can write
            var placeholder = new NameSyntax(argument.Line, argument.Column, string.Create(CultureInfo.InvariantCulture, $"@{name}{a + 1}"), []);
            var key = argument.ToString();
            var found = false;
            body = Replace(body, n =>
            {
                if (n.ToString() != key)
                {
                    return null;
                }

                found = true;
                return placeholder;
            });
            if (!found)
            {
                return null;
            }

            parameters.Add(placeholder);
        }

        return new FunctionDefinition(parameters.ToImmutable(), body);
    }

    /// <summary>The tree with every subtree the replacement returns a node for replaced (outermost first).</summary>
    private static SyntaxNode Replace(SyntaxNode node, Func<SyntaxNode, SyntaxNode?> replacement) => replacement(node) ?? node switch
    {
        CallSyntax call => call with { Argument = Replace(call.Argument, replacement) },
        UnarySyntax unary => unary with { Operand = Replace(unary.Operand, replacement) },
        BinarySyntax binary => binary with { Left = Replace(binary.Left, replacement), Right = Replace(binary.Right, replacement) },
        EntrywiseSyntax e => e with { Left = Replace(e.Left, replacement), Right = Replace(e.Right, replacement) },
        TransposeSyntax t => t with { Operand = Replace(t.Operand, replacement) },
        IndexSumSyntax sum => sum with { Body = Replace(sum.Body, replacement) },
        IndexProductSyntax prod => prod with { Body = Replace(prod.Body, replacement) },
        DerivativeSyntax d => d with { Body = Replace(d.Body, replacement) },
        MatrixCallSyntax m => m with { Arguments = [.. m.Arguments.Select(a => Replace(a, replacement))] },
        _ => node,
    };
}
