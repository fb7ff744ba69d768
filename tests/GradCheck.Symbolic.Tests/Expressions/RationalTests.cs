using System.Numerics;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Tests.Expressions;

public sealed class RationalTests
{
    [TestCase]
    public void Constructor_Normalises()
    {
        var r = new Rational(6, -4);
        Assert.That((r.Numerator, r.Denominator), Is.EqualTo((new BigInteger(-3), new BigInteger(2))));
        Assert.That(new Rational(0, -7), Is.EqualTo(Rational.Zero));
        Assert.That(default(Rational).Denominator, Is.EqualTo(BigInteger.One));
    }

    [TestCase]
    public void Constructor_ZeroDenominator_Throws()
    {
        Assert.That(() => new Rational(1, 0), Throws.TypeOf<DivideByZeroException>());
    }

    [TestCase]
    public void Arithmetic_IsExact()
    {
        var a = new Rational(1, 3);
        var b = new Rational(1, 6);
        Assert.That(a + b, Is.EqualTo(new Rational(1, 2)));
        Assert.That(a - b, Is.EqualTo(b));
        Assert.That(a * b, Is.EqualTo(new Rational(1, 18)));
        Assert.That(a / b, Is.EqualTo(new Rational(2)));
        Assert.That(-a, Is.EqualTo(new Rational(-1, 3)));
        Assert.That(new Rational(2, 3).Pow(-2), Is.EqualTo(new Rational(9, 4)));
        Assert.That(() => a / Rational.Zero, Throws.TypeOf<DivideByZeroException>());
    }

    [TestCase]
    public void Comparison_ByValue()
    {
        Assert.That(new Rational(1, 3) < new Rational(1, 2), Is.True);
        Assert.That(new Rational(-1, 2).CompareTo(new Rational(-1, 3)), Is.LessThan(0));
        Assert.That(new Rational(2, 4) == new Rational(1, 2), Is.True);
    }

    [TestCase("3", "3")]
    [TestCase("-1/3", "-1/3")]
    [TestCase("0.1", "1/10")]
    [TestCase(" 2.50 ", "5/2")]
    [TestCase("1e-3", "1/1000")]
    [TestCase("2.5E2", "250")]
    [TestCase("-0.75/3", "-1/4")]
    public void Parse_ValidText_IsExact(string text, string expected)
    {
        Assert.That(Rational.Parse(text).ToString(), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("1/0")]
    [TestCase("1..2")]
    [TestCase("1e")]
    [TestCase("--1")]
    public void Parse_InvalidText_ThrowsFormatExceptionSayingWhy(string text)
    {
        Assert.That(() => Rational.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contains("is not a rational number"));
        Assert.That(Rational.TryParse(text, out _), Is.False);
    }

    [TestCase]
    public void ToDouble_IsCorrectlyRounded()
    {
        Assert.That(new Rational(1, 3).ToDouble(), Is.EqualTo(1.0 / 3.0));
        Assert.That(new Rational(BigInteger.Pow(10, 400) + 1, BigInteger.Pow(10, 400)).ToDouble(), Is.EqualTo(1.0));
        Assert.That(new Rational(BigInteger.Pow(10, 400)).ToDouble(), Is.EqualTo(double.PositiveInfinity));
        Assert.That(new Rational(1, BigInteger.Pow(3, 100)).ToDouble(), Is.EqualTo(Math.Pow(3, -100)).Within(1e-13).Percent);
    }

    [TestCase]
    public void TryRoot_PerfectPowersOnly()
    {
        Assert.That(new Rational(9, 4).TryRoot(2, out var root), Is.True);
        Assert.That(root, Is.EqualTo(new Rational(3, 2)));
        Assert.That(new Rational(-8).TryRoot(3, out root), Is.True);
        Assert.That(root, Is.EqualTo(new Rational(-2)));
        Assert.That(new Rational(2).TryRoot(2, out _), Is.False);
        Assert.That(new Rational(-4).TryRoot(2, out _), Is.False);
        Assert.That(new Rational(1024).TryRoot(10, out root), Is.True);
        Assert.That(root, Is.EqualTo(new Rational(2)));
        Assert.That(new Rational(1023).TryRoot(10, out _), Is.False);
        Assert.That(new Rational(3).TryRoot(1_000_000, out _), Is.False);
    }

    [TestCase]
    public void Pow_HugeExponents_StaySymbolicAndFast()
    {
        Assert.That(Expr.Pow(3, new Rational(1, 1_000_000)), Is.InstanceOf<Power>());
        Assert.That(Expr.Pow(2, 1_000_000), Is.InstanceOf<Power>());
        Assert.That(Expr.Pow(2, 100), Is.EqualTo(Expr.Num(new Rational(System.Numerics.BigInteger.Pow(2, 100)))));
    }
}
