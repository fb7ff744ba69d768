using GradCheck.Symbolic.Differentiation;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Printing;
using GradCheck.Symbolic.Tests.Differentiation;
using GradCheck.Symbolic.Tests.Generators;
using GradCheck.Symbolic.Tests.Printing;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Expressions;

public sealed class OperationPropertyTests
{
    [Property(Arbitrary = new[] { typeof(SmoothArbitraries) }, MaxTest = 200)]
    public bool Substitute_CommutesWithEvaluation(ExprPairAtPoint c)
    {
        // e[x := v] at p equals e at p with x set to v(p).
        var x = ExprGenerators.Symbols[0];
        var substituted = c.First.Substitute(new Dictionary<Symbol, Expr> { [x] = c.Second });
        var inner = Evaluator.Evaluate(c.Second, c.Point);
        var outer = ExprNumerics.With(c.Point, x, inner);
        var (left, right) = (Evaluator.Evaluate(substituted, c.Point), Evaluator.Evaluate(c.First, outer));
        return !double.IsFinite(left) || !double.IsFinite(right)
            || ExprNumerics.Close(left, right, ExprNumerics.Scale(c.Point, substituted) + ExprNumerics.Scale(outer, c.First), 1e-8);
    }

    [Property(Arbitrary = new[] { typeof(SmoothArbitraries) }, MaxTest = 200)]
    public bool Derivative_HasNoKinksTheFunctionLacks(ExprAtPoint c)
    {
        var kinks = Kinks.Find(c.Expression).ToHashSet();
        return c.Expression.Symbols().All(x => Kinks.Find(c.Expression.Derivative(x)).All(kinks.Contains));
    }

    [Property(Arbitrary = new[] { typeof(GeneralArbitraries) }, MaxTest = 300)]
    public bool LatexPrinter_BalancesBracesAndDelimiters(ExprAtPoint c)
    {
        var latex = LatexPrinter.Print(c.Expression);
        var depth = 0;
        foreach (var ch in latex)
        {
            depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0 && Count(latex, "\\left") == Count(latex, "\\right");
    }

    private static int Count(string text, string word) => (text.Length - text.Replace(word, string.Empty, StringComparison.Ordinal).Length) / word.Length;
}
