using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Printing;

/// <summary>How both printers read a canonical node: its sign, and a product as a fraction.</summary>
internal static class PrintedParts
{
    /// <summary>True when a sum term prints with a leading minus (a negative number or coefficient).</summary>
    public static bool IsNegative(Expr term) => term switch
    {
        Number n => n.Value.Sign < 0,
        Product p => Expr.SplitCoefficient(p).Coefficient.Sign < 0,
        _ => false,
    };

    /// <summary>
    /// A product as coefficient · numerator / denominator: factors with a negative numeric exponent go
    /// to the denominator with the exponent negated; the numeric factor is the coefficient.
    /// </summary>
    public static (Rational Coefficient, List<Expr> Numerator, List<Expr> Denominator) Fraction(Product product)
    {
        var (coefficient, _) = Expr.SplitCoefficient(product);
        var numerator = new List<Expr>();
        var denominator = new List<Expr>();
        foreach (var factor in product.Factors)
        {
            switch (factor)
            {
                case Number:
                    break;
                case Power { Exponent: Number { Value: var e } } power when e.Sign < 0:
                    denominator.Add(Expr.Pow(power.Base, Expr.Num(-e)));
                    break;
                default:
                    numerator.Add(factor);
                    break;
            }
        }

        return (coefficient, numerator, denominator);
    }
}
