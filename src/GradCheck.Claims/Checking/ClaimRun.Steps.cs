using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Limits;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;
using MathNet.Numerics.LinearAlgebra;

namespace GradCheck.Claims.Checking;

internal sealed partial class ClaimRun
{
    private void CheckInstance(Dictionary<string, int> sizes, Dictionary<string, (int From, int To)> ranges, Dictionary<string, int> values,
        List<StepAccumulator> accumulators)
    {
        CheckDeadline();
        var scope = Scope(sizes, ranges, values);
        List<Expr> expressions;
        var preconditions = new List<HashSet<Expr>>();
        using (WorkDeadline.Enter("binding"))
        {
            expressions = [];
            foreach (var node in _chain)
            {
                var collected = new HashSet<Expr>();
                expressions.Add(Binder.Bind(node, scope, collected));
                preconditions.Add(collected);
            }
        }

        var instance = InstanceLabel(sizes, values);
        var symbols = new HashSet<Symbol>();
        foreach (var e in expressions.Concat(preconditions.SelectMany(p => p)))
        {
            symbols.UnionWith(e.Symbols());
        }

        // A derivative's body may use entries its result no longer has (d/dyt_c of a sum over yt_i keeps
        // only yt_c): the finite-difference check evaluates them too, so they need their assumptions.
        var crossChecked = new List<(int Index, DerivativeSyntax Syntax, Expr Body)>();
        if (_instancesSeen++ < DerivativeCrossCheck.Instances)
        {
            for (var i = 0; i < _chain.Count; i++)
            {
                if (_chain[i] is DerivativeSyntax derivative)
                {
                    using var binding = WorkDeadline.Enter("binding");
                    var body = Binder.Bind(derivative.Body, scope);
                    symbols.UnionWith(body.Symbols());
                    crossChecked.Add((i, derivative, body));
                }
            }
        }

        var assumptions = BuildAssumptions(symbols, ranges);
        if (_options.Corrections)
        {
            _contexts.Add(new Corrections.InstanceContext(instance, scope, assumptions, expressions));
        }

        foreach (var (i, derivative, body) in crossChecked)
        {
            var seed = ClaimChecker.StableHash($"{_claim.Name}/fd/{i}/{InstanceKey(instance)}", _options.Seed);
            using var phase = WorkDeadline.Enter("the finite-difference check");
            FiniteDifferenceChecks += DerivativeCrossCheck.Run(derivative, body, expressions[i], scope, assumptions, seed, _claim.Chain[i]);
        }

        for (var step = 1; step < expressions.Count; step++)
        {
            if (_mismatched.Contains(step))
            {
                continue;
            }

            CheckDeadline();
            var accumulator = accumulators[step - 1];
            var left = expressions[step - 1];
            var right = expressions[step];
            // A step holds where both sides, and every function differentiated to make them, are defined.
            var proof = Prover.Prove(left, right, assumptions, _options.Prover, [.. preconditions[step - 1].Union(preconditions[step])]);
            switch (proof.Verdict)
            {
                case ProofVerdict.Proved when proof.Evidence is { Points: 0, Skipped: > 0, Inconclusive: 0 } vacuous && vacuous.Skipped > vacuous.Unbounded:
                    {
                        // Equal as expressions but real nowhere it looked (sqrt(-4) = 2*sqrt(-1)): a claim about nothing.
                        var at = _claim.Chain[step];
                        throw new ClaimsSyntaxException(at.Line, at.Column, TooFewPoints($"step {step}", isPsd: false, 0, vacuous.Skipped, 0, 1));
                    }

                case ProofVerdict.Proved:
                    accumulator.Add(Verdict.Proved, instance, null, "proved symbolically", proof.Evidence);
                    break;
                case ProofVerdict.Refuted when proof.Counterexample is { Undefined: { } undefined } c:
                    {
                        var side = undefined.Side == EquationSide.Left ? "left" : "right";
                        accumulator.Add(Verdict.Refuted, instance,
                            new CounterexampleReport(c.Values.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value), c.Left, c.Right, double.NaN)
                            {
                                UndefinedSide = side,
                                Reason = undefined.Reason,
                            },
                            $"refuted: the {side} side is undefined at a point where the other is real (interval-checked)", proof.Evidence);
                        break;
                    }

                case ProofVerdict.Refuted when proof.Counterexample is { ExactDifference: { } exact } c:
                    {
                        // Below double precision: the doubles may be equal, the exact difference is the evidence.
                        accumulator.Add(Verdict.Refuted, instance,
                            new CounterexampleReport(c.Values.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value), c.Left, c.Right, 0)
                            {
                                ExactDifference = exact,
                                ExactLeft = c.ExactLeft,
                                ExactRight = c.ExactRight,
                            },
                            "refuted in exact rational arithmetic (the sides differ by less than double precision shows)",
                            proof.Evidence with { MaxAbsDifference = Math.Abs(exact.ToDouble()), MaxErrorBound = 0 });
                        break;
                    }

                case ProofVerdict.Refuted when proof.Counterexample is { PreciseBits: > 0 } c:
                    {
                        accumulator.Add(Verdict.Refuted, instance,
                            new CounterexampleReport(c.Values.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value), c.Left, c.Right, 0)
                            {
                                PreciseDifference = c.PreciseDifference,
                                PreciseBits = c.PreciseBits,
                            },
                            $"refuted at {c.PreciseBits}-bit precision (the sides differ by less than double precision separates)",
                            proof.Evidence with { MaxAbsDifference = Math.Abs(c.PreciseDifference), MaxErrorBound = 0 });
                        break;
                    }

