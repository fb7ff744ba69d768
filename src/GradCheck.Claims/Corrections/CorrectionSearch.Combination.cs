using System.Collections.Immutable;
using GradCheck.Symbolic.Corrections;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;
using MathNet.Numerics.LinearAlgebra;

namespace GradCheck.Claims.Corrections;

internal sealed partial class CorrectionSearch
{
    private const int MaxAtoms = 8;

    /// <summary>
    /// The left side as a short polynomial in the writer's own atoms, when it is one: the names and calls
    /// written in the step (<c>s_j</c>, <c>y_j</c>, <c>x_e</c>, <c>sigmoid(h)</c>) and the claim's <c>let</c> uses,
    /// with products of two of them. The coefficients are fitted by least squares at each probe instance and
    /// must be exact small rationals, or a rational times a size (<c>1 - K*s_j</c>); the result is still only a
    /// candidate that the prover must prove at every instance. This is how a side that the simplifier cannot
    /// bring to the writer's terms (a derivative through a softmax) still gets a short correction.
    /// </summary>
    private SyntaxNode? Combination()
    {
        const double MaxEntry = 1e100;
        var atoms = Atoms();
        var basis = new List<ImmutableArray<int>> { ImmutableArray<int>.Empty };
        for (var i = 0; i < atoms.Count; i++)
        {
            basis.Add([i]);
        }

        for (var i = 0; i < atoms.Count; i++)
        {
            for (var j = i; j < atoms.Count; j++)
            {
                basis.Add([i, j]);
            }
        }

        var coefficients = new List<List<(Probe, double)>>();
        for (var b = 0; b < basis.Count; b++)
        {
            coefficients.Add([]);
        }

        List<int>? keptColumns = null;
        foreach (var probe in _probes)
        {
            _cancellation.ThrowIfCancellationRequested();
            var bound = atoms.Select(a => Bind(a, probe.Instance)).ToList();
            if (bound.Any(a => a is null))
            {
                return null;
            }

            var symbols = probe.Left.Symbols().Union(bound.SelectMany(a => a!.Symbols()));
            var sampler = new DomainSampler(probe.Instance.Assumptions, symbols, 977 + coefficients[0].Count);
            var rows = new List<double[]>();
            var targets = new List<double>();
            for (var draw = 0; draw < 8 * basis.Count && rows.Count < (2 * basis.Count) + 4; draw++)
            {
                var values = sampler.Next().Values.ToDictionary(p => p.Key, p => p.Value);
                var left = Evaluate(probe.Left, values);
                var atomValues = bound.Select(a => Evaluate(a!, values)).ToArray();
                if (!double.IsFinite(left) || atomValues.Any(v => !double.IsFinite(v)))
                {
                    continue;
                }

                double[] row = [.. basis.Select(m => m.Aggregate(1.0, (p, i) => p * atomValues[i]))];
                if (row.Any(v => !(Math.Abs(v) <= MaxEntry)) || !(Math.Abs(left) <= MaxEntry))
                {
                    // A product of two large atoms overflows, or nearly: MathNet's SVD squares entries and never
                    // returns on an infinite one, so such points are not used for the fit.
                    continue;
                }

                rows.Add(row);
                targets.Add(left);
            }

            if (rows.Count < (2 * basis.Count) + 4)
            {
                return null;
            }

            var a = Matrix<double>.Build.DenseOfRowArrays(rows);
            if (a.Rank() < basis.Count)
            {
                // Related atoms (y_j² = y_j for a one-hot y, a repeated name): keep the monomials that add a
                // direction, in order, and fit over those; the prover still has the last word.
                var kept = new List<int>();
                for (var column = 0; column < basis.Count; column++)
                {
                    var trial = kept.Append(column).ToList();
                    if (Matrix<double>.Build.DenseOfColumnVectors(trial.Select(a.Column)).Rank() == trial.Count)
                    {
                        kept.Add(column);
                    }
                }

                if (coefficients[0].Count > 0 && !kept.SequenceEqual(keptColumns!))
                {
                    return null; // the probes disagree on which monomials are independent
                }

                keptColumns = kept;
                a = Matrix<double>.Build.DenseOfColumnVectors(kept.Select(a.Column));
            }
            else if (keptColumns is not null && keptColumns.Count != basis.Count)
            {
                return null;
            }
            else
            {
                keptColumns = [.. Enumerable.Range(0, basis.Count)];
            }

            var y = Vector<double>.Build.DenseOfEnumerable(targets);
            var x = a.QR().Solve(y);
            var residual = (a * x) - y;
            if (residual.InfinityNorm() > 1e-7 * Math.Max(1, y.InfinityNorm()))
            {
                return null;
            }

            for (var b = 0; b < basis.Count; b++)
            {
                var at = keptColumns.IndexOf(b);
                coefficients[b].Add((probe, at < 0 ? 0 : x[at]));
            }
        }

        SyntaxNode? sum = null;
        for (var b = 0; b < basis.Count; b++)
        {
            if (coefficients[b].All(c => Math.Abs(c.Item2) < 1e-7))
            {
                continue;
            }

            if (Fit(coefficients[b]) is not { } factor)
            {
                return null;
            }

            var at = _right;
            var monomial = basis[b].Select(i => atoms[i]).Aggregate((SyntaxNode?)null,
                (p, f) => p is null ? f : new BinarySyntax(at.Line, at.Column, '*', p, f));
            var negative = factor.Value.Sign < 0;
            var magnitude = factor with { Value = factor.Value.Abs() };
            SyntaxNode term = monomial is null
                ? FactorNode(at, magnitude)
                : magnitude is { Size: null, Value.IsOne: true } ? monomial : new BinarySyntax(at.Line, at.Column, '*', FactorNode(at, magnitude), monomial);
            sum = sum is null
                ? (negative ? new UnarySyntax(at.Line, at.Column, '-', term) : term)
                : new BinarySyntax(at.Line, at.Column, negative ? '-' : '+', sum, term);
        }

        return sum ?? Zero(_right);
    }

