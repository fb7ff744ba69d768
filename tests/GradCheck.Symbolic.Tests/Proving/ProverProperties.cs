using FsCheck;
using FsCheck.Fluent;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;
using GradCheck.Symbolic.Tests.Generators;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>
/// The prover on random expression trees: a true identity (the tree against a rewrite of itself by a
/// textbook identity) is never refuted, and is proved when the tree stays inside the polynomial
/// method's class; a perturbed tree is never proved, and a refutation is always genuine. The rewrites
/// keep every node's domain, so these properties hold under the domain check without assumptions.
/// </summary>
public sealed class ProverProperties
{
    private static readonly ProverOptions Fast = ProverOptions.Default with { SamplePoints = 24, EvidencePointsWhenProved = 2, MaxTerms = 20_000 };

    public static Arbitrary<Expr> Smooth() => ExprGenerators.Smooth().ToArbitrary();

    [Property(Arbitrary = [typeof(ProverProperties)], MaxTest = 150)]
    public Property Prove_TreeAgainstTextbookRewrite_IsNeverRefutedAndProvedInsideTheClass(Expr e)
    {
        var rewritten = Rewrite(e);
        var result = Prover.Prove(e, rewritten, Assumptions.None, Fast);
        // The class the method decides: rational functions of exp, σ and tanh of polynomial arguments.
        // (ln, softplus, roots, kinks and exp of fractions become atoms keyed by a form that is not
        // canonical without a polynomial GCD, so equal ones may go unrecognised: never refuted, maybe unknown.)
        var insideClass = !Contains(e, n => n is Power { Exponent: Number { Value.IsInteger: false } }
            || n is Function { Kind: FunctionKind.Relu or FunctionKind.Abs or FunctionKind.Sign or FunctionKind.Step or FunctionKind.Ln or FunctionKind.Softplus }
            || (n is Function f && !IsPolynomial(f.Argument)));
        // Inside the class the method may still stop at its documented size limits (an exp coefficient
        // or exponent beyond 10 000 after rescaling, too many rational scales, too many terms): then it
        // says so, and is not refuted.
        var atLimit = result.Verdict == ProofVerdict.Unknown && result.Method.Contains(Prover.SizeLimitMarker, StringComparison.Ordinal);
        var ok = result.Verdict != ProofVerdict.Refuted && (!insideClass || result.Verdict == ProofVerdict.Proved || atLimit);
        return ok.Label($"{e}  vs  {rewritten}: {result.Verdict}, {result.Method}");
    }

    public static Arbitrary<Expr> General() => ExprGenerators.General().ToArbitrary();

    /// <summary>
    /// Trees that are undefined in places (raw ln, sqrt, division, symbolic powers) against their textbook
    /// rewrite, which has exactly the same domain: the domain check must never refute them, in particular
    /// not at points where both sides are undefined (ln(x) where x &lt; 0 on both sides).
    /// </summary>
    [Property(MaxTest = 150)]
    public Property Prove_PartialTreeAgainstTextbookRewrite_IsNeverRefutedByTheDomainCheck()
    {
        return Prop.ForAll(General(), e =>
        {
            var rewritten = Rewrite(e);
            var result = Prover.Prove(e, rewritten, Assumptions.None, Fast);
            return (result.Verdict != ProofVerdict.Refuted).Label($"{e}  vs  {rewritten}: {result.Verdict}, {result.Method}");
        });
    }

    [Property(Arbitrary = [typeof(ProverProperties)], MaxTest = 150)]
    public Property Prove_TreeAgainstAPerturbedCopy_IsNeverProvedAndRefutationsAreGenuine(Expr e)
    {
        var x = Expr.Sym("x");
        var perturbed = e + (Expr.Num(new Rational(1, 64)) * Expr.Sigmoid(x));
        var result = Prover.Prove(e, perturbed, Assumptions.None, Fast);
        var ok = result.Verdict != ProofVerdict.Proved;
        if (result.Counterexample is { } point)
        {
            var values = ExprGenerators.Symbols.ToDictionary(s => s, s => point.Values.TryGetValue(s, out var v) ? v : 0.0);
            var difference = Evaluator.Evaluate(perturbed, values) - Evaluator.Evaluate(e, values);
            ok &= Math.Abs(difference - (1.0 / 64 / (1 + Math.Exp(-values[x])))) < 1e-6 * (1 + Math.Abs(Evaluator.Evaluate(e, values)));
        }

        return ok.Label($"{e}: {result.Verdict}, {result.Method}");
    }

    /// <summary>σ(u) → 1 − σ(−u), tanh(u) → 2σ(2u) − 1, softplus(u) → u + softplus(−u), exp(u) → e·exp(u − 1), all the way down.</summary>
    private static Expr Rewrite(Expr e) => e switch
    {
        Sum sum => Expr.Add(sum.Terms.Select(Rewrite)),
        Product product => Expr.Multiply(product.Factors.Select(Rewrite)),
        Power power => Expr.Pow(Rewrite(power.Base), Rewrite(power.Exponent)),
        Function { Kind: FunctionKind.Sigmoid } f => 1 - Expr.Sigmoid(-Rewrite(f.Argument)),
        Function { Kind: FunctionKind.Tanh } f => (2 * Expr.Sigmoid(2 * Rewrite(f.Argument))) - 1,
        Function { Kind: FunctionKind.Softplus } f => Rewrite(f.Argument) + Expr.Softplus(-Rewrite(f.Argument)),
        Function { Kind: FunctionKind.Exp } f => Expr.Exp(1) * Expr.Exp(Rewrite(f.Argument) - 1),
        Function f => Expr.Apply(f.Kind, Rewrite(f.Argument)),
        _ => e,
    };

    private static bool IsPolynomial(Expr e) =>
        !Contains(e, n => n is Function || n is Power { Exponent: not Number { Value: { IsInteger: true, Sign: > 0 } } });

    private static bool Contains(Expr e, Func<Expr, bool> predicate) => predicate(e) || e.Children.Any(c => Contains(c, predicate));
}
