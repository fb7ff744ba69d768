using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using GradCheck.Symbolic.Differentiation;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// Decides <c>left = right</c> under <see cref="Assumptions"/>: <see cref="ProofVerdict.Proved"/> when
/// the difference's rational normal form (see the remarks) has a numerator polynomial that is
/// identically 0 and no sampled point has exactly one side real; <see cref="ProofVerdict.Refuted"/> when
/// a random point in the assumed domains gives rigorous enclosures of the two sides that do not overlap,
/// or one side certainly real and the other certainly not (a domain counterexample, see
/// <see cref="Counterexample.Undefined"/>), or both sides defined and different in exact rational arithmetic
/// (see <see cref="Counterexample.ExactDifference"/>); otherwise <see cref="ProofVerdict.Unknown"/> with the numeric evidence.
/// </summary>
/// <remarks>
/// <para>The normal form: σ(u) = 1/(1 + e^−u), tanh(u) = (1 − e^−2u)/(1 + e^−2u), softplus(u) = ln(1 + eᵘ);
/// exp of a polynomial becomes a product of integer powers of atoms exp(m/Q) (one per monomial m);
/// ln|·| is split over products, quotients and powers (ln u = ln|u| wherever ln u is real, so the normal
/// form needs no sign assumption; the domain check below decides whether the split changed the domain); everything is brought over one factored denominator and the numerator's
/// exact integer coefficients are compared with 0. No polynomial GCD is needed. The normal form
/// proves equality wherever both sides are defined; it cannot see that ln(x·y) and ln x + ln y have
/// different domains.</para>
/// <para>Domains: symbols range over the reals (or their assumed domains), so whenever the sides would be
/// proved or agree numerically, <see cref="ProverOptions.DomainPoints"/> points of the assumed domain are
/// searched for one where one side is certainly real (a finite enclosure, every ln/sqrt/division/real
/// power argument certainly inside its domain) and the other certainly not (ln or a real power of a
/// certainly negative number, sqrt of a certainly negative number, division by exactly 0). Such a point
/// refutes the claim: ln(x·y) = ln x + ln y fails at x = y = −1, exp(ln x) = x at every x &lt; 0; under
/// x &gt; 0, y &gt; 0 they are proved. A point where both sides are undefined refutes nothing.</para>
/// <para>Sample points come from <see cref="DomainSampler"/> seeded with <see cref="ProverOptions.Seed"/>:
/// unassumed symbols from [−2, 2]; when seeking a counterexample, every fourth point from [−8, 8]
/// (half-bounded intervals likewise reach four times further). A point where the enclosures overlap counts
/// as agreement only when it is conclusive (<see cref="NumericAgreement"/>); the others are counted in
/// <see cref="NumericEvidence.Inconclusive"/>.</para>
/// <para>Assumptions: one-hot vectors and discrete sets are proved value by value; a simplex is applied
/// by substituting y_K = 1 − Σ_{k&lt;K} yₖ. Sample points respect intervals, discrete sets, simplexes
/// and one-hot vectors, and keep every kink argument (of relu, abs, sign, step) away from 0.</para>
/// <para>Interval assumptions also remove kinks whose argument has one sign on the whole domain
/// (under x &gt; 0, relu(x) = x and step(x) = 1), so the proof holds on the assumed domain.</para>
/// <para>Where a side is defined, exp(c·ln v) = vᶜ (v &gt; 0 there) and exp(n·ln|A|) = |A|ⁿ; a root of a positive
/// constant times u is split off (√(4x) = 2√x), a q-th root of a monomial whose exponents are multiples of q is a
/// product of absolute values (√(x²) = |x|), and |u|, sign, step and relu of an argument whose sign is known from the
/// assumptions (x &gt; 0, a simplex entry ≥ 0, a sum of exponentials) are resolved: exp(ln x) = x is proved under
/// x &gt; 0 and refuted by the domain check without it.</para>
/// <para>Differences below double precision: when no point separates the sides' enclosures, and the difference's
/// normal form is a nonzero rational function of the symbols or both sides fold to numbers at a point, up to
/// <see cref="ProverOptions.ExactPoints"/> dyadic points of the assumed domain are substituted into the original
/// sides and compared exactly (1/3 = 0.33333333333333333333 and x + 10⁻³⁰ = x are refuted).</para>
/// <para>A power bᵉ with a non-constant exponent is read as exp(e·ln b), that is for b &gt; 0.</para>
/// <para>Never throws for a well-formed expression: a normal form that grows too large, or an
/// unsupported construct, just leaves the verdict to the numeric search.</para>
/// </remarks>
/// <example>
/// <code>
/// var z = Expr.Sym("z");
/// var result = Prover.Prove(Expr.Sigmoid(z).Derivative(z), Expr.Sigmoid(z) * (1 - Expr.Sigmoid(z)), Assumptions.None);
/// Console.WriteLine(result.Verdict); // Proved
/// </code>
/// </example>
public static class Prover
{
    private const int MaxExpScaleRestarts = 6;

