using System.Globalization;
using System.Text;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Printing;

/// <summary>
/// Prints an <see cref="Expr"/> in the expression syntax of the claims language, so that the parser
/// reads the text back to an equal expression. Invariant culture; minimal parentheses.
/// </summary>
/// <remarks>
/// Precedence, loosest first: <c>+ -</c>, then <c>* /</c>, then unary minus, then <c>^</c>
/// (right-associative; a negative or fractional exponent is always parenthesised). Negative powers print
/// as a denominator, <c>x^(1/2)</c> prints as <c>sqrt(x)</c>, indices as <c>z_1</c>, <c>z_{12}</c>, <c>W_{2,3}</c>.
/// </remarks>
/// <example>
/// <code>
/// var z = Expr.Sym("z");
/// TextPrinter.Print(Expr.Sigmoid(z) * (1 - Expr.Sigmoid(z)));  // "sigmoid(z)*(1 - sigmoid(z))"
/// TextPrinter.Print(-Expr.Sym("x") / (2 * Expr.Sym("y", 1)));    // "-x/(2*y_1)"
/// TextPrinter.Print(Expr.Pow(z, -2) + Expr.Sqrt(z));            // "1/z^2 + sqrt(z)"
/// </code>
/// </example>
public static class TextPrinter
{
    private enum Level
    {
        Sum = 1,
        Product = 2,
        Unary = 3,
        Power = 4,
        Atom = 5,
    }

    /// <summary>The expression as claims-syntax text.</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="expr"/> is null.</exception>
    public static string Print(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var sb = new StringBuilder();
        Write(sb, expr, Level.Sum);
        return sb.ToString();
    }

    /// <summary>The function's name in the claims syntax (<c>sigmoid</c>, <c>ln</c>, …).</summary>
    public static string FunctionName(FunctionKind kind) => kind switch
    {
        FunctionKind.Exp => "exp",
        FunctionKind.Ln => "ln",
        FunctionKind.Sqrt => "sqrt",
        FunctionKind.Sigmoid => "sigmoid",
        FunctionKind.Tanh => "tanh",
        FunctionKind.Relu => "relu",
        FunctionKind.Abs => "abs",
        FunctionKind.Sign => "sign",
        FunctionKind.Step => "step",
        FunctionKind.Softplus => "softplus",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown function kind"),
    };

