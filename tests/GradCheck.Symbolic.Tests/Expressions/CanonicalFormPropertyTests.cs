using FsCheck;
using FsCheck.Fluent;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Tests.Generators;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Expressions;

public sealed class GeneralPairArbitraries
{
    public static Arbitrary<ExprPairAtPoint> TwoExpressions() =>
        Arb.From(
            from a in ExprGenerators.General()
            from b in ExprGenerators.General()
            from p in ExprGenerators.Point()
            select new ExprPairAtPoint(a, b, p));
}

public sealed class CanonicalFormPropertyTests
{
    [Property(Arbitrary = new[] { typeof(GeneralPairArbitraries) }, MaxTest = 200)]
    public bool AddAndMultiply_AreCommutative_Structurally(ExprPairAtPoint c)
    {
        var (a, b) = (c.First, c.Second);
        return (a + b).Equals(b + a) && (a * b).Equals(b * a) && (a + b).GetHashCode() == (b + a).GetHashCode();
    }

    [Property(Arbitrary = new[] { typeof(GeneralPairArbitraries) }, MaxTest = 200)]
    public bool Add_IsAssociative_Structurally(ExprPairAtPoint c)
    {
        var (a, b) = (c.First, c.Second);
        var d = Expr.Sym("x") + 1;
        return ((a + b) + d).Equals(a + (b + d));
    }

    [Property(Arbitrary = new[] { typeof(GeneralPairArbitraries) }, MaxTest = 200)]
    public bool Subtract_Self_IsZero(ExprPairAtPoint c) => (c.First - c.First).Equals(Expr.Zero);

    [Property(Arbitrary = new[] { typeof(GeneralPairArbitraries) }, MaxTest = 300)]
    public bool CompareTo_IsAntisymmetric_AndZeroExactlyForEqual(ExprPairAtPoint c)
    {
        var (a, b) = (c.First, c.Second);
        var ab = a.CompareTo(b);
        return Math.Sign(ab) == -Math.Sign(b.CompareTo(a)) && (ab == 0) == a.Equals(b) && a.CompareTo(a) == 0;
    }

    [Property(Arbitrary = new[] { typeof(GeneralPairArbitraries) }, MaxTest = 200)]
    public bool Rebuilding_ACanonicalExpression_ChangesNothing(ExprPairAtPoint c)
    {
        // Every node is already canonical: substituting nothing-changing values rebuilds the same tree.
        var identity = c.First.Symbols().ToDictionary(s => s, s => (Expr)s);
        return c.First.Substitute(identity).Equals(c.First);
    }
}
