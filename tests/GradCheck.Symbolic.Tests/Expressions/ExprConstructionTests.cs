using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Tests.Expressions;

public sealed class ExprConstructionTests
{
    private static readonly Symbol X = Expr.Sym("x");
    private static readonly Symbol Y = Expr.Sym("y");

    [TestCase]
    public void Add_LikeTerms_Combine()
    {
        Assert.That((X + 1 + X).ToString(), Is.EqualTo("1 + 2*x"));
        Assert.That(X - X, Is.EqualTo(Expr.Zero));
        Assert.That(Expr.Add([X, 1, X, -1]).ToString(), Is.EqualTo("2*x"));
    }

    [TestCase]
    public void Add_NestedSums_Flatten()
    {
        var e = (X + (Y + 2)) + (3 + X);
        Assert.That(e, Is.InstanceOf<Sum>());
        Assert.That(((Sum)e).Terms, Has.Length.EqualTo(3));
        Assert.That(e.ToString(), Is.EqualTo("5 + 2*x + y"));
    }

    [TestCase]
    public void Multiply_LikeBases_CombineExponents()
    {
        Assert.That((X * X / X).ToString(), Is.EqualTo("x"));
        Assert.That((X * X * Y).ToString(), Is.EqualTo("x^2*y"));
        Assert.That(Expr.Multiply([X, 2, Expr.Pow(X, -1)]), Is.EqualTo(Expr.Num(2)));
    }

    [TestCase]
    public void Multiply_NumberTimesSum_Distributes()
    {
        Assert.That((2 * (X + 1)).ToString(), Is.EqualTo("2 + 2*x"));
        Assert.That((-(X - Y)).ToString(), Is.EqualTo("-x + y"));
    }

    [TestCase]
    public void Multiply_ByZero_IsZero()
    {
        Assert.That(0 * Expr.Exp(X), Is.EqualTo(Expr.Zero));
    }

    [TestCase]
    public void Pow_Numbers_FoldExactly()
    {
        Assert.That(Expr.Pow(4, new Rational(1, 2)), Is.EqualTo(Expr.Num(2)));
        Assert.That(Expr.Pow(new Rational(2, 3), -2), Is.EqualTo(Expr.Num(new Rational(9, 4))));
        Assert.That(Expr.Pow(2, new Rational(1, 2)).ToString(), Is.EqualTo("sqrt(2)"));
        Assert.That(Expr.Sqrt(2) * Expr.Sqrt(2), Is.EqualTo(Expr.Num(2)));
    }

    [TestCase]
    public void Pow_ZeroToNegativePower_Throws()
    {
        Assert.That(() => Expr.One / Expr.Zero, Throws.TypeOf<DivideByZeroException>());
    }

    [TestCase]
    public void Pow_OfPower_FoldsOnlyWhenValid()
    {
        Assert.That(Expr.Pow(Expr.Pow(X, 2), 3).ToString(), Is.EqualTo("x^6"));
        // (x^2)^(1/2) is |x|, not x: it must stay as it is.
        Assert.That(Expr.Pow(Expr.Pow(X, 2), new Rational(1, 2)), Is.InstanceOf<Power>());
        Assert.That(Expr.Pow(Expr.Sqrt(X), 2), Is.EqualTo((Expr)X));
    }

    [TestCase]
    public void Pow_ProductToIntegerPower_Distributes()
    {
        Assert.That(Expr.Pow(X * Y, 2).ToString(), Is.EqualTo("x^2*y^2"));
        Assert.That((X / (X * Y)).ToString(), Is.EqualTo("1/y"));
    }

    [TestCase]
    public void Apply_Constants_Fold()
    {
        Assert.That(Expr.Exp(0), Is.EqualTo(Expr.One));
        Assert.That(Expr.Ln(1), Is.EqualTo(Expr.Zero));
        Assert.That(Expr.Sigmoid(0), Is.EqualTo(Expr.Num(new Rational(1, 2))));
        Assert.That(Expr.Relu(-3), Is.EqualTo(Expr.Zero));
        Assert.That(Expr.Abs(-3), Is.EqualTo(Expr.Num(3)));
        Assert.That(Expr.Sign(-3), Is.EqualTo(Expr.MinusOne));
        Assert.That(Expr.Step(0), Is.EqualTo(Expr.Zero));
    }

    [TestCase]
    public void Equality_IsStructural_WithEqualHashes()
    {
        var a = Expr.Sigmoid(X * Y + 1);
        var b = Expr.Sigmoid(1 + Y * X);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(ReferenceEquals(a, b), Is.False);
    }

    [TestCase]
    public void CompareTo_PowersSortBesideTheirBase()
    {
        Assert.That(X.CompareTo(Expr.Pow(X, 2)), Is.LessThan(0));
        Assert.That(Expr.Pow(X, 2).CompareTo(Y), Is.LessThan(0));
        Assert.That(Expr.Sym("z", 2).CompareTo(Expr.Sym("z", 10)), Is.LessThan(0));
    }

    [TestCase("")]
    [TestCase("1x")]
    [TestCase("z_1")]
    [TestCase("exp")]
    [TestCase("sum")]
    public void Sym_InvalidName_Throws(string name)
    {
        Assert.That(() => Expr.Sym(name), Throws.ArgumentException.With.Message.Contains(name));
    }

    [TestCase]
    public void Sym_NegativeIndex_Throws()
    {
        Assert.That(() => Expr.Sym("z", -1), Throws.ArgumentException.With.Message.Contains("negative"));
    }
}