                case ProofVerdict.Refuted when proof.Counterexample is { } c:
                    {
                        var bound = EnclosureBound(left, right, c.Values);
                        accumulator.Add(Verdict.Refuted, instance,
                            new CounterexampleReport(c.Values.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value), c.Left, c.Right, bound),
                            "refuted (interval-checked counterexample)",
                            proof.Evidence with { MaxAbsDifference = Math.Abs(c.Left - c.Right), MaxErrorBound = bound });
                        break;
                    }

                case ProofVerdict.Unknown when proof.UndecidedBelowDoublePrecision && proof.Evidence.Points >= Math.Max(1, _options.Prover.SamplePoints / 2):
                    {
                        // Agreement in doubles is no evidence when the sides may differ below their rounding.
                        var at = _claim.Chain[step];
                        throw new ClaimsSyntaxException(at.Line, at.Column, string.Create(CultureInfo.InvariantCulture,
                            $"step {step}: undecided below double precision: the sides agree at {proof.Evidence.Points} points in double precision, but their difference's normal form is not 0 and no point could be settled at {PreciseEvaluator.DefaultBits}-bit precision, so they may differ by less than doubles show"));
                    }

                default:
                    {
                        // Undecided: the prover's own sample points (disjoint enclosures would have refuted) are the evidence.
                        var evidence = proof.Evidence;
                        var needed = Math.Max(1, _options.Prover.SamplePoints / 2);
                        if (evidence.Points < needed)
                        {
                            var at = _claim.Chain[step];
                            throw new ClaimsSyntaxException(at.Line, at.Column, TooFewPoints($"step {step}", isPsd: false, evidence.Points, evidence.Skipped, evidence.Inconclusive, needed, evidence.Unbounded));
                        }

                        accumulator.Add(Verdict.HoldsNumerically, instance, null, NumericMethod, evidence);
                        break;
                    }
            }
        }
    }

    /// <summary>The sum of the radii of both sides' enclosures at a point: the rounding bound the
    /// difference there is compared with.</summary>
    private static double EnclosureBound(Expr left, Expr right, IReadOnlyDictionary<Symbol, double> values)
    {
        var at = values.ToDictionary(p => p.Key, p => Interval.Point(p.Value));
        var l = IntervalEvaluator.Evaluate(left, at);
        var r = IntervalEvaluator.Evaluate(right, at);
        return Finite(l) && Finite(r) ? MidRadius(l).Radius + MidRadius(r).Radius : double.NaN;
    }

    private static bool Finite(Interval x) => x.IsDefined && double.IsFinite(x.Lo) && double.IsFinite(x.Hi);

    /// <summary>The midpoint and radius of a finite enclosure.</summary>
    private static (double Mid, double Radius) MidRadius(Interval x)
    {
        var mid = x.Lo + ((x.Hi - x.Lo) / 2);
        return (mid, Math.Max(x.Hi - mid, mid - x.Lo));
    }

    /// <summary>Why a numeric check could not decide: too few points where the values were defined and,
    /// when many were skipped as inconclusive, that their enclosures were too wide to compare.</summary>
    private static string TooFewPoints(string what, bool isPsd, int points, int skipped, int inconclusive, int needed, int unbounded = 0)
    {
        var total = points + skipped;
        if (unbounded > 0 && unbounded >= skipped - unbounded - inconclusive && unbounded >= inconclusive)
        {
            // Real but beyond double range (x^1000000 at |x| > 1): not "undefined".
            return $"{what}: undecided: at {unbounded} of {total} sampled points the {(isPsd ? "matrix entries" : "sides")} overflow double precision "
                + $"(beyond ±1.8e308, or ±∞ in their enclosures) and cannot be compared numerically; {points} conclusive points, {needed} needed. "
                + "Rescale the step or narrow the domain with `assume`";
        }

        if (total == 0)
        {
            return $"{what}: no sampled point could be evaluated (each was within the kink margin of a relu, abs, sign or step argument, or none was asked for)";
        }

        var values = isPsd ? "matrix entries" : "sides";

        if (inconclusive > 0 && inconclusive >= skipped - inconclusive)
        {
            return $"{what}: undecided, neither proved nor shown to hold numerically: at {inconclusive} of {total} sampled points the {values}' "
                + $"enclosures were wider than {NumericAgreement.RelativeWidth.ToString("0e0", CultureInfo.InvariantCulture)} of their values (the evaluation loses its digits, e.g. to catastrophic "
                + $"cancellation such as (1e20 + x) - 1e20), so agreement there says nothing; {points} conclusive points, {needed} needed. "
                + "Write the step in a form that evaluates without the cancellation";
        }

        return $"{what}: the {values} are not {(isPsd ? "all" : "both")} defined at the sampled points ({skipped - inconclusive} of {total} undefined); an `assume` may be missing";
    }
}
