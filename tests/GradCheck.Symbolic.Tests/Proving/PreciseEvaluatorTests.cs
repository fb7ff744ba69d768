using System.Numerics;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Symbolic.Tests.Proving;

public class PreciseEvaluatorTests
{
    private static readonly Symbol Z = (Symbol)Expr.Sym("z");

    private static PreciseEnclosure At(Expr e, Rational z, int bits = PreciseEvaluator.DefaultBits) =>
        PreciseEvaluator.Evaluate(e, new Dictionary<Symbol, Rational> { [Z] = z }, bits);

    // e to 60 digits: 2.71828182845904523536028747135266249775724709369995957496696...
    private static readonly Rational E60 = Rational.Parse("2.718281828459045235360287471352662497757247093699959574966967");

    [Test]
    public void Evaluate_ExpOfOne_EnclosesEToSixtyDigitsNarrowly()
    {
        var e = At(Expr.Exp(Z), 1);
        Assert.That(e.Status, Is.EqualTo(PreciseStatus.Defined));
        Assert.That(e.Lo <= E60 + Rational.Parse("1e-59") && e.Hi >= E60 - Rational.Parse("1e-59"), Is.True);
        Assert.That((e.Hi - e.Lo) < Rational.Parse("1e-70"), Is.True, "width");
    }

    [Test]
    public void Evaluate_LnOfE60_IsOneToFiftyDigits()
    {
        var e = PreciseEvaluator.Evaluate(Expr.Ln(Expr.Num(E60)), new Dictionary<Symbol, Rational>());
        Assert.That(e.Lo <= 1 + Rational.Parse("1e-55") && e.Hi >= 1 - Rational.Parse("1e-55"), Is.True);
        Assert.That((e.Hi - e.Lo) < Rational.Parse("1e-70"), Is.True);
    }

    [TestCase(-30.5)]
    [TestCase(-3.25)]
    [TestCase(-0.001)]
    [TestCase(0.7)]
    [TestCase(2.5)]
    [TestCase(41.0)]
    public void Evaluate_Functions_AgreeWithDoubles(double z)
    {
        var x = Expr.Sym("z");
        var cases = new (Expr Expression, double Expected)[]
        {
            (Expr.Exp(x), Math.Exp(z)),
            (Expr.Sigmoid(x), 1 / (1 + Math.Exp(-z))),
            (Expr.Apply(FunctionKind.Tanh, x), Math.Tanh(z)),
            (Expr.Apply(FunctionKind.Softplus, x), z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))),
            (Expr.Ln(Expr.Apply(FunctionKind.Abs, x)), Math.Log(Math.Abs(z))),
            (Expr.Pow(Expr.Apply(FunctionKind.Abs, x), Expr.Num(new Rational(1, 2))), Math.Sqrt(Math.Abs(z))),
            (Expr.Pow(Expr.Apply(FunctionKind.Abs, x), Expr.Num(new Rational(-7, 3))), Math.Pow(Math.Abs(z), -7.0 / 3)),
            (Expr.Pow(x, Expr.Num(5)), Math.Pow(z, 5)),
        };
        foreach (var (expression, expected) in cases)
        {
            var e = PreciseEvaluator.Evaluate(expression, new Dictionary<Symbol, double> { [Z] = z });
            Assert.That(e.Status, Is.EqualTo(PreciseStatus.Defined), expression.ToString());
            Assert.That(e.Midpoint, Is.EqualTo(expected).Within(1e-14 * Math.Max(1, Math.Abs(expected))), expression.ToString());
            Assert.That(PreciseEnclosure.AgreeTo(e, e, 200), Is.True, expression + " is narrow");
        }
    }

    [Test]
    public void Evaluate_SubDoubleDifference_IsSeparated()
    {
        // ln σ(z) + e^−z ≈ −e^−2z/2: about 1e−22 at z = 25, invisible beside the sides' double rounding.
        var left = At(Expr.Ln(Expr.Sigmoid(Z)), 25);
        var right = At(-Expr.Exp(-(Expr)Z), 25);
        Assert.That(PreciseEnclosure.Disjoint(left, right), Is.True);
    }

    [Test]
    public void Evaluate_TrueIdentity_AgreesToManyBits()
    {
        var left = At(Expr.Sigmoid(Z) * Expr.Sigmoid(-(Expr)Z), new Rational(-71, 8));
        var right = At(Expr.Exp(-(Expr)Z) / Expr.Pow(1 + Expr.Exp(-(Expr)Z), Expr.Num(2)), new Rational(-71, 8));
        Assert.That(PreciseEnclosure.AgreeTo(left, right, 200), Is.True);
    }

    [Test]
    public void Evaluate_Domains_AreReported()
    {
        Assert.That(At(Expr.Ln(Z), -1).Status, Is.EqualTo(PreciseStatus.Undefined));
        Assert.That(At(Expr.Pow(Z, Expr.Num(new Rational(1, 2))), -1).Status, Is.EqualTo(PreciseStatus.Undefined));
        Assert.That(At(1 / (Expr)Z, 0).Status, Is.EqualTo(PreciseStatus.Undefined));
        Assert.That(At(Expr.Exp(Expr.Pow(Z, Expr.Num(3))), 1000).Status, Is.EqualTo(PreciseStatus.Unknown), "exp beyond 2^20");
        Assert.That(At(Expr.Pow(Z, Expr.Num(new BigInteger(1_000_000))), 2).Status, Is.EqualTo(PreciseStatus.Unknown));
    }

    [Test]
    public void Evaluate_TanhOfATinyNumber_IsSeparatedFromZero()
    {
        // Found by the long fuzz run: 2σ(2x) − 1 cancelled tanh(1e−90) to an enclosure around 0.
        var tiny = At(Expr.Apply(FunctionKind.Tanh, Z), Rational.Parse("1e-90"));
        Assert.That(tiny.Lo > 0 && tiny.Hi <= Rational.Parse("1.000001e-90"), Is.True);
        var negative = At(Expr.Apply(FunctionKind.Tanh, Z), Rational.Parse("-1e-90"));
        Assert.That(negative.Hi < 0 && negative.Lo >= Rational.Parse("-1.000001e-90"), Is.True);
    }
}
