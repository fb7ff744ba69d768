using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;
using MathNet.Numerics.LinearAlgebra;

namespace GradCheck.Claims.Checking;

internal sealed partial class ClaimRun
{
    private void CheckPsd(Dictionary<string, int> sizes, Dictionary<string, (int From, int To)> ranges, Dictionary<string, int> values, StepAccumulator accumulator)
    {
        CheckDeadline();
        var psd = _claim.Psd!;
        var (rowFrom, rowTo) = ranges[psd.Row!];
        var (colFrom, colTo) = ranges[psd.Column!];
        var n = rowTo - rowFrom + 1;
        if (colTo - colFrom + 1 != n)
        {
            throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition,
                $"`psd over {psd.Row}, {psd.Column}` needs a square matrix; the ranges give {n} × {colTo - colFrom + 1}");
        }

        var entries = new Expr[n, n];
        var symbols = new HashSet<Symbol>();
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                var scope = Scope(sizes, ranges, new Dictionary<string, int>(values, StringComparer.Ordinal)
                {
                    [psd.Row!] = rowFrom + r,
                    [psd.Column!] = colFrom + c,
                });
                entries[r, c] = Binder.Bind(_chain[^1], scope);
                symbols.UnionWith(entries[r, c].Symbols());
            }
        }

        var instance = InstanceLabel(sizes, values);
        var sampler = new DomainSampler(BuildAssumptions(symbols, ranges), symbols,
            ClaimChecker.StableHash($"{_claim.Name}/psd/{InstanceKey(instance)}", _options.Seed));
        int points = 0, skipped = 0, inconclusive = 0;
        double worst = 0, maxBound = 0;
        for (var attempt = 0; attempt < _options.WitnessPoints * 20 && points < _options.WitnessPoints; attempt++)
        {
            var sample = sampler.Next();
            var matrix = Matrix<double>.Build.Dense(n, n);
            var errorSquares = 0.0;
            var finite = true;
            for (var r = 0; r < n && finite; r++)
            {
                for (var c = 0; c < n; c++)
                {
                    var enclosure = IntervalEvaluator.Evaluate(entries[r, c], sample.Enclosures);
                    if (!Finite(enclosure))
                    {
                        finite = false;
                        break;
                    }

                    var (mid, radius) = MidRadius(enclosure);
                    matrix[r, c] = mid;
                    errorSquares += radius * radius;
                }
            }

            if (!finite)
            {
                skipped++;
                continue;
            }

            var symmetric = (matrix + matrix.Transpose()) / 2;
            var smallest = symmetric.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Min();
            // Weyl: entry errors move eigenvalues by at most their Frobenius norm; the symmetric
            // eigensolver adds a backward error of a few n·u·‖A‖.
            var norm = symmetric.FrobeniusNorm();
            var bound = Math.Sqrt(errorSquares) + 8 * n * 1.1102230246251565e-16 * norm;
            if (smallest < -bound)
            {
                var report = new CounterexampleReport(sample.Values.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value), smallest, 0, bound);
                accumulator.Add(Verdict.Refuted, instance, report, "eigenvalues (MathNet.Numerics)", points + 1, skipped,
                    Math.Max(worst, -smallest), Math.Max(maxBound, bound), inconclusive);
                return;
            }

            if (!NumericAgreement.IsConclusive(bound, norm))
            {
                // "smallest ≥ −bound" says nothing when the bound is not small beside the matrix itself.
                skipped++;
                inconclusive++;
                continue;
            }

            points++;
            worst = Math.Max(worst, -smallest);
            maxBound = Math.Max(maxBound, bound);
        }

        var needed = Math.Max(1, _options.WitnessPoints / 2);
        if (points < needed && IsZeroMatrix(entries, BuildAssumptions(symbols, ranges)))
        {
            // Every entry cancels to 0 (diag(s) - s*s' at K = 1): no point is conclusive, yet the zero matrix is psd.
            accumulator.Add(Verdict.Proved, instance, null, "every entry is 0 (proved symbolically), and the zero matrix is positive semidefinite",
                0, 0, 0, 0);
            return;
        }

        if (points < needed)
        {
            throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition, TooFewPoints("the psd check", isPsd: true, points, skipped, inconclusive, needed));
        }

        accumulator.Add(Verdict.HoldsNumerically, instance, null, "smallest eigenvalue >= -bound at every point (MathNet.Numerics)",
            points, skipped, Math.Max(0, worst), maxBound, inconclusive);
    }

    private bool IsZeroMatrix(Expr[,] entries, Assumptions assumptions)
    {
        foreach (var entry in entries)
        {
            if (Prover.Prove(entry, Expr.Zero, assumptions, _options.Prover).Verdict != ProofVerdict.Proved)
            {
                return false;
            }
        }

        return true;
    }

}
