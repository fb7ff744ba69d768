using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>The outcome of <see cref="Prover"/>.</summary>
public enum ProofVerdict
{
    /// <summary>The difference of the sides is identically 0 (under the assumptions, where both sides are defined),
    /// and no sampled point of the assumed domain has one side defined and the other not.</summary>
    Proved,

    /// <summary>A point was found where the sides differ, or where one side is real and the other is not,
    /// confirmed by interval arithmetic.</summary>
    Refuted,

    /// <summary>Neither: no symbolic proof and no confirmed counterexample; see the numeric evidence.</summary>
    Unknown,
}

/// <summary>A proof attempt's result.</summary>
/// <param name="Verdict">Proved, refuted or unknown.</param>
/// <param name="Counterexample">The point where the sides differ when refuted, else null.</param>
/// <param name="Evidence">What the numeric sampling saw.</param>
/// <param name="Method">How the verdict was reached, in words (for reports).</param>
public sealed record ProofResult(ProofVerdict Verdict, Counterexample? Counterexample, NumericEvidence Evidence, string Method)
{
    /// <summary>For <see cref="ProofVerdict.Unknown"/>: the difference's normal form is not 0, the sides agree in
    /// double precision, and high-precision evaluation (<see cref="PreciseEvaluator"/>) could settle no sampled
    /// point; the sides may differ below double precision, so agreement in doubles is no evidence that they are
    /// equal. A caller must not report "holds numerically" then.</summary>
    public bool UndecidedBelowDoublePrecision { get; init; }
}

/// <summary>
/// A point where two expressions differ: every symbol's value and both sides' values (midpoints of
/// rigorous enclosures that do not overlap, so the difference is not a rounding artefact); or a point
/// where the sides differ in exact rational arithmetic, by less than double precision may show
/// (<see cref="ExactDifference"/>); or a point where one side is certainly real and the other
/// certainly not (<see cref="Undefined"/>).
/// </summary>
/// <param name="Values">The value of every symbol of either side (exact doubles).</param>
/// <param name="Left">The left side's value at the point; NaN when the left side is undefined there.</param>
/// <param name="Right">The right side's value at the point; NaN when the right side is undefined there.</param>
public sealed record Counterexample(IReadOnlyDictionary<Symbol, double> Values, double Left, double Right)
{
    /// <summary>For a domain counterexample, which side has no real value at the point and why; null
    /// when both sides are real there and differ.</summary>
    public DomainViolation? Undefined { get; init; }

    /// <summary>For a counterexample decided in exact rational arithmetic, left − right exactly (nonzero);
    /// null when the enclosures of the sides are disjoint or the point is a domain counterexample. The
    /// doubles <see cref="Left"/> and <see cref="Right"/> may then be equal.</summary>
    public Rational? ExactDifference { get; init; }

    /// <summary>The left side's exact value when it is a rational number at the point (the side folds to a
    /// number there); null otherwise.</summary>
    public Rational? ExactLeft { get; init; }

    /// <summary>The right side's exact value when it is a rational number at the point; null otherwise.</summary>
    public Rational? ExactRight { get; init; }

    /// <summary>For a counterexample decided by <see cref="PreciseEvaluator"/> (the doubles' enclosures overlap,
    /// the high-precision ones do not): the precision in bits; 0 otherwise. <see cref="Left"/> and <see cref="Right"/>
    /// are then the midpoints of the high-precision enclosures, and <see cref="PreciseDifference"/> their difference.</summary>
    public int PreciseBits { get; init; }

    /// <summary>With <see cref="PreciseBits"/>: left − right (midpoints of the high-precision enclosures, as a double).</summary>
    public double PreciseDifference { get; init; }
}

/// <summary>Which side of an equation.</summary>
public enum EquationSide
{
    /// <summary>The left side.</summary>
    Left,

    /// <summary>The right side.</summary>
    Right,
}