    /// <summary>A symbol's text: <c>x</c>, <c>z_1</c>, <c>z_{12}</c>, <c>W_{2,3}</c>.</summary>
    public static string SymbolText(Symbol symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return symbol.Indices.Length switch
        {
            0 => symbol.Name,
            1 when symbol.Indices[0] < 10 => string.Create(CultureInfo.InvariantCulture, $"{symbol.Name}_{symbol.Indices[0]}"),
            _ => symbol.Name + "_{" + string.Join(",", symbol.Indices.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "}",
        };
    }

    private static void Write(StringBuilder sb, Expr expr, Level context)
    {
        var own = LevelOf(expr);
        var parenthesise = own < context;
        if (parenthesise)
        {
            sb.Append('(');
        }

        switch (expr)
        {
            case Number n:
                sb.Append(n.Value.ToString());
                break;
            case Symbol s:
                sb.Append(SymbolText(s));
                break;
            case Sum s:
                WriteSum(sb, s);
                break;
            case Product p:
                WriteProduct(sb, p);
                break;
            case Power p:
                WritePower(sb, p);
                break;
            case Function f:
                sb.Append(FunctionName(f.Kind)).Append('(');
                Write(sb, f.Argument, Level.Sum);
                sb.Append(')');
                break;
            default:
                throw new ArgumentException($"unknown expression node {expr.GetType().Name}", nameof(expr));
        }

        if (parenthesise)
        {
            sb.Append(')');
        }
    }

    private static Level LevelOf(Expr expr) => expr switch
    {
        Number n when n.Value.Sign < 0 => Level.Unary,
        Number n when !n.Value.IsInteger => Level.Product,
        Sum => Level.Sum,
        Product p when Expr.SplitCoefficient(p).Coefficient.Sign < 0 => Level.Unary,
        Product => Level.Product,
        Power { Exponent: Number { Value: var e } } when e == new Rational(1, 2) => Level.Atom,
        Power { Exponent: Number { Value.Sign: < 0 } } => Level.Product,
        Power => Level.Power,
        _ => Level.Atom,
    };

    private static void WriteSum(StringBuilder sb, Sum sum)
    {
        for (var i = 0; i < sum.Terms.Length; i++)
        {
            var term = sum.Terms[i];
            if (i == 0)
            {
                Write(sb, term, Level.Sum);
            }
            else if (PrintedParts.IsNegative(term))
            {
                sb.Append(" - ");
                Write(sb, Expr.Negate(term), Level.Product);
            }
            else
            {
                sb.Append(" + ");
                Write(sb, term, Level.Product);
            }
        }
    }

    private static void WriteProduct(StringBuilder sb, Product product)
    {
        var (coefficient, numerator, denominator) = PrintedParts.Fraction(product);

        var top = BigIntegerText(System.Numerics.BigInteger.Abs(coefficient.Numerator));
        var bottomNumber = coefficient.IsInteger ? null : BigIntegerText(coefficient.Denominator);
        var denominatorText = denominator.Count switch
        {
            0 => string.Empty,
            1 => "/" + PrintAt(denominator[0], Level.Power),
            _ => "/(" + string.Join("*", denominator.Select(f => PrintAt(f, Level.Power))) + ")",
        };

        // The parser multiplies left to right and a number times a lone sum distributes (3*(1 + x) is
        // 3 + 3*x), so a coefficient must never meet a sum alone: after leading sums it goes last,
        // "(1 + x)/y*3", and a numeric denominator beside one sum is divided separately, "x/3/(1 + y)".
        var dividing = bottomNumber is not null || denominator.Count > 0;
        if (numerator.Count > 0 && numerator[0] is Sum && !coefficient.IsOne)
        {
            var body = string.Join("*", GuardDerivativeReading(numerator.Select(f => PrintAt(f, Level.Power)).ToList(), dividing)) + denominatorText
                + (top == "1" ? string.Empty : "*" + top) + (bottomNumber is null ? string.Empty : "/" + bottomNumber);
            sb.Append(coefficient.Sign < 0 ? "-(" + body + ")" : body);
            return;
        }

        if (coefficient.Sign < 0)
        {
            sb.Append('-');
        }

        var parts = new List<string>();
        if (top != "1" || numerator.Count == 0)
        {
            parts.Add(top);
        }

        parts.AddRange(numerator.Select(f => PrintAt(f, Level.Power)));
        sb.Append(string.Join("*", GuardDerivativeReading(parts, dividing)));
        if (bottomNumber is null)
        {
            sb.Append(denominatorText);
        }
        else if (denominator.Count == 0)
        {
            sb.Append('/').Append(bottomNumber);
        }
        else if (denominator is [Sum])
        {
            sb.Append('/').Append(bottomNumber).Append(denominatorText);
        }
        else
        {
            sb.Append("/(").Append(bottomNumber).Append('*').Append(string.Join("*", denominator.Select(f => PrintAt(f, Level.Power)))).Append(')');
        }
    }

    /// <summary>
    /// A factor whose text ends in the name d or d2 (the symbol d itself, or (−1)^d) right before '/' followed by
    /// a name starting with d would read as the derivative operator d/dx: such a last factor is parenthesised.
    /// </summary>
    private static List<string> GuardDerivativeReading(List<string> factors, bool dividing)
    {
        if (dividing && factors.Count > 0 && EndsWithName(factors[^1], "d", "d2"))
        {
            factors[^1] = "(" + factors[^1] + ")";
        }

        return factors;
    }

    private static bool EndsWithName(string text, params string[] names) =>
        names.Any(name => text.EndsWith(name, StringComparison.Ordinal)
            && (text.Length == name.Length || !IsNameCharacter(text[^(name.Length + 1)])));

    private static bool IsNameCharacter(char c) => char.IsLetterOrDigit(c);

    private static void WritePower(StringBuilder sb, Power power)
    {
        if (power.Exponent is Number { Value: var half } && half == new Rational(1, 2))
        {
            sb.Append("sqrt(");
            Write(sb, power.Base, Level.Sum);
            sb.Append(')');
            return;
        }

        if (power.Exponent is Number { Value: var e } && e.Sign < 0)
        {
            // Only reached outside a product (a product prints its own denominators): 1/x^2.
            sb.Append("1/");
            Write(sb, Expr.Pow(power.Base, Expr.Num(-e)), Level.Power);
            return;
        }

        // The base of a right-associative ^ must be tighter than ^ itself.
        Write(sb, power.Base, Level.Atom);
        sb.Append('^');
        var exponentIsPlain = power.Exponent is Symbol or Function
            || power.Exponent is Number { Value: { IsInteger: true, Sign: >= 0 } };
        if (exponentIsPlain)
        {
            Write(sb, power.Exponent, Level.Atom);
        }
        else
        {
            sb.Append('(');
            Write(sb, power.Exponent, Level.Sum);
            sb.Append(')');
        }
    }

    private static string PrintAt(Expr expr, Level context)
    {
        var sb = new StringBuilder();
        Write(sb, expr, context);
        return sb.ToString();
    }

    private static string BigIntegerText(System.Numerics.BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