    /// <summary>Proves or refutes <c>left = right</c>; see <see cref="Prover"/>.</summary>
    /// <param name="left">The left side.</param>
    /// <param name="right">The right side.</param>
    /// <param name="assumptions">What is assumed about the symbols.</param>
    /// <param name="options">Settings; <see cref="ProverOptions.Default"/> when null.</param>
    /// <returns>The verdict, a counterexample when refuted, the numeric evidence and the method.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ProofResult Prove(Expr left, Expr right, Assumptions assumptions, ProverOptions? options = null) =>
        Prove(left, right, assumptions, options, []);

    /// <summary>Proves or refutes <c>left = right</c> where every expression of <paramref name="preconditions"/> is
    /// defined: points where one of them is not certainly real are skipped, and are never counterexamples.</summary>
    /// <param name="left">The left side.</param>
    /// <param name="right">The right side.</param>
    /// <param name="assumptions">What is assumed about the symbols.</param>
    /// <param name="options">Settings; <see cref="ProverOptions.Default"/> when null.</param>
    /// <param name="preconditions">Expressions whose domain bounds the claim's, such as the functions differentiated to
    /// make the sides: d/dx ln(x) is 1/x, and still says nothing at x &lt; 0, where ln(x) has no real value.</param>
    /// <returns>The verdict, a counterexample when refuted, the numeric evidence and the method.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ProofResult Prove(Expr left, Expr right, Assumptions assumptions, ProverOptions? options, IReadOnlyList<Expr> preconditions)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(assumptions);
        ArgumentNullException.ThrowIfNull(preconditions);
        options ??= ProverOptions.Default;

        var symbols = left.Symbols().Union(right.Symbols());
        var conditions = preconditions.Distinct().Where(p => p is not Number).ToList();
        symbols = symbols.Union(conditions.SelectMany(c => c.Symbols()));
        SymbolicAttempt attempt;
        using (Limits.WorkDeadline.Enter("proving"))
        {
            attempt = TryProveSymbolically(left, right, assumptions, options, symbols);
        }

        var (proved, method, rationalDifference) = (attempt.Proved, attempt.Method, attempt.RationalDifference);
        using var sampling = Limits.WorkDeadline.Enter("sampling");
        var search = new CounterexampleSearch(left, right, symbols, assumptions, options, conditions);
        if (proved)
        {
            var check = search.Run(options.EvidencePointsWhenProved, widen: false);
            if (check.Counterexample is { } c)
            {
                return new ProofResult(ProofVerdict.Refuted, c, check.Evidence, c.Undefined is { } u
                    ? DomainMethod(u) + "; the symbolic normal form (" + method + ") holds only where both sides are defined"
                    : "counterexample confirmed by interval arithmetic (it contradicts the symbolic normal form: " + method + ")");
            }

            if (search.FindDomainViolation(options.DomainPoints) is { Undefined: { } violation } domainCounterexample)
            {
                return new ProofResult(ProofVerdict.Refuted, domainCounterexample, check.Evidence,
                    DomainMethod(violation) + "; the symbolic normal form (" + method + ") holds only where both sides are defined");
            }

            return new ProofResult(ProofVerdict.Proved, null, check.Evidence, method);
        }

        var result = search.Run(options.SamplePoints, widen: true);
        if (result.Counterexample is { Undefined: { } undefined })
        {
            return new ProofResult(ProofVerdict.Refuted, result.Counterexample, result.Evidence, DomainMethod(undefined));
        }