/// <summary>
/// One side of a claimed equation has no real value at a point of the assumed domain where the other
/// side has one, decided rigorously by interval arithmetic: a claim <c>a = b</c> over the reals is
/// false there. (A point where both sides are undefined refutes nothing.)
/// </summary>
/// <param name="Side">The side that is undefined.</param>
/// <param name="Reason">The innermost operation outside its domain, in words ("ln of a negative number",
/// "division by 0", "square root of a negative number", …).</param>
public sealed record DomainViolation(EquationSide Side, string Reason);

/// <summary>
/// Numeric evidence from random points in the assumed domains (away from kinks): at every point the
/// exact difference of the sides lies within <see cref="MaxAbsDifference"/> ± <see cref="MaxErrorBound"/>.
/// </summary>
/// <param name="Points">How many points were evaluated and counted: both sides defined there, with
/// enclosures narrow enough to be conclusive (<see cref="NumericAgreement"/>).</param>
/// <param name="MaxAbsDifference">The largest |left − right| computed (midpoints of the enclosures).</param>
/// <param name="MaxErrorBound">The largest rigorous bound on the rounding error of a computed difference
/// (half the sum of the enclosures' widths); the sides agree at a point when the difference is within it.</param>
public sealed record NumericEvidence(int Points, double MaxAbsDifference, double MaxErrorBound)
{
    /// <summary>No points evaluated.</summary>
    public static NumericEvidence None { get; } = new(0, 0, 0);

    /// <summary>Sampled points (away from kinks) not counted in <see cref="Points"/>: a side undefined or
    /// unbounded there, or the point <see cref="Inconclusive"/>.</summary>
    public int Skipped { get; init; }

    /// <summary>Of the <see cref="Skipped"/> points, those where both enclosures were finite and overlapped
    /// but were too wide, relative to the values, to count as agreement (<see cref="NumericAgreement"/>).</summary>
    public int Inconclusive { get; init; }

    /// <summary>Of the <see cref="Points"/>, those re-evaluated at high precision (<see cref="PreciseEvaluator"/>)
    /// and found equal to 128 bits; set only for a step without a symbolic proof.</summary>
    public int PreciseAgreements { get; init; }

    /// <summary>Of the <see cref="Skipped"/> points, those where both sides were real but an enclosure was unbounded
    /// (the value overflows double precision, as x^1000000 does for |x| &gt; 1).</summary>
    public int Unbounded { get; init; }
}

/// <summary>Settings of <see cref="Prover"/>.</summary>
public sealed record ProverOptions
{
    /// <summary>The default settings.</summary>
    public static ProverOptions Default { get; } = new();

    /// <summary>Random points tried for a counterexample when there is no proof (default 64): points where the
    /// sides agree count only when conclusive (<see cref="NumericAgreement"/>), and up to 20 times as many are drawn.</summary>
    public int SamplePoints { get; init; } = 64;

    /// <summary>Random points evaluated as evidence after a proof (default 4; 0 skips them).</summary>
    public int EvidencePointsWhenProved { get; init; } = 4;

    /// <summary>Seed of the point sampler, so results are reproducible (default 20261121).</summary>
    public int Seed { get; init; } = 20261121;

    /// <summary>The most terms a polynomial may reach before the symbolic attempt gives up (default 200 000).</summary>
    public int MaxTerms { get; init; } = 200_000;

    /// <summary>The most cases (discrete values × one-hot positions) proved one by one (default 1024).</summary>
    public int MaxCases { get; init; } = 1024;

    /// <summary>Random points of the assumed domain searched for one where exactly one side is real
    /// (default 96), whenever the sides would be proved or agree numerically; 0 skips the domain check.</summary>
    public int DomainPoints { get; init; } = 96;

    /// <summary>Random points of the assumed domain at which the sides are compared in exact rational arithmetic
    /// (default 16), when there is no other verdict and the difference is a rational function of the symbols or
    /// both sides fold to exact numbers at a point; 0 skips the exact comparison.</summary>
    public int ExactPoints { get; init; } = 16;

    /// <summary>Sample points are rejected while a kink argument is within this distance of 0 (default 1e-3).</summary>
    public double KinkMargin { get; init; } = 1e-3;
}
