using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Tests.Generators;
using static GradCheck.Symbolic.Tests.Generators.ExprNumerics;

namespace GradCheck.Symbolic.Tests.Differentiation;

public sealed class SmoothArbitraries
{
    public static Arbitrary<ExprAtPoint> OneExpression() => ExprGenerators.SmoothAtPoint();

    public static Arbitrary<ExprPairAtPoint> TwoExpressions() => ExprGenerators.SmoothPairAtPoint();
}

public sealed class DerivativePropertyTests
{
    private const double Epsilon = 2.220446049250313e-16;

    [Property(Arbitrary = new[] { typeof(SmoothArbitraries) }, MaxTest = 250)]
    public Property Derivative_AgreesWithCentralDifference_AwayFromKinks(ExprAtPoint c)
    {
        var results = new List<(bool Ok, string Why)>();
        foreach (var x in c.Expression.Symbols())
        {
            results.Add(CheckAgainstFiniteDifference(c.Expression, c.Point, x));
        }

        var failure = results.FirstOrDefault(r => !r.Ok);
        return results.All(r => r.Ok).Label(failure.Why ?? string.Empty);
    }

    // Central differences at h and h/2: the gap between them bounds the truncation error (it is
    // 3/4 of c·h² when f''' is steady, four times the error of the h/2 estimate); rounding adds
    // at most ~n·ε·scale/h. A wrong derivative rule is off by O(|f'|), far outside this.
    private static (bool Ok, string Why) CheckAgainstFiniteDifference(Expr e, IReadOnlyDictionary<Symbol, double> point, Symbol x)
    {
        var x0 = point[x];
        var h = 1e-3 * (1 + Math.Abs(x0));
        if (!AwayFromKinks(e, point, x, h))
        {
            return (true, string.Empty);
        }

        double F(double t) => Evaluator.Evaluate(e, With(point, x, t));
        var (fm, fp, fm2, fp2) = (F(x0 - h), F(x0 + h), F(x0 - (h / 2)), F(x0 + (h / 2)));
        var derivative = Evaluator.Evaluate(e.Derivative(x), point);
        if (!double.IsFinite(fm) || !double.IsFinite(fp) || !double.IsFinite(fm2) || !double.IsFinite(fp2) || !double.IsFinite(derivative))
        {
            return (true, string.Empty);
        }

        var d1 = (fp - fm) / (2 * h);
        var d2 = (fp2 - fm2) / h;
        var scale = Math.Max(Scale(point, e), Scale(With(point, x, x0 + h), e));
        var rounding = 64 * Epsilon * scale / (h / 2);
        var tolerance = (4 * Math.Abs(d1 - d2)) + (2 * rounding) + (1e-10 * (1 + Math.Abs(derivative)));
        var ok = Math.Abs(derivative - d2) <= tolerance;
        return (ok, $"d/d{x}: symbolic {derivative:R}, central difference {d2:R} (h = {h:R}), tolerance {tolerance:R}");
    }

    [Property(Arbitrary = new[] { typeof(SmoothArbitraries) }, MaxTest = 200)]
    public bool Derivative_IsLinear(ExprPairAtPoint c)
    {
        var x = ExprGenerators.Symbols[0];
        var (a, b) = (Expr.Num(new Rational(3, 2)), Expr.Num(-2));
        var left = ((a * c.First) + (b * c.Second)).Derivative(x);
        var right = (a * c.First.Derivative(x)) + (b * c.Second.Derivative(x));
        return AgreeWhereDefined(left, right, c.Point);
    }

    [Property(Arbitrary = new[] { typeof(SmoothArbitraries) }, MaxTest = 200)]
    public bool Derivative_FollowsProductRule(ExprPairAtPoint c)
    {
        var x = ExprGenerators.Symbols[0];
        var (u, v) = (c.First, c.Second);
        var left = (u * v).Derivative(x);
        var right = (u.Derivative(x) * v) + (u * v.Derivative(x));
        return AgreeWhereDefined(left, right, c.Point);
    }

    [Property(Arbitrary = new[] { typeof(SmoothArbitraries) }, MaxTest = 200)]
    public bool Derivative_FollowsChainRule(ExprPairAtPoint c)
    {
        // d/dx u(v(x), …) = u_x(v(x), …) · v'(x), with u's x replaced by the inner function v.
        var x = ExprGenerators.Symbols[0];
        var (u, v) = (c.First, c.Second);
        var inner = new Dictionary<Symbol, Expr> { [x] = v };
        var left = u.Substitute(inner).Derivative(x);
        var right = u.Derivative(x).Substitute(inner) * v.Derivative(x);
        return AgreeWhereDefined(left, right, c.Point);
    }

    [Property(Arbitrary = new[] { typeof(SmoothArbitraries) }, MaxTest = 150)]
    public bool SecondDerivative_IsSymmetric(ExprAtPoint c)
    {
        var (x, y) = (ExprGenerators.Symbols[0], ExprGenerators.Symbols[1]);
        return AgreeWhereDefined(c.Expression.Derivative(x, y), c.Expression.Derivative(y, x), c.Point);
    }

    [Property(Arbitrary = new[] { typeof(SmoothArbitraries) }, MaxTest = 250)]
    public bool DualNumbers_AgreeWithSymbolicDerivative(ExprAtPoint c)
    {
        foreach (var x in c.Expression.Symbols())
        {
            var symbolic = c.Expression.Derivative(x);
            var expected = Evaluator.Evaluate(symbolic, c.Point);
            var dual = Evaluator.EvaluateDual(c.Expression, c.Point, x);
            if (double.IsFinite(expected) && double.IsFinite(dual.Derivative)
                && !Close(expected, dual.Derivative, Scale(c.Point, symbolic, c.Expression), 1e-8))
            {
                return false;
            }
        }

        return true;
    }

    [Property(Arbitrary = new[] { typeof(SmoothArbitraries) }, MaxTest = 250)]
    public bool ComplexStep_AgreesWithSymbolicDerivative(ExprAtPoint c)
    {
        foreach (var x in c.Expression.Symbols())
        {
            if (!AwayFromKinks(c.Expression, c.Point, x, 1e-12))
            {
                continue;
            }

            var symbolic = c.Expression.Derivative(x);
            var expected = Evaluator.Evaluate(symbolic, c.Point);
            var step = Evaluator.ComplexStepDerivative(c.Expression, c.Point, x);
            if (double.IsFinite(expected) && double.IsFinite(step)
                && !Close(expected, step, Scale(c.Point, symbolic, c.Expression), 1e-8))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AgreeWhereDefined(Expr left, Expr right, IReadOnlyDictionary<Symbol, double> point)
    {
        var (l, r) = (Evaluator.Evaluate(left, point), Evaluator.Evaluate(right, point));
        if (!double.IsFinite(l) || !double.IsFinite(r))
        {
            return true;
        }

        return Close(l, r, Scale(point, left, right), 1e-8);
    }
}
