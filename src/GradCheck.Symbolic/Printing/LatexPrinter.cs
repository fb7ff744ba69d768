using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Printing;

/// <summary>
/// Prints an <see cref="Expr"/> as LaTeX math (no surrounding <c>$</c>): <c>\frac</c> for quotients,
/// <c>\sigma</c>, <c>\tanh</c>, <c>\ln</c>, <c>e^{…}</c> for exp, <c>\sqrt{…}</c>, <c>\left|…\right|</c>,
/// subscripts <c>z_{1}</c>, <c>W_{2,3}</c>, Greek names as commands (<c>lambda</c> → <c>\lambda</c>)
/// and hats (<c>yhat</c> → <c>\hat{y}</c>). Invariant culture.
/// </summary>
/// <example>
/// <code>
/// var z = Expr.Sym("z");
/// LatexPrinter.Print(Expr.Sigmoid(z) * (1 - Expr.Sigmoid(z)));  // "\sigma\left(z\right) \left(1 - \sigma\left(z\right)\right)"
/// LatexPrinter.Print(Expr.Exp(-z) / Expr.Pow(1 + Expr.Exp(-z), 2)); // "\frac{e^{-z}}{\left(1 + e^{-z}\right)^{2}}"
/// LatexPrinter.Print(Expr.Sym("W", 2, 3) / Expr.Sym("lambda"));    // "\frac{W_{2,3}}{\lambda}"
/// </code>
/// </example>
public static class LatexPrinter
{
    private static readonly FrozenSet<string> Greek = FrozenSet.Create(
        StringComparer.Ordinal,
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega");

    private enum Level
    {
        Sum = 1,
        Product = 2,
        Power = 3,
        Atom = 4,
    }

    /// <summary>The expression as LaTeX.</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="expr"/> is null.</exception>
    public static string Print(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var sb = new StringBuilder();
        Write(sb, expr, Level.Sum);
        return sb.ToString();
    }

    /// <summary>
    /// A name with subscripts as LaTeX: Greek names become commands, a trailing "hat" a hat,
    /// other multi-letter names upright (<c>\mathrm{loss}</c>); subscripts are joined by commas.
    /// For printers of other trees (claims with symbolic indices) that must match this one.
    /// </summary>
    /// <example><code>LatexPrinter.Name("yhat", ["k"]); // "\hat{y}_{k}"</code></example>
    public static string Name(string name, IReadOnlyList<string> subscripts)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(subscripts);
        var text = BaseName(name);
        return subscripts.Count == 0 ? text : text + "_{" + string.Join(",", subscripts) + "}";
    }

    /// <summary>The Kronecker delta of two index names: <c>\delta_{ij}</c>.</summary>
    public static string KroneckerDelta(string i, string j) => "\\delta_{" + i + j + "}";

    private static string BaseName(string name)
    {
        if (Greek.Contains(name))
        {
            return "\\" + name;
        }

        if (name.Length > 3 && name.EndsWith("hat", StringComparison.Ordinal))
        {
            return "\\hat{" + BaseName(name[..^3]) + "}";
        }

        var letters = name.TrimEnd("0123456789".ToCharArray());
        var digits = name[letters.Length..];
        var head = letters.Length <= 1 ? letters : Greek.Contains(letters) ? "\\" + letters : "\\mathrm{" + letters + "}";
        return head + digits;
    }

    private static void Write(StringBuilder sb, Expr expr, Level context)
    {
        var own = LevelOf(expr);
        var parenthesise = own < context;
        if (parenthesise)
        {
            sb.Append("\\left(");
        }

        switch (expr)
        {
            case Number n:
                WriteNumber(sb, n.Value);
                break;
            case Symbol s:
                sb.Append(Name(s.Name, [.. s.Indices.Select(i => i.ToString(CultureInfo.InvariantCulture))]));
                break;
            case Sum s:
                for (var i = 0; i < s.Terms.Length; i++)
                {
                    var term = s.Terms[i];
                    if (i > 0 && PrintedParts.IsNegative(term))
                    {
                        sb.Append(" - ");
                        Write(sb, Expr.Negate(term), Level.Product);
                    }
                    else
                    {
                        if (i > 0)
                        {
                            sb.Append(" + ");
                        }

                        Write(sb, term, Level.Product);
                    }
                }

                break;
            case Product p:
                WriteProduct(sb, p);
                break;
            case Power p:
                WritePower(sb, p);
                break;
            case Function f:
                WriteFunction(sb, f);
                break;
            default:
                throw new ArgumentException($"unknown expression node {expr.GetType().Name}", nameof(expr));
        }

        if (parenthesise)
        {
            sb.Append("\\right)");
        }
    }

