using GradCheck.Symbolic.Differentiation;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Tests.Generators;

/// <summary>Numeric helpers for the property tests: error scales, finite differences, kink distance.</summary>
public static class ExprNumerics
{
    /// <summary>
    /// The largest |value| of any subexpression at the point (finite ones): the scale of the rounding
    /// error that cancellation in a sum can leave, which a sound tolerance must allow for.
    /// </summary>
    public static double Scale(IReadOnlyDictionary<Symbol, double> point, params Expr[] expressions)
    {
        var seen = new HashSet<Expr>();
        var pending = new Stack<Expr>(expressions);
        var scale = 0.0;
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            var v = Math.Abs(Evaluator.Evaluate(e, point));
            if (double.IsFinite(v))
            {
                scale = Math.Max(scale, v);
            }

            foreach (var child in e.Children)
            {
                pending.Push(child);
            }
        }

        return scale;
    }

    /// <summary>
    /// True when every subexpression of <paramref name="e"/> is finite at the point: the expression is
    /// defined there in the real sense (no ln 0 = −∞ or 1/0 on the way to a finite result).
    /// </summary>
    public static bool DefinedAt(Expr e, IReadOnlyDictionary<Symbol, double> point)
    {
        var seen = new HashSet<Expr>();
        var pending = new Stack<Expr>([e]);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            if (!double.IsFinite(Evaluator.Evaluate(node, point)))
            {
                return false;
            }

            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        return true;
    }

    /// <summary>The point with one coordinate replaced.</summary>
    public static Dictionary<Symbol, double> With(IReadOnlyDictionary<Symbol, double> point, Symbol x, double value)
    {
        var copy = point.ToDictionary(kv => kv.Key, kv => kv.Value);
        copy[x] = value;
        return copy;
    }

    /// <summary>
    /// True when every kink argument of <paramref name="e"/> keeps one strict sign on [x − h, x + h]
    /// (checked at five stencil points) and is at least 1e−6 away from 0 at x.
    /// </summary>
    public static bool AwayFromKinks(Expr e, IReadOnlyDictionary<Symbol, double> point, Symbol x, double h)
    {
        var x0 = point[x];
        foreach (var kink in Kinks.Find(e))
        {
            var centre = Evaluator.Evaluate(kink, point);
            if (!(Math.Abs(centre) >= 1e-6))
            {
                return false;
            }

            foreach (var t in new[] { x0 - h, x0 - (h / 2), x0 + (h / 2), x0 + h })
            {
                var v = Evaluator.Evaluate(kink, With(point, x, t));
                if (!(Math.Sign(v) == Math.Sign(centre)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>|a − b| ≤ relative·(1 + scale), NaN never close.</summary>
    public static bool Close(double a, double b, double scale, double relative = 1e-9) =>
        Math.Abs(a - b) <= relative * (1 + scale);
}