    /// <summary>The writer's atoms: names and calls of the step's two sides outside sums (not sizes or
    /// indices), then the claim's let uses at its free indices; distinct, at most <see cref="MaxAtoms"/>.</summary>
    private List<SyntaxNode> Atoms()
    {
        var sizes = _probes[0].Instance.Scope.Sizes.Keys.ToHashSet(StringComparer.Ordinal);
        var atoms = new List<SyntaxNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // The step's own sides first, then the rest of the chain (a later line often names what the step needs).
        var chain = _claim.Chain.Select((c, i) => (Text: c, Order: i == _step ? 0 : i == _step - 1 ? 1 : 2 + i)).OrderBy(c => c.Order)
            .Select(c => ExpressionParser.Parse(c.Text.Text, c.Text.Line, c.Text.Column));
        foreach (var root in chain)
        {
            foreach (var (path, node) in SyntaxTree.Nodes(root))
            {
                var outside = SyntaxTree.BoundAbove(root, path).Count == 0
                    && !path.Select((_, i) => SyntaxTree.At(root, path[..i])).Any(n => n is DerivativeSyntax);
                var atom = outside && node switch
                {
                    CallSyntax => true,
                    NameSyntax { Subscripts.Length: > 0 } => true,
                    NameSyntax plain => !sizes.Contains(plain.Name) && !_free.Contains(plain.Name),
                    _ => false,
                };
                if (atom)
                {
                    if (seen.Add(SyntaxTree.Key(node)))
                    {
                        atoms.Add(node);
                    }
                }
            }
        }

        foreach (var let in _claim.Lets.Where(l => l.IndexParameters.Count == 1))
        {
            foreach (var index in _free)
            {
                var use = new NameSyntax(let.Line, let.Column, let.Name, [new SubscriptSyntax(let.Line, let.Column, index, 0)]);
                if (seen.Add(SyntaxTree.Key(use)))
                {
                    atoms.Add(use);
                }
            }
        }

        // Entries of the vectors the claim uses anywhere (y_k inside a derivative's sum), at each free index: the
        // left side of d/dz_j of a loss is usually written with them (s_j - y_j).
        var everywhere = _claim.WrittenTexts
            .SelectMany(t => SyntaxTree.Nodes(ExpressionParser.Parse(t)).Select(n => n.Node))
            .OfType<NameSyntax>().Where(n => n.Subscripts.Length == 1 && n.Subscripts[0].Variable is not null && !_claim.Lets.Any(l => l.Name == n.Name));
        foreach (var name in everywhere)
        {
            foreach (var index in _free)
            {
                var entry = name with { Subscripts = [name.Subscripts[0] with { Variable = index }] };
                if (seen.Add(SyntaxTree.Key(entry)))
                {
                    atoms.Add(entry);
                }
            }
        }

        return [.. atoms.Take(MaxAtoms)];
    }
}