    private static Level LevelOf(Expr expr) => expr switch
    {
        Number n when n.Value.Sign < 0 => Level.Sum,
        Number n when !n.Value.IsInteger => Level.Atom,
        Sum => Level.Sum,
        Product p when Expr.SplitCoefficient(p).Coefficient.Sign < 0 => Level.Sum,
        Product p when HasDenominator(p) => Level.Atom,
        Product => Level.Product,
        Power { Exponent: Number { Value: var e } } when e == new Rational(1, 2) || e.Sign < 0 => Level.Atom,
        Power => Level.Power,
        _ => Level.Atom,
    };

    private static bool HasDenominator(Product p) =>
        !Expr.SplitCoefficient(p).Coefficient.IsInteger || p.Factors.Any(f => f is Power { Exponent: Number { Value.Sign: < 0 } });

    private static void WriteNumber(StringBuilder sb, Rational value)
    {
        if (value.Sign < 0)
        {
            sb.Append('-');
        }

        var abs = value.Abs();
        if (abs.IsInteger)
        {
            sb.Append(abs.Numerator.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\frac{").Append(abs.Numerator.ToString(CultureInfo.InvariantCulture)).Append("}{")
              .Append(abs.Denominator.ToString(CultureInfo.InvariantCulture)).Append('}');
        }
    }

    private static void WriteProduct(StringBuilder sb, Product product)
    {
        var (coefficient, numerator, denominator) = PrintedParts.Fraction(product);

        if (coefficient.Sign < 0)
        {
            sb.Append('-');
        }

        var top = new Rational(coefficient.Abs().Numerator);
        var bottom = new Rational(coefficient.Denominator);
        if (denominator.Count == 0 && bottom.IsOne)
        {
            WriteFactors(sb, top, numerator);
            return;
        }

        sb.Append("\\frac{");
        WriteFactors(sb, top, numerator);
        sb.Append("}{");
        WriteFactors(sb, bottom, denominator);
        sb.Append('}');
    }

    // Factors side by side; a thin \cdot only where two numbers would otherwise run together.
    private static void WriteFactors(StringBuilder sb, Rational coefficient, List<Expr> factors)
    {
        var first = true;
        if (!coefficient.IsOne || factors.Count == 0)
        {
            WriteNumber(sb, coefficient);
            first = false;
        }

        foreach (var factor in factors)
        {
            if (!first)
            {
                sb.Append(StartsWithDigit(factor) ? " \\cdot " : " ");
            }

            Write(sb, factor, factors.Count == 1 && coefficient.IsOne ? Level.Sum : Level.Power);
            first = false;
        }
    }

    private static bool StartsWithDigit(Expr e) => e switch
    {
        Number => true,
        Power p => p.Exponent is not Number { Value: var h } || h != new Rational(1, 2) ? StartsWithDigit(p.Base) : false,
        _ => false,
    };

    private static void WritePower(StringBuilder sb, Power power)
    {
        if (power.Exponent is Number { Value: var e })
        {
            if (e == new Rational(1, 2))
            {
                sb.Append("\\sqrt{");
                Write(sb, power.Base, Level.Sum);
                sb.Append('}');
                return;
            }

            if (e.Sign < 0)
            {
                sb.Append("\\frac{1}{");
                Write(sb, Expr.Pow(power.Base, Expr.Num(-e)), Level.Sum);
                sb.Append('}');
                return;
            }
        }

        Write(sb, power.Base, Level.Atom);
        sb.Append("^{");
        Write(sb, power.Exponent, Level.Sum);
        sb.Append('}');
    }

    private static void WriteFunction(StringBuilder sb, Function f)
    {
        switch (f.Kind)
        {
            case FunctionKind.Exp:
                sb.Append("e^{");
                Write(sb, f.Argument, Level.Sum);
                sb.Append('}');
                return;
            case FunctionKind.Sqrt:
                sb.Append("\\sqrt{");
                Write(sb, f.Argument, Level.Sum);
                sb.Append('}');
                return;
            case FunctionKind.Abs:
                sb.Append("\\left|");
                Write(sb, f.Argument, Level.Sum);
                sb.Append("\\right|");
                return;
            default:
                break;
        }

        sb.Append(f.Kind switch
        {
            FunctionKind.Ln => "\\ln",
            FunctionKind.Sigmoid => "\\sigma",
            FunctionKind.Tanh => "\\tanh",
            FunctionKind.Relu => "\\operatorname{relu}",
            FunctionKind.Sign => "\\operatorname{sign}",
            FunctionKind.Step => "\\operatorname{step}",
            FunctionKind.Softplus => "\\operatorname{softplus}",
            _ => throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "unknown function kind"),
        });
        sb.Append("\\left(");
        Write(sb, f.Argument, Level.Sum);
        sb.Append("\\right)");
    }
}