        if (result.Counterexample is not null)
        {
            return new ProofResult(ProofVerdict.Refuted, result.Counterexample, result.Evidence,
                "counterexample: the sides' enclosures (interval arithmetic, outward rounding) do not overlap");
        }

        if (search.FindDomainViolation(options.DomainPoints) is { Undefined: { } violation2 } domainOnly)
        {
            return new ProofResult(ProofVerdict.Refuted, domainOnly, result.Evidence, DomainMethod(violation2));
        }

        // A difference too small for double precision: a nonzero rational function of the symbols is nonzero
        // at almost every point, and sides that fold to exact numbers at a point are compared exactly.
        if ((rationalDifference || (ExactComparison.FoldsToNumbers(left) && ExactComparison.FoldsToNumbers(right)))
            && search.FindExactDifference(options.ExactPoints) is { } exact)
        {
            return new ProofResult(ProofVerdict.Refuted, exact, result.Evidence, ExactComparison.Describe(exact));
        }

        // The normal form is valid wherever both sides are defined: a nonzero constant there is the exact difference at
        // every such point, however small (σ(z)σ(−z) + 10⁻³⁰ against d²/dz² softplus z).
        if (attempt.ConstantDifference is { } constant && search.FindDefinedPoint(options.ExactPoints) is { } defined)
        {
            var c = new Counterexample(defined.Values, defined.Left, defined.Right) { ExactDifference = constant };
            return new ProofResult(ProofVerdict.Refuted, c, result.Evidence, ExactComparison.Describe(c)
                + "; the difference's rational normal form is this constant wherever both sides are defined");
        }

        // Agreement in doubles says nothing about a difference below their rounding (ln σ(z) against −e^−z for z in
        // (20, 30)): re-evaluate the agreeing points at high precision.
        var (precise, agreements) = search.CheckPrecisely();
        if (precise is not null)
        {
            return new ProofResult(ProofVerdict.Refuted, precise, result.Evidence, string.Create(CultureInfo.InvariantCulture,
                $"counterexample at {precise.PreciseBits}-bit precision: left − right ≈ {precise.PreciseDifference:G3}, below what double precision separates (the enclosures of interval arithmetic at {precise.PreciseBits} bits do not overlap)"));
        }

