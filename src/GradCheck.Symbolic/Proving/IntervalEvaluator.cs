using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// Evaluates an expression over <see cref="Interval"/>s: the result encloses the exact real value
/// at any point of the inputs' intervals. Shared subexpressions are evaluated once per call.
/// </summary>
public static class IntervalEvaluator
{
    /// <summary>Encloses the value of <paramref name="e"/> with each symbol in its interval.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="values">An interval for every symbol of <paramref name="e"/>.</param>
    /// <returns>The enclosure; <see cref="Interval.Undefined"/> where the expression is not real
    /// (ln of a non-positive number, division by 0, even root of a negative number).</returns>
    /// <exception cref="KeyNotFoundException">A symbol of <paramref name="e"/> has no interval.</exception>
    public static Interval Evaluate(Expr e, IReadOnlyDictionary<Symbol, Interval> values)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(values);
        return Evaluate(e, values, []);
    }

    internal static Interval Evaluate(Expr e, IReadOnlyDictionary<Symbol, Interval> values, Dictionary<Expr, Interval> cache)
    {
        Limits.WorkDeadline.Poll();
        if (cache.TryGetValue(e, out var known))
        {
            return known;
        }

        var result = e switch
        {
            Number n => Interval.FromRational(n.Value),
            Symbol s => values.TryGetValue(s, out var v) ? v : throw new KeyNotFoundException("no value for the symbol " + s),
            Sum sum => sum.Terms.Aggregate(Interval.Point(0), (acc, t) => acc + Evaluate(t, values, cache)),
            Product product => product.Factors.Aggregate(Interval.Point(1), (acc, f) => acc * Evaluate(f, values, cache)),
            Power power => EvaluatePower(power, values, cache),
            Function f => Apply(f.Kind, Evaluate(f.Argument, values, cache)),
            _ => throw new ArgumentException("unsupported expression node " + e.GetType().Name, nameof(e)),
        };
        cache[e] = result;
        return result;
    }

    private static Interval EvaluatePower(Power power, IReadOnlyDictionary<Symbol, Interval> values, Dictionary<Expr, Interval> cache)
    {
        var b = Evaluate(power.Base, values, cache);
        if (power.Exponent is Number { Value: var e })
        {
            if (e.IsInteger)
            {
                return Interval.Pow(b, e.Numerator);
            }

            if (e.Denominator == 2)
            {
                return Interval.Pow(Interval.Sqrt(b), e.Numerator);
            }

            return Interval.PowReal(b, Interval.FromRational(e));
        }

        return Interval.PowReal(b, Evaluate(power.Exponent, values, cache));
    }

    private static Interval Apply(FunctionKind kind, Interval x) => kind switch
    {
        FunctionKind.Exp => Interval.Exp(x),
        FunctionKind.Ln => Interval.Ln(x),
        FunctionKind.Sqrt => Interval.Sqrt(x),
        FunctionKind.Sigmoid => Interval.Sigmoid(x),
        FunctionKind.Tanh => Interval.Tanh(x),
        FunctionKind.Relu => Interval.Relu(x),
        FunctionKind.Abs => Interval.Abs(x),
        FunctionKind.Sign => Interval.Sign(x),
        FunctionKind.Step => Interval.Step(x),
        FunctionKind.Softplus => Interval.Softplus(x),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown function"),
    };
}
