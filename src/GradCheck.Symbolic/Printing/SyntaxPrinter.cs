using System.Globalization;
using System.Text;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Printing;

/// <summary>
/// Prints a <see cref="SyntaxNode"/> (an expression as written, before binding) back in the claims syntax
/// with as few parentheses as keep its tree: <see cref="ExpressionParser.Parse"/> of the text gives a tree
/// with the same shape, operators, names and literals (only positions differ). Where
/// <see cref="SyntaxNode.ToString"/> parenthesises every operation, this is the text a person would write,
/// so a correction can be shown in the writer's own notation.
/// </summary>
/// <remarks>
/// The rules follow the parser: <c>+ -</c> and <c>* /</c> are left-associative, so a right operand of the
/// same level is parenthesised (<c>a - (b - c)</c>, <c>a/(b*c)</c>); unary minus binds tighter than
/// <c>*</c> and looser than <c>^</c> (<c>-(a*b)</c>, <c>-x^2</c>); a signed operand after a binary operator
/// is parenthesised for legibility (<c>a*(-b)</c>); <c>^</c> is right-associative and its base an operand
/// (<c>(x^2)^3</c>); a derivative takes everything to its right, so one that is not the whole expression
/// is parenthesised.
/// </remarks>
/// <example>
/// <code>
/// SyntaxPrinter.Print(ExpressionParser.Parse("-(y_j*(1 - s_j)) + ((sum(k, y_k*s_j)) - y_j*s_j)"));
/// // "-(y_j*(1 - s_j)) + (sum(k, y_k*s_j) - y_j*s_j)"
/// </code>
/// </example>
public static class SyntaxPrinter
{
    private enum Level
    {
        Sum = 1,
        Product = 2,
        Unary = 3,
        Power = 4,
        Atom = 5,
    }

    /// <summary>The node as claims-syntax text with minimal parentheses.</summary>
    /// <param name="node">The expression.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="node"/> is null.</exception>
    public static string Print(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var b = new StringBuilder();
        Write(b, node, Level.Sum, root: true);
        return b.ToString();
    }

    private static Level LevelOf(SyntaxNode node) => node switch
    {
        BinarySyntax { Operator: '+' or '-' } => Level.Sum,
        BinarySyntax { Operator: '*' or '/' } or EntrywiseSyntax { Operator: '*' or '/' } => Level.Product,
        UnarySyntax => Level.Unary,
        BinarySyntax { Operator: '^' } or EntrywiseSyntax { Operator: '^' } => Level.Power,
        // A derivative reads to the end of its expression: it behaves like the loosest operator.
        DerivativeSyntax { Variables.Length: 1 } => Level.Sum - 1,
        _ => Level.Atom,
    };

    private static void Write(StringBuilder b, SyntaxNode node, Level context, bool root = false)
    {
        var wrap = !root && (LevelOf(node) < context || node is DerivativeSyntax { Variables.Length: 1 });
        if (wrap)
        {
            b.Append('(');
        }

        switch (node)
        {
            case NumberSyntax n:
                b.Append(n.Text);
                break;
            case NameSyntax name:
                b.Append(name);
                break;
            case CallSyntax call:
                b.Append(call.Function).Append('(');
                Write(b, call.Argument, Level.Sum);
                b.Append(')');
                break;
            case UnarySyntax unary:
                b.Append(unary.Operator);
                // -x^2 is -(x^2) in the parser; a second sign is parenthesised so "--" never appears.
                Write(b, unary.Operand, unary.Operand is UnarySyntax ? Level.Atom : Level.Power);
                break;
            case BinarySyntax { Operator: '^' } power:
                Write(b, power.Left, Level.Atom);
                b.Append('^');
                Write(b, power.Right, Level.Atom);
                break;
            case BinarySyntax { Operator: '*' or '/' } product:
                var start = b.Length;
                Write(b, product.Left, product.Left is UnarySyntax ? Level.Unary : Level.Product);
                if (product.Operator == '/' && EndsWithDName(b, start))
                {
                    // "d/dx" would read as the derivative operator: a symbol named d (or d2) before '/' is bracketed.
                    b.Insert(start, '(').Append(')');
                }

                b.Append(product.Operator);
                Write(b, product.Right, Level.Power);
                break;
            case BinarySyntax sum:
                Write(b, sum.Left, Level.Sum);
                b.Append(' ').Append(sum.Operator).Append(' ');
                // a + (-b) rather than a + -b; a - (b + c) keeps its tree (the parser is left-associative).
                Write(b, sum.Right, sum.Right is UnarySyntax ? Level.Power : Level.Product);
                break;
            case IndexSumSyntax indexSum:
                b.Append("sum(").Append(indexSum.Index).Append(", ");
                Write(b, indexSum.Body, Level.Sum);
                b.Append(')');
                break;
            case IndexProductSyntax indexProduct:
                b.Append("prod(").Append(indexProduct.Index).Append(", ");
                Write(b, indexProduct.Body, Level.Sum);
                b.Append(')');
                break;
            case TransposeSyntax transpose:
                Write(b, transpose.Operand, Level.Atom);
                b.Append('\'');
                break;
            case EntrywiseSyntax { Operator: '^' } entrywisePower:
                Write(b, entrywisePower.Left, Level.Atom);
                b.Append(" .^ ");
                Write(b, entrywisePower.Right, Level.Atom);
                break;
            case EntrywiseSyntax entrywise:
                Write(b, entrywise.Left, entrywise.Left is UnarySyntax ? Level.Unary : Level.Product);
                b.Append(" .").Append(entrywise.Operator).Append(' ');
                Write(b, entrywise.Right, Level.Power);
                break;
            case MatrixCallSyntax matrixCall:
                b.Append(matrixCall.Function).Append('(');
                for (var i = 0; i < matrixCall.Arguments.Length; i++)
                {
                    b.Append(i == 0 ? "" : matrixCall.IsConstant ? " x " : ", ");
                    Write(b, matrixCall.Arguments[i], Level.Sum);
                }

                b.Append(')');
                break;
            case DeltaSyntax delta:
                b.Append("delta(").Append(delta.Left).Append(", ").Append(delta.Right).Append(')');
                break;
            case DerivativeSyntax { Variables.Length: 1 } derivative:
                b.Append("d/d").Append(derivative.Variables[0]).Append(' ');
                Write(b, derivative.Body, Level.Sum, root: true);
                break;
            case DerivativeSyntax derivative:
                b.Append("diff(");
                Write(b, derivative.Body, Level.Sum);
                foreach (var v in derivative.Variables)
                {
                    b.Append(", ").Append(v);
                }

                b.Append(')');
                break;
            default:
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"unknown syntax node {node.GetType().Name}"), nameof(node));
        }

        if (wrap)
        {
            b.Append(')');
        }
    }

    private static bool EndsWithDName(StringBuilder b, int start)
    {
        var text = b.ToString(start, b.Length - start);
        foreach (var name in new[] { "d", "d2" })
        {
            if (text.EndsWith(name, StringComparison.Ordinal)
                && (text.Length == name.Length || !(char.IsLetterOrDigit(text[^(name.Length + 1)]) || text[^(name.Length + 1)] == '_')))
            {
                return true;
            }
        }

        return false;
    }
}
