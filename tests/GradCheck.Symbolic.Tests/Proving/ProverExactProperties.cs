using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;
using GradCheck.Symbolic.Tests.Generators;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>
/// The prover on random rational functions (defined everywhere): against a textbook rewrite of itself the
/// identity is proved; against the same rewrite plus 10⁻²⁵, far below double precision, it is refuted, and
/// the point refutes it exactly: both sides, folded to exact numbers there, differ by exactly 10⁻²⁵.
/// </summary>
public sealed class ProverExactProperties
{
    private static readonly ProverOptions Fast = ProverOptions.Default with { SamplePoints = 24, EvidencePointsWhenProved = 2 };
    private static readonly Rational Tiny = new(BigInteger.One, BigInteger.Pow(10, 25));

    public static Arbitrary<Expr> RationalFunctions() => ExprGenerators.RationalFunction().ToArbitrary();

    [Property(Arbitrary = [typeof(ProverExactProperties)], MaxTest = 200)]
    public Property Prove_RationalFunctionAgainstTextbookRewrite_IsProved(Expr e)
    {
        var rewritten = Rewrite(e);
        var result = Prover.Prove(e, rewritten, Assumptions.None, Fast);
        return (result.Verdict == ProofVerdict.Proved).Label($"{e}  vs  {rewritten}: {result.Verdict}, {result.Method}");
    }

    [Property(Arbitrary = [typeof(ProverExactProperties)], MaxTest = 200)]
    public Property Prove_RationalFunctionAgainstRewritePlusTenToTheMinus25_IsRefutedExactly(Expr e)
    {
        var perturbed = Rewrite(e) + Expr.Num(Tiny);
        var result = Prover.Prove(e, perturbed, Assumptions.None, Fast);
        if (result.Verdict != ProofVerdict.Refuted || result.Counterexample is not { } c)
        {
            return false.Label($"{e}  vs  {perturbed}: {result.Verdict}, {result.Method}");
        }

        // Checked independently of the prover: the point substituted into both sides, folded exactly.
        var point = c.Values.ToDictionary(p => p.Key, p => Expr.Num(ExactRational.Of(p.Value)));
        var ok = e.Substitute(point) is Number l && perturbed.Substitute(point) is Number r && l.Value - r.Value == -Tiny
            && (c.ExactDifference is null || c.ExactDifference == -Tiny);
        return ok.Label($"{e}  vs  {perturbed}: {result.Method}");
    }

    /// <summary>
    /// a·b → ((a + b)² − (a − b)²)/4 (for the outermost products only, so the rewrite stays a few times the size of
    /// the tree), u² → (u + 1)² − 2u − 1 (u³ likewise times u), 1/d → (1 + x²)/(d + d·x²), all the way down; true
    /// identities that the canonical form of expressions does not undo.
    /// </summary>
    private static Expr Rewrite(Expr e, bool polarize = true)
    {
        var x = Expr.Sym("x");
        switch (e)
        {
            case Sum sum:
                return Expr.Add(sum.Terms.Select(t => Rewrite(t, polarize)));
            case Product { Factors: [var first, .. var rest] } when polarize:
                var a = Rewrite(first, polarize: false);
                var b = Rewrite(Expr.Multiply(rest), polarize: false);
                return (Expr.Pow(a + b, 2) - Expr.Pow(a - b, 2)) / 4;
            case Product product:
                return Expr.Multiply(product.Factors.Select(f => Rewrite(f, polarize: false)));
            case Power { Exponent: Number { Value: var n } } power when n == -1:
                var d = Rewrite(power.Base, polarize: false);
                return (1 + Expr.Pow(x, 2)) / (d + (d * Expr.Pow(x, 2)));
            case Power { Exponent: Number { Value: var n } } power when n == 2 || n == 3:
                var u = Rewrite(power.Base, polarize: false);
                var square = Expr.Pow(u + 1, 2) - (2 * u) - 1;
                return n == 2 ? square : u * square;
            default:
                return e;
        }
    }
}