        var evidence = result.Evidence with { PreciseAgreements = agreements };
        return new ProofResult(ProofVerdict.Unknown, null, evidence, string.Create(CultureInfo.InvariantCulture,
            $"no symbolic proof ({method}); {result.Evidence.Points} random points agree within the rigorous error bound, {agreements} of them re-checked to 128 bits"))
        {
            UndecidedBelowDoublePrecision = agreements == 0 && attempt.NonzeroNormalForm && result.Evidence.Points > 0,
        };
    }

    /// <summary>What the symbolic attempt found.</summary>
    /// <param name="Proved">The difference is 0 in every case.</param>
    /// <param name="Method">How, in words.</param>
    /// <param name="RationalDifference">The nonzero difference is a rational function of the symbols alone.</param>
    /// <param name="NonzeroNormalForm">The difference's normal form was computed and is not 0 (no size limit was hit).</param>
    /// <param name="ConstantDifference">The difference's normal form is this nonzero constant (one case only), else null.</param>
    private sealed record SymbolicAttempt(bool Proved, string Method, bool RationalDifference, bool NonzeroNormalForm = false, Rational? ConstantDifference = null);

    private static string DomainMethod(DomainViolation violation) =>
        "domain: the " + (violation.Side == EquationSide.Left ? "left" : "right") + " side is undefined (" + violation.Reason
        + ") at a point where the other side is real (interval arithmetic)";

    /// <returns>Whether the difference is 0 in every case; how, in words; and, when it is not, whether the
    /// nonzero difference is a rational function of the symbols alone (then the claim is false).</returns>
    private static SymbolicAttempt TryProveSymbolically(
        Expr left, Expr right, Assumptions assumptions, ProverOptions options, ImmutableSortedSet<Symbol> symbols)
    {
        if (left.Equals(right))
        {
            // Identical sides need no normal form (which may not exist: x^1000000 exceeds its limits); domains are equal too.
            return new(true, "the sides are the same expression", false);
        }

        var cases = Cases(assumptions, symbols, options.MaxCases);
        if (cases is null)
        {
            return new(false, "too many discrete cases to prove one by one", false);
        }

        var simplexSubstitution = SimplexSubstitution(assumptions, symbols);
        try
        {
            left = KinkResolver.Resolve(left, assumptions);
            right = KinkResolver.Resolve(right, assumptions);
        }
        catch (ArithmeticException arithmetic)
        {
            return new(false, "arithmetic failure while resolving kinks: " + arithmetic.Message, false);
        }

        var atoms = 0;
        foreach (var assignment in cases)
        {
            try
            {
                var l = left;
                var r = right;
                if (assignment.Count > 0)
                {
                    l = l.Substitute(assignment);
                    r = r.Substitute(assignment);
                }

                if (simplexSubstitution.Count > 0)
                {
                    l = l.Substitute(simplexSubstitution);
                    r = r.Substitute(simplexSubstitution);
                }

                var (normalizer, difference) = NormalizeDifference(l, r, assumptions, options.MaxTerms);
                var rational = normalizer.IsRationalInSymbols(difference);
                atoms = Math.Max(atoms, normalizer.AtomCount);
                if (!difference.IsZero)
                {
                    return new(false, "the numerator of the difference's rational normal form is not 0"
                        + (rational ? " (a rational function of the symbols)" : string.Empty)
                        + (cases.Count > 1 ? " in some case" : string.Empty), rational, NonzeroNormalForm: true,
                        ConstantDifference: cases.Count == 1 && difference.IsConstant ? difference.ConstantValue : null);
                }
            }
            catch (ProverLimitException limit)
            {
                // One marker for every documented size limit, so callers can tell "gave up" from "not 0".
                return new(false, SizeLimitMarker + limit.Message, false);
            }
            catch (ArithmeticException arithmetic)
            {
                // DivideByZeroException or OverflowException while substituting or normalising.
                return new(false, "arithmetic failure in the normal form: " + arithmetic.Message, false);
            }
        }

        var how = string.Create(CultureInfo.InvariantCulture,
            $"rational normal form over {atoms} atoms: the numerator of the difference is identically 0");
        if (cases.Count > 1)
        {
            how += string.Create(CultureInfo.InvariantCulture, $" in each of {cases.Count} cases");
        }

        if (simplexSubstitution.Count > 0)
        {
            how += " (simplex: last entry = 1 − the others)";
        }

        return new(true, how, false);
    }

    /// <summary>Starts the method text of a symbolic attempt abandoned at one of the prover's size limits.</summary>
    public const string SizeLimitMarker = "size limit: ";

    /// <summary>The rational normal form of left − right, restarting with a larger exp scale Q when an exp argument needs one.</summary>
    /// <param name="left">The left side.</param>
    /// <param name="right">The right side.</param>
    /// <param name="assumptions">What is assumed (the symbols' signs).</param>
    /// <param name="maxTerms">The polynomials' size limit.</param>
    /// <param name="constants">True for sides without symbols (at a sampled point): exp arguments are then dyadic
    /// numbers such as 671345/2^19, which need far larger scales and powers than a symbolic proof should try.</param>
    /// <exception cref="ProverLimitException">The normal form exceeds a size limit.</exception>
    internal static (RationalNormalizer Normalizer, RationalFunction Difference) NormalizeDifference(
        Expr left, Expr right, Assumptions assumptions, int maxTerms, bool constants = false)
    {
        var scale = BigInteger.One;
        var maxScale = constants ? BigInteger.One << 44 : 1_000_000;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var normalizer = new RationalNormalizer(scale, maxTerms, assumptions) { MaxExpCoefficient = constants ? 1 << 30 : 10_000 };
                return (normalizer, normalizer.Add(normalizer.Normalize(left), RationalNormalizer.Negate(normalizer.Normalize(right))));
            }
            catch (ExpScaleException rescale) when (attempt < MaxExpScaleRestarts && rescale.Scale <= maxScale)
            {
                scale = rescale.Scale;
            }
            catch (ExpScaleException)
            {
                throw new ProverLimitException("exponentials with too many different rational scales");
            }
        }
    }

    /// <summary>Every combination of one-hot positions and discrete values of the symbols present; null when too many.</summary>
    private static List<Dictionary<Symbol, Expr>>? Cases(Assumptions assumptions, ImmutableSortedSet<Symbol> symbols, int maxCases)
    {
        var cases = new List<Dictionary<Symbol, Expr>> { new() };
        var inOneHot = new HashSet<Symbol>();
        foreach (var group in assumptions.OneHots)
        {
            if (!group.Any(symbols.Contains))
            {
                continue;
            }

            inOneHot.UnionWith(group);
            if ((long)cases.Count * group.Length > maxCases)
            {
                return null;
            }

            cases = [.. cases.SelectMany(c => Enumerable.Range(0, group.Length).Select(hot =>
            {
                var next = new Dictionary<Symbol, Expr>(c);
                for (var k = 0; k < group.Length; k++)
                {
                    next[group[k]] = k == hot ? Expr.One : Expr.Zero;
                }

                return next;
            }))];
        }

        foreach (var (symbol, values) in assumptions.Discrete.OrderBy(d => d.Key))
        {
            if (!symbols.Contains(symbol) || inOneHot.Contains(symbol))
            {
                continue;
            }

            if ((long)cases.Count * values.Length > maxCases)
            {
                return null;
            }

            cases = [.. cases.SelectMany(c => values.Select(v => new Dictionary<Symbol, Expr>(c) { [symbol] = Expr.Num(v) }))];
        }

        return cases;
    }

    private static Dictionary<Symbol, Expr> SimplexSubstitution(Assumptions assumptions, ImmutableSortedSet<Symbol> symbols)
    {
        var substitution = new Dictionary<Symbol, Expr>();
        foreach (var group in assumptions.Simplexes)
        {
            if (!group.Any(symbols.Contains) || assumptions.OneHots.Any(h => h.Intersect(group).Any()))
            {
                continue;
            }

            var last = group[^1];
            substitution[last] = Expr.One - Expr.Add(group.Take(group.Length - 1));
        }

        return substitution;
    }

    /// <summary>Random points in the assumed domains (<see cref="DomainSampler"/>), evaluated rigorously on both sides.</summary>
    private sealed class CounterexampleSearch
    {
        /// <summary>Every fourth point of a widened search is drawn from ranges this many times wider.</summary>
        private const double WideScale = 4;

        private readonly Expr _left;
        private readonly Expr _right;
        private readonly ProverOptions _options;
        private readonly Assumptions _assumptions;
        /// <summary>Conclusive points kept for the high-precision re-check.</summary>
        private const int PrecisePoints = 8;

        private readonly IReadOnlyList<Expr> _kinks;
        private readonly IReadOnlyList<Expr> _conditions;
        private readonly DomainSampler _sampler;
        private readonly List<DomainPoint> _agreeing = [];
        private readonly List<DomainPoint> _inconclusive = [];

        public CounterexampleSearch(Expr left, Expr right, ImmutableSortedSet<Symbol> symbols, Assumptions assumptions, ProverOptions options,
            IReadOnlyList<Expr> conditions)
        {
            _left = left;
            _right = right;
            _options = options;
            _assumptions = assumptions;
            _conditions = conditions;
            _kinks = [.. Kinks.Find(left).Concat(Kinks.Find(right)).Concat(conditions.SelectMany(Kinks.Find)).Distinct()];
            _sampler = new DomainSampler(assumptions, symbols, options.Seed);
        }

        /// <summary>Whether every precondition (a function differentiated to make a side) is certainly real at the point.</summary>
        private bool Admissible(DomainPoint point, Dictionary<Expr, Interval> cache) =>
            _conditions.All(c => DomainEvaluator.Evaluate(c, point.Enclosures, cache).CertainlyDefined);

        /// <summary>A point where both sides and every precondition are certainly real, or null.</summary>
        public Counterexample? FindDefinedPoint(int points)
        {
            for (var attempt = 1; attempt <= points; attempt++)
            {
                var point = _sampler.Next();
                var cache = new Dictionary<Expr, Interval>();
                if (AwayFromKinks(point, cache) && Admissible(point, cache))
                {
                    var l = DomainEvaluator.Evaluate(_left, point.Enclosures, cache);
                    var r = DomainEvaluator.Evaluate(_right, point.Enclosures, cache);
                    if (l.CertainlyDefined && r.CertainlyDefined)
                    {
                        return new Counterexample(point.Values, l.Value.Midpoint, r.Value.Midpoint);
                    }
                }
            }

            return null;
        }

        /// <summary>Re-evaluates the kept agreeing points at <see cref="PreciseEvaluator.DefaultBits"/> bits: the first
        /// where both sides are defined with disjoint enclosures is a counterexample; also how many agree to 128 bits.</summary>
        public (Counterexample? Counterexample, int Agreements) CheckPrecisely()
        {
            var agreements = 0;
            foreach (var point in _agreeing.Concat(_inconclusive))
            {
                if (Exact(point) is not { } exact)
                {
                    continue;
                }

                var l = PreciseEvaluator.Evaluate(_left, exact);
                var r = PreciseEvaluator.Evaluate(_right, exact);
                if (PreciseEnclosure.Disjoint(l, r))
                {
                    return (new Counterexample(point.Values, l.Midpoint, r.Midpoint)
                    {
                        PreciseBits = PreciseEvaluator.DefaultBits,
                        PreciseDifference = (((l.Lo + l.Hi) / 2) - ((r.Lo + r.Hi) / 2)).ToDouble(),
                    }, agreements);
                }

                if (PreciseEnclosure.AgreeTo(l, r, 128) && _agreeing.Contains(point))
                {
                    agreements++;
                }
            }

            return (null, agreements);
        }

        /// <summary>The point's exact values (discrete values recovered exactly), or null when one is ambiguous.</summary>
        private Dictionary<Symbol, Rational>? Exact(DomainPoint point)
        {
            var exact = new Dictionary<Symbol, Rational>();
            foreach (var (symbol, x) in point.Values)
            {
                if (_assumptions.Discrete.TryGetValue(symbol, out var choices))
                {
                    var matches = choices.Where(v => v.ToDouble() == x).Take(2).ToList();
                    if (matches.Count != 1)
                    {
                        return null;
                    }

                    exact[symbol] = matches[0];
                }
                else
                {
                    exact[symbol] = ExactRational.Of(x);
                }
            }

            return exact;
        }

        /// <param name="points">How many conclusive points to evaluate.</param>
        /// <param name="widen">Draw every fourth point from a four times wider range, so a claim that fails only
        /// beyond the usual range (relu(x − 3) = 0) is still refuted.</param>
        public (Counterexample? Counterexample, NumericEvidence Evidence) Run(int points, bool widen)
        {
            int evaluated = 0, attempts = 0, skipped = 0, inconclusive = 0, unbounded = 0;
            double maxDifference = 0, maxBound = 0;
            NumericEvidence Evidence(int count, double difference) =>
                new(count, difference, maxBound) { Skipped = skipped, Inconclusive = inconclusive, Unbounded = unbounded };

            while (evaluated < points && attempts < 20 * points)
            {
                attempts++;
                var point = _sampler.Next(widen && attempts % 4 == 0 ? WideScale : 1);
                var cache = new Dictionary<Expr, Interval>();
                if (!AwayFromKinks(point, cache))
                {
                    continue;
                }

                if (!Admissible(point, cache))
                {
                    skipped++;
                    continue; // outside the domain of a function differentiated: the claim says nothing here
                }

                var l = IntervalEvaluator.Evaluate(_left, point.Enclosures, cache);
                var r = IntervalEvaluator.Evaluate(_right, point.Enclosures, cache);
                var bounded = double.IsFinite(l.Lo) && double.IsFinite(l.Hi) && double.IsFinite(r.Lo) && double.IsFinite(r.Hi);
                if (!bounded && DomainCounterexample(point, cache) is { } undefined)
                {
                    // Undefined, or an unbounded enclosure (a division by exactly 0 only widens one).
                    return (undefined, Evidence(evaluated, maxDifference));
                }

                if (!l.IsDefined || !r.IsDefined)
                {
                    skipped++;
                    continue; // outside both sides' domains, or undecided
                }

                // Disjoint enclosures refute only where both sides certainly have a value: an enclosure clipped to a
                // domain (√ of [−ε, δ] is [0, √δ]) can be disjoint from the other side where neither is real.
                if (Interval.Disjoint(l, r))
                {
                    if (!BothCertainlyDefined(point, cache))
                    {
                        skipped++;
                        continue;
                    }

                    return (new Counterexample(point.Values, l.Midpoint, r.Midpoint),
                        Evidence(evaluated + 1, Math.Max(maxDifference, Math.Abs(l.Midpoint - r.Midpoint))));
                }

                var bound = NumericAgreement.ErrorBound(l, r);
                if (!double.IsFinite(bound))
                {
                    skipped++;
                    unbounded++;
                    continue; // an unbounded enclosure says nothing
                }

                if (!NumericAgreement.IsConclusive(l, r))
                {
                    // Overlapping but too wide to tell the sides apart: neither agreement nor a counterexample
                    // (high precision may still separate them, see CheckPrecisely).
                    skipped++;
                    inconclusive++;
                    if (_inconclusive.Count < PrecisePoints && BothCertainlyDefined(point, cache))
                    {
                        _inconclusive.Add(point);
                    }

                    continue;
                }

                evaluated++;
                if (_agreeing.Count < PrecisePoints)
                {
                    _agreeing.Add(point);
                }

                maxDifference = Math.Max(maxDifference, Math.Abs(l.Midpoint - r.Midpoint));
                maxBound = Math.Max(maxBound, bound);
            }

            return (null, Evidence(evaluated, maxDifference));
        }

        /// <summary>
        /// Samples up to <paramref name="points"/> points of the assumed domain (every fourth from the
        /// wider range, away from kinks) and returns the first where one side is certainly real and the
        /// other certainly not, or null.
        /// </summary>
        public Counterexample? FindDomainViolation(int points)
        {
            for (var attempt = 1; attempt <= points; attempt++)
            {
                var point = _sampler.Next(attempt % 4 == 0 ? WideScale : 1);
                var cache = new Dictionary<Expr, Interval>();
                if (AwayFromKinks(point, cache) && Admissible(point, cache) && DomainCounterexample(point, cache) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        /// <summary>
        /// Samples up to <paramref name="points"/> points of the assumed domain (away from kinks) and returns the first
        /// where both sides are certainly defined and differ in exact rational arithmetic (see <see cref="ExactComparison"/>), or null.
        /// </summary>
        public Counterexample? FindExactDifference(int points)
        {
            for (var attempt = 1; attempt <= points; attempt++)
            {
                var point = _sampler.Next();
                var cache = new Dictionary<Expr, Interval>();
                if (AwayFromKinks(point, cache) && Admissible(point, cache) && ExactComparison.Compare(_left, _right, point, _assumptions, cache, _options.MaxTerms) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        private bool BothCertainlyDefined(DomainPoint point, Dictionary<Expr, Interval> cache) =>
            DomainEvaluator.Evaluate(_left, point.Enclosures, cache).Status == Definedness.Defined
            && DomainEvaluator.Evaluate(_right, point.Enclosures, cache).Status == Definedness.Defined;

        /// <summary>A counterexample when exactly one side is certainly undefined at the point and the other
        /// certainly defined (finite enclosure); null otherwise, in particular when both are undefined.</summary>
        private Counterexample? DomainCounterexample(DomainPoint point, Dictionary<Expr, Interval> cache)
        {
            var l = DomainEvaluator.Evaluate(_left, point.Enclosures, cache);
            var r = DomainEvaluator.Evaluate(_right, point.Enclosures, cache);
            if (l.Status == Definedness.Undefined && r.CertainlyDefined)
            {
                return new Counterexample(point.Values, double.NaN, r.Value.Midpoint) { Undefined = new DomainViolation(EquationSide.Left, l.Reason!) };
            }

            if (r.Status == Definedness.Undefined && l.CertainlyDefined)
            {
                return new Counterexample(point.Values, l.Value.Midpoint, double.NaN) { Undefined = new DomainViolation(EquationSide.Right, r.Reason!) };
            }

            return null;
        }

        private bool AwayFromKinks(DomainPoint point, Dictionary<Expr, Interval> cache)
        {
            foreach (var kink in _kinks)
            {
                var v = IntervalEvaluator.Evaluate(kink, point.Enclosures, cache);
                if (!v.IsDefined || (v.Lo <= _options.KinkMargin && v.Hi >= -_options.KinkMargin))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
