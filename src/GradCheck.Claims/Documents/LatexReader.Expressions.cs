// LatexReader: expressions, terms and factors (signs, products, juxtaposition, binders), primaries and numbers.
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    // ---- expression := ['+'|'-'] term (('+'|'-') term)*
    private SyntaxNode Expression()
    {
        var start = Current;
        Enter(start);
        try
        {
            SyntaxNode left;
            if (start.Is('-') || start.Is('+'))
            {
                _position++;
                var operand = Term();
                var (l, c) = At(start.Offset);
                left = start.Is('-') ? new UnarySyntax(l, c, '-', operand) : operand;
            }
            else
            {
                left = Term();
            }

            while (Current.Is('+') || Current.Is('-') || Current.IsCommand("pm"))
            {
                var op = Current;
                if (op.IsCommand("pm"))
                {
                    throw new LatexReadException(op.Offset, "'\\pm' is not read");
                }

                _position++;
                var right = Term();
                left = new BinarySyntax(left.Line, left.Column, op.Is('+') ? '+' : '-', left, right);
            }

            return left;
        }
        finally
        {
            _nesting--;
        }
    }

    private int _bars;

    private bool EndsTerm(LatexToken t) =>
        t.Kind == LatexTokenKind.End || t.Is('+') || t.Is('-') || t.Is('=') || t.Is(')') || t.Is(']') || t.Is('}') || (t.Is('|') && _bars > 0)
        || t.Is(',') || t.Is(';') || t.IsCommand("}") || (t.IsCommand("|") && _bars > 0) || t.IsCommand("rVert") || t.IsCommand("rvert")
        || t.IsCommand("\\") || t.IsCommand("pm") || t.IsCommand("tag") || IsRelation(t) || t.IsCommand("rangle");

    // ---- term := factor ((explicit op | juxtaposition) factor)*; \sum, \prod and derivative operators take the rest
    private SyntaxNode Term()
    {
        var first = Current;
        Enter(first);
        try
        {
            if (first.Is('-') || first.Is('+'))
            {
                // a sign inside a product (x \cdot -y) or right after an operator
                _position++;
                var operand = Term();
                var (l, c) = At(first.Offset);
                return first.Is('-') ? new UnarySyntax(l, c, '-', operand) : operand;
            }

            if (EndsTerm(first))
            {
                throw Unexpected(first);
            }

            var left = FactorOrBinder();
            while (!EndsTerm(Current))
            {
                var op = Current;
                if (op.IsCommand("cdot") || op.IsCommand("times") || op.Is('*') || op.IsCommand("ast"))
                {
                    _position++;
                    left = new BinarySyntax(left.Line, left.Column, '*', left, FactorOrBinderOrSigned());
                }
                else if (op.Is('/') || op.IsCommand("div"))
                {
                    _position++;
                    left = new BinarySyntax(left.Line, left.Column, '/', left, FactorOrBinderOrSigned());
                }
                else if (op.IsCommand("odot") || op.IsCommand("circ"))
                {
                    _position++;
                    left = new EntrywiseSyntax(left.Line, left.Column, '*', left, FactorOrBinderOrSigned());
                }
                else
                {
                    left = new BinarySyntax(left.Line, left.Column, '*', left, FactorOrBinder());
                }
            }

            return left;
        }
        finally
        {
            _nesting--;
        }
    }

    private SyntaxNode FactorOrBinderOrSigned()
    {
        var t = Current;
        if (t.Is('-'))
        {
            _position++;
            var (l, c) = At(t.Offset);
            return new UnarySyntax(l, c, '-', FactorOrBinder());
        }

        return FactorOrBinder();
    }

    /// <summary>A factor, or a binder (<c>\sum</c>, <c>\prod</c>, a derivative operator) that takes the rest of the term.</summary>
    private SyntaxNode FactorOrBinder()
    {
        var t = Current;
        if (t.IsCommand("sum") || t.IsCommand("prod"))
        {
            return SumOrProduct();
        }

        if (t.IsCommand("nabla"))
        {
            _position++;
            if (!Current.Is('_'))
            {
                throw new LatexReadException(t.Offset, "'\\nabla' without a subscript (write \\nabla_w f) is not read");
            }

            _position++;
            var variable = Group(out _) as NameSyntax
                ?? throw new LatexReadException(t.Offset, "'\\nabla' with respect to something that is not a symbol");
            return ApplyOperator(t, [variable]);
        }

        var factor = Factor();
        if (factor is OperatorMark mark)
        {
            return ApplyOperator(mark.Token, mark.Variables);
        }

        return factor;
    }

    private DerivativeSyntax ApplyOperator(LatexToken at, ImmutableArray<NameSyntax> variables)
    {
        // An operator followed by a sign differentiates the rest of the side (\frac{\partial}{\partial a} - \frac{1}{n}\sum …);
        // otherwise the product that follows it.
        SyntaxNode body = Current.Is('-') || Current.Is('+') ? Expression() : Term();
        var (l, c) = At(at.Offset);
        return new DerivativeSyntax(l, c, body, variables);
    }

    // ---- factor := primary with its scripts
    private SyntaxNode Factor()
    {
        var t = Current;
        Enter(t);
        try
        {
            var primary = Primary();
            if (primary is OperatorMark)
            {
                return primary;
            }

            var node = Scripts(primary, t);
            if (node is NameSyntax bare && !Current.Is('(') && !Current.Is('\'') && _context.Functions.TryGetValue(bare.Name, out var standing)
                && primary is NameSyntax)
            {
                // a defined function named without arguments stands for f(x) at its own parameter (\partial C^n / \partial f)
                return standing.Body;
            }

            // A name in parentheses, (z), is no function or signature head: (z)(w)^T is a product.
            if (node is NameSyntax name && Current.Is('(') && !t.Is('(') && !t.IsCommand("left"))
            {
                if (_context.Functions.TryGetValue(name.Name, out var definition) && primary is NameSyntax)
                {
                    return DefinedCall(name.Name, definition, t);
                }

                if (_context.Names.Contains(name.Name) && IsSignature())
                {
                    // J(\theta), C^n(w): a defined name written with its arguments means the name itself.
                    SkipGroup();
                }
                else if (IsFunctionLetter(name.Name[..1]) && !GreekNames.Contains(name.Name) && IsSignature())
                {
                    throw new LatexReadException(t.Offset, $"{SourceBetween(t.Offset, Current.Offset).Trim()}(…) is not defined (a function this document does not define)");
                }
            }

            return node;
        }
        finally
        {
            _nesting--;
        }
    }

    // ---- primary
    private SyntaxNode Primary()
    {
        var t = Current;
        var (l, c) = At(t.Offset);
        switch (t.Kind)
        {
            case LatexTokenKind.Number:
                _position++;
                return ParseNumber(t, l, c);
            case LatexTokenKind.Letter:
                return Letters();
            case LatexTokenKind.Symbol when t.Is('('):
                return Bracketed(')');
            case LatexTokenKind.Symbol when t.Is('['):
                return Bracketed(']');
            case LatexTokenKind.Symbol when t.Is('{'):
                return Bracketed('}');
            case LatexTokenKind.Symbol when t.Is('|'):
                {
                    _position++;
                    _bars++;
                    var inner = Expression();
                    _bars--;
                    Expect('|', t);
                    return new CallSyntax(l, c, "abs", inner);
                }

            case LatexTokenKind.Command:
                return Command();
            case LatexTokenKind.End:
                throw new LatexReadException(t.Offset, "the formula ends too early");
            default:
                throw new LatexReadException(t.Offset, t.Text.Length == 1 && char.IsControl(t.Text[0])
                    ? "a control character is not LaTeX"
                    : $"'{t.Text}' is not read here");
        }
    }

    private static NumberSyntax ParseNumber(LatexToken t, int l, int c)
    {
        var text = t.Text;
        var point = text.IndexOf('.', StringComparison.Ordinal);
        if (text.Length > 300)
        {
            throw new LatexReadException(t.Offset, "a number of more than 300 digits");
        }

        var digits = point < 0 ? text : text.Remove(point, 1);
        var numerator = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        var denominator = point < 0 ? BigInteger.One : BigInteger.Pow(10, text.Length - point - 1);
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsZero && !gcd.IsOne)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        return new NumberSyntax(l, c, text.StartsWith('.') ? "0" + text : text, numerator, denominator);
    }

    private static NumberSyntax Number(int l, int c, int value) => new(l, c, value.ToString(CultureInfo.InvariantCulture), value, 1);
}
