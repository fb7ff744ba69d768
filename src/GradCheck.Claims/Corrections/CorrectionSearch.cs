using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Matrix;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Corrections;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Printing;
using GradCheck.Symbolic.Proving;
using GradCheck.Symbolic.Simplification;

namespace GradCheck.Claims.Corrections;

/// <summary>
/// Finds the correction of one refuted step: the expression closest to the written right side (fewest
/// changed nodes, <see cref="SyntaxDiff"/>) that the prover proves equal to the left side at every instance.
/// </summary>
/// <remarks>
/// <para>Candidates, in the writer's own syntax tree: every single change of <see cref="SyntaxEdits"/>
/// (a sign, a dropped term or factor, an index swapped, a transposed entry, a number); a constant factor
/// solved for at every position the side is linear in (the ratio (L − R₀)/(R − R₀), with R₀ the side with that
/// node set to 0, is the same at every point and is a rational, or a rational times a size); a missing term
/// (L − R over the node's coefficient) written back in the claim's terms (<see cref="WriterTerms"/>). Only
/// when none holds: the side rewritten, from the claim's other chain expressions and from the left side
/// simplified and written in the claim's terms.</para>
/// <para>Candidates are first compared with the left side numerically at a few points of up to three
/// instances (the first refuted one among them), cheaply discarding almost all; the survivors are then
/// proved with <see cref="Prover"/> at every instance, cheapest first, and the first proved is the
/// correction. Nothing is reported that is not proved.</para>
/// </remarks>
internal sealed partial class CorrectionSearch
{
    private const int PointsPerProbe = 4;
    private const double Tolerance = 1e-8;
    private const int LastResort = 1_000_000;

    // Stands for a node while its coefficient is read (see Coefficient); like WriterTerms' placeholder, no name a writer would use.
    private const string CoefficientMarker = "gccoefficientmarker";

    private readonly ClaimSyntax _claim;

    /// <summary>The symbols of the claim's `function` forms, which no correction may show (computed once per search).</summary>
    private readonly IReadOnlySet<string> _hiddenNames;
    private readonly int _step;
    private readonly List<InstanceContext> _instances;
    private readonly ProverOptions _prover;
    private readonly CancellationToken _cancellation;
    private readonly SyntaxNode _right;
    private readonly IReadOnlyCollection<string> _free;
    private readonly MatrixLowering.CandidateLowering? _matrix;
    private readonly List<Probe> _probes = [];
    private readonly Dictionary<string, bool> _numericVerdicts = new(StringComparer.Ordinal);
    private readonly Dictionary<InstanceContext, WriterTerms> _terms = new(ReferenceEqualityComparer.Instance);

    private sealed record Probe(InstanceContext Instance, Expr Left, Expr Right, List<(Dictionary<Symbol, double> Values, double Left)> Points);

    private sealed record Candidate(EditKind Kind, ImmutableArray<int> Path, SyntaxNode Before, SyntaxNode After, SyntaxNode Result, int Cost)
    {
        public Factor? Scale { get; init; }
    }

    public CorrectionSearch(ClaimSyntax claim, StepResult step, IReadOnlyList<InstanceContext> instances, ProverOptions prover, CancellationToken cancellation)
    {
        _claim = claim;
        _hiddenNames = claim.IntroducedNames;
        _step = step.Index;
        _prover = prover;
        _cancellation = cancellation;
        var right = claim.Chain[_step];
        _right = ExpressionParser.Parse(right.Text, right.Line, right.Column);

        // The refuted instances first: a wrong candidate fails there soonest.
        var refuted = new HashSet<string>((step.RefutedAt ?? []).Append(step.Instance).Where(i => i is not null).Select(i => Key(i)), StringComparer.Ordinal);
        _instances = [.. instances.OrderBy(i => refuted.Contains(Key(i.Label)) ? 0 : 1)];
        _matrix = claim.Matrix is { } form ? MatrixLowering.Candidates(form) : null;

        // Matrix notation writes no indices: its candidates are lowered (at the left side's shape) before binding.
        // Ordinal order: an ImmutableDictionary enumerates in string-hash order, which .NET randomizes per process, and the
        // order of the free indices decides ties between equal corrections (yhat_k*yhat_kprime or yhat_kprime*yhat_k).
        _free = _instances.Count == 0 || _matrix is not null ? [] : [.. _instances[0].Scope.IndexValues.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The correction, or null when no candidate was proved (or there was no instance, or time ran out).</summary>
    public Correction? Find()
    {
        if (_instances.Count == 0 || !Prepare())
        {
            return null;
        }

        if (_matrix is null && _claim.Matrix is not null)
        {
            return null;
        }

        var edits = SyntaxEdits.Enumerate(_right, _free, _matrix?.Names ?? [])
            .Select(e => TidyAround(e.Result, e.Path) is var tidy && !SyntaxTree.Same(tidy, e.Result)
                ? new Candidate(e.Kind, e.Path, e.Before, e.After, tidy, SyntaxDiff.Cost(_right, e.Result))
                : new Candidate(e.Kind, e.Path, e.Before, e.After, e.Result, SyntaxDiff.Cost(_right, e.Result)))
            .Concat(Factors())
            .Concat(_matrix is null ? MissingTerms() : []);
        // The guessed dropped terms are many (on a long matrix product, seconds of lowering and binding): they are tried
        // when no single change holds, or to place a dropped term better than the solved one, which sits where its
        // coefficient is constant (outside the sum or beside the delta it was dropped from), if cheaper.
        var found = FirstProved(edits);
        var below = found switch
        {
            null => int.MaxValue,
            { Kind: EditKind.MissingTerm } => found.Cost,
            _ => 0,
        };
        if (below > 0 && FirstProvedByCost(NeighbourTerms(below), below) is { } neighbour)
        {
            found = neighbour;
        }

        if (found is not null)
        {
            return Describe(found);
        }

        // The rewrites are written from index-notation terms, which matrix notation cannot print.
        return _matrix is null && FirstProved(Rewrites()) is { } rewrite ? Describe(rewrite) : null;
    }

    /// <summary>Binds both sides at up to three instances (the first refuted one, the largest, one between) and
    /// samples points where the left side is finite.</summary>
    private bool Prepare()
    {
        var chosen = new List<InstanceContext> { _instances[0] };
        var byIndex = _instances.Skip(1).ToList();
        if (byIndex.Count > 0)
        {
            chosen.Add(byIndex.MaxBy(i => i.Scope.Sizes.Values.Sum())!);
            chosen.Add(byIndex[byIndex.Count / 2]);
        }

        foreach (var instance in chosen.Distinct())
        {
            var left = instance.Chain[_step - 1];
            var right = instance.Chain[_step];
            var symbols = left.Symbols().Union(right.Symbols());
            var sampler = new DomainSampler(instance.Assumptions, symbols, ClaimChecker.StableHash(_claim.Name + "/correction/" + Key(instance.Label), 7));
            var points = new List<(Dictionary<Symbol, double>, double)>();
            for (var draw = 0; draw < 8 * PointsPerProbe && points.Count < PointsPerProbe; draw++)
            {
                var values = sampler.Next().Values.ToDictionary(p => p.Key, p => p.Value);
                var value = Evaluate(left, values);
                if (double.IsFinite(value))
                {
                    points.Add((values, value));
                }
            }

            if (points.Count >= 2)
            {
                _probes.Add(new Probe(instance, left, right, points));
            }
        }

        return _probes.Count > 0;
    }

    /// <summary>True when <paramref name="node"/> uses a name the writer never wrote: a symbol of a `function`'s affine
    /// form (C0, dCda_k), which a correction cannot show.</summary>
    private bool MentionsHiddenName(SyntaxNode node) =>
        _hiddenNames.Count > 0 && SyntaxTree.Nodes(node).Any(n => n.Node is NameSyntax name && _hiddenNames.Contains(name.Name));

    /// <summary>The cheapest candidate that agrees numerically at the probes and is proved at every instance.</summary>
    private Candidate? FirstProved(IEnumerable<Candidate> candidates)
    {
        var survivors = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (candidate.Cost > 0 && !MentionsHiddenName(candidate.Result) && AgreesNumerically(candidate.Result))
            {
                survivors.Add(candidate);
            }
        }

        // Cheapest first; among equals the most local change (deepest place), so `y - (-t)` loses its inner sign
        // rather than having its operator flipped.
        foreach (var candidate in survivors.OrderBy(c => c.Cost).ThenByDescending(c => c.Path.Length).ThenBy(c => c.Kind == EditKind.Sign ? 1 : 0))
        {
            if (ProvedEverywhere(candidate.Result))
            {
                return candidate;
            }
        }

        return null;
    }

    private bool AgreesNumerically(SyntaxNode candidate)
    {
        var key = SyntaxTree.Key(candidate);
        if (_numericVerdicts.TryGetValue(key, out var known))
        {
            return known;
        }

        var agrees = true;
        foreach (var probe in _probes)
        {
            if (Bind(candidate, probe.Instance) is not { } bound)
            {
                agrees = false;
                break;
            }

            foreach (var (values, left) in probe.Points)
            {
                var value = Evaluate(bound, values);
                if (!(Math.Abs(value - left) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(left), Math.Abs(value)))))
                {
                    agrees = false;
                    break;
                }
            }

            if (!agrees)
            {
                break;
            }
        }

        _numericVerdicts[key] = agrees;
        return agrees;
    }

    private bool ProvedEverywhere(SyntaxNode candidate)
    {
        foreach (var instance in _instances)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (Bind(candidate, instance) is not { } bound
                || Prover.Prove(instance.Chain[_step - 1], bound, instance.Assumptions, _prover).Verdict != ProofVerdict.Proved)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A constant factor c at each position the side is linear in: c = (L − R₀)/(R − R₀) at every point.</summary>
    private IEnumerable<Candidate> Factors()
    {
        foreach (var (path, node) in SyntaxTree.Nodes(_right))
        {
            if (node is NumberSyntax { Numerator.IsZero: true } || !SyntaxTree.IsLinearPosition(_right, path))
            {
                continue;
            }

            if (node is NumberSyntax && !path.IsEmpty && SyntaxTree.At(_right, path[..^1]) is BinarySyntax { Operator: '/', Left: NumberSyntax, Right: NumberSyntax })
            {
                continue; // 1/2 is one number to the writer: it is scaled as a whole (to 1, not to 2/2) at its parent
            }

            var zeroed = SyntaxTree.Replace(_right, path, Zero(node));
            if (Ratio(zeroed, (probe, values, left, right, rest) => (left - rest) / (right - rest)) is not { } factor
                || factor.Value.IsZero
                || (factor.Size is null && (factor.Value.IsOne || factor.Value == Rational.MinusOne)))
            {
                continue; // no change, a dropped node or a sign: the plain edits have them
            }

            if (node is NumberSyntax or BinarySyntax { Operator: '/', Left: NumberSyntax, Right: NumberSyntax } && factor.Size is not null)
            {
                continue; // N*1 for 1: the factor belongs to the product around the number, tried there
            }

            var forms = Scaled(node, factor);
            foreach (var scaled in forms.Forms)
            {
                var result = TidyAround(SyntaxTree.Replace(_right, path, scaled), path);
                // A factor inserted beside what was written counts one more than one merged into the writer's own
                // number or cancelling the writer's own divisor: removing "1/N*" beats adding "N*" elsewhere.
                var cost = SyntaxDiff.Cost(_right, result) + (forms.Own ? 0 : 1);
                yield return new Candidate(EditKind.Factor, path, node, scaled, result, cost) { Scale = factor };
            }
        }
    }

    /// <summary>A term missing beside a node the side is linear in, outside any sum: (L − R)/κ, κ the node's
    /// (constant) coefficient, written in the claim's terms.</summary>
    private IEnumerable<Candidate> MissingTerms()
    {
        var reference = Reference();
        var tried = new Dictionary<Expr, IReadOnlyList<SyntaxNode>>();
        foreach (var (path, node) in SyntaxTree.Nodes(_right))
        {
            var parent = path.IsEmpty ? null : SyntaxTree.At(_right, path[..^1]);
            var place = path.IsEmpty || node is BinarySyntax { Operator: '+' or '-' } || parent is BinarySyntax { Operator: '+' or '-' or '*' };
            if (!place || !SyntaxTree.IsLinearPosition(_right, path) || SyntaxTree.BoundAbove(_right, path).Count > 0
                || path.Select((_, i) => SyntaxTree.At(_right, path[..i])).Any(n => n is DerivativeSyntax))
            {
                continue;
            }

            // R = R0 + κ·t with κ = (R − R0)/t, an expression (s_i in s_i*delta(i, j)): the missing term is (L − R)/κ.
            var zeroed = SyntaxTree.Replace(_right, path, Zero(node));
            if (Coefficient(reference, path, zeroed) is not (var at, var kappa, var boundRight))
            {
                continue;
            }

            var missing = (at.Chain[_step - 1] - boundRight) / kappa;
            if (!tried.TryGetValue(missing, out var texts))
            {
                texts = Terms(at).Express(missing);
                tried[missing] = texts;
            }

            // A missing term larger than half the side is no "missing term" but a different expression: the
            // rewrites say that better. A short one is a missing term whatever is left of the side (`delta(i, j)`
            // missing `- exp(z_j)/sum(k, exp(z_k))`: half of the side was dropped).
            // A "missing" copy of the node itself (z + z) is a factor 2, which the factor search names properly.
            // One that takes back a term the writer wrote (`- s_j` beside the writer's `+ s_j`) is a rewrite in disguise.
            foreach (var term in texts.Where(t => (2 * SyntaxTree.Size(t) <= SyntaxTree.Size(_right) + 4 || SyntaxTree.Size(t) <= MaxNeighbourTermSize)
                         && !Cancels(t, _right)
                         && !SyntaxTree.Same(t is UnarySyntax { Operator: '-' } u ? u.Operand : t, node)))
            {
                SyntaxNode after = WithoutLeadingSign(term) is { } magnitude
                    ? new BinarySyntax(node.Line, node.Column, '-', node, magnitude)
                    : new BinarySyntax(node.Line, node.Column, '+', node, term);
                var result = SyntaxTree.Replace(_right, path, after);
                yield return new Candidate(EditKind.MissingTerm, path, node, after, result, SyntaxDiff.Cost(_right, result));
            }
        }
    }

    /// <summary>
    /// The coefficient κ of the node at <paramref name="path"/> (the side is R0 + κ·node there), at the reference
    /// instance when it can be read there, else at the first instance where the node does not vanish.
    /// </summary>
    /// <remarks>The node may vanish at the reference instance (delta(i, j) at i ≠ j), where κ = (R − R0)/node
    /// is 0/0; the node is then replaced by a fresh symbol t and κ = (R[t] − R0)/t. Only when that leaves t in κ
    /// is another instance taken, one where the node is not 0, but there two free indices may share a value
    /// (i = j) and the term found cannot tell <c>s_i</c> from <c>s_j</c>.</remarks>
    private (InstanceContext At, Expr Kappa, Expr BoundRight)? Coefficient(InstanceContext reference, ImmutableArray<int> path, SyntaxNode zeroed)
    {
        var node = SyntaxTree.At(_right, path);
        if (Bind(_right, reference) is { } right && Bind(zeroed, reference) is { } rest)
        {
            var marker = Expr.Sym(CoefficientMarker);
            var marked = SyntaxTree.Replace(_right, path, new NameSyntax(node.Line, node.Column, CoefficientMarker, []));
            if (Bind(node, reference) is Number { Value.IsZero: true } && Bind(marked, reference) is { } boundMarked
                && Simplifier.Simplify((boundMarked - rest) / marker) is var kappa && !kappa.Symbols().Contains(marker))
            {
                return kappa is Number { Value.IsZero: true } ? null : (reference, kappa, right);
            }
        }

        var at = Instances(reference).FirstOrDefault(i => Bind(node, i) is not (null or Number { Value.IsZero: true }));
        if (at is null || Bind(_right, at) is not { } boundRight || Bind(zeroed, at) is not { } boundRest || Bind(node, at) is not { } boundNode)
        {
            return null;
        }

        var coefficient = Simplifier.Simplify((boundRight - boundRest) / boundNode);
        return coefficient is Number { Value.IsZero: true } ? null : (at, coefficient, boundRight);
    }

    /// <summary>The side rewritten: another expression of the chain, or the left side simplified in the claim's terms.</summary>
    private IEnumerable<Candidate> Rewrites()
    {
        var reference = Reference();
        var rewrites = Terms().Express(reference.Chain[_step - 1]).ToList();
        for (var i = 0; i < _claim.Chain.Count; i++)
        {
            if (i == _step)
            {
                continue;
            }

            var text = _claim.Chain[i];
            var node = ExpressionParser.Parse(text.Text, text.Line, text.Column);
            if (!SyntaxTree.Nodes(node).Any(n => n.Node is DerivativeSyntax))
            {
                rewrites.Add(node);
            }
        }

        if (Combination() is { } combination)
        {
            rewrites.Insert(0, combination);
        }

        // The left side as written is always equal to itself, so it is the last resort: it says the step does not
        // follow, but not what the left side simplifies to.
        var left = SyntaxTree.Key(ExpressionParser.Parse(_claim.Chain[_step - 1].Text));
        return rewrites.Select(r => new Candidate(EditKind.Rewrite, [], _right, r, r,
            SyntaxDiff.Cost(_right, r) + (SyntaxTree.Key(r) == left ? LastResort : 0)));
    }

    /// <summary>(value, size, exponent): one number c with c = q·S^e at every probe (e = 0 for a plain rational), or null.</summary>
    private Factor? Ratio(SyntaxNode zeroed, Func<Probe, Dictionary<Symbol, double>, double, double, double, double> at)
    {
        var perProbe = new List<(Probe Probe, double Value)>();
        foreach (var probe in _probes)
        {
            if (Bind(zeroed, probe.Instance) is not { } rest)
            {
                return null;
            }

            double? common = null;
            foreach (var (values, left) in probe.Points)
            {
                var right = Evaluate(probe.Right, values);
                var r0 = Evaluate(rest, values);
                var c = at(probe, values, left, right, r0);
                if (!double.IsFinite(c) || Math.Abs(right - r0) < 1e-12 * Math.Max(1, Math.Abs(right)))
                {
                    continue;
                }

                if (common is { } seen && Math.Abs(c - seen) > 1e-7 * Math.Max(1, Math.Abs(seen)))
                {
                    return null;
                }

                common ??= c;
            }

            if (common is not { } value)
            {
                return null;
            }

            perProbe.Add((probe, value));
        }

        return Fit(perProbe);
    }

    /// <summary>One coefficient seen at each probe, as q (the same everywhere) or q·S^±1 for a size S; null otherwise.</summary>
    private Factor? Fit(List<(Probe Probe, double Value)> perProbe)
    {
        if (perProbe.Count == 0)
        {
            return null;
        }

        if (perProbe.All(p => Math.Abs(p.Value - perProbe[0].Value) <= 1e-7 * Math.Max(1, Math.Abs(perProbe[0].Value)))
            && Rationalize(perProbe[0].Value) is { } plain)
        {
            return new Factor(plain, null, 0);
        }

        foreach (var size in _probes[0].Instance.Scope.Sizes.Keys)
        {
            if (perProbe.Select(p => p.Probe.Instance.Scope.Sizes[size]).Distinct().Count() < 2)
            {
                continue; // one size value cannot tell K from 2
            }

            foreach (var exponent in (int[])[1, -1])
            {
                var q = perProbe.Select(p => p.Value / Math.Pow(p.Probe.Instance.Scope.Sizes[size], exponent)).ToList();
                if (q.All(v => Math.Abs(v - q[0]) <= 1e-7 * Math.Max(1, Math.Abs(q[0]))) && Rationalize(q[0]) is { IsZero: false } scale)
                {
                    return new Factor(scale, size, exponent);
                }
            }
        }

        return null;
    }

    private sealed record Factor(Rational Value, string? Size, int Exponent);

    /// <summary>The node times the factor, as the writer might have written it: merged into a leading number
    /// or cancelling a size it divides by, and plainly prefixed.</summary>
    private static (List<SyntaxNode> Forms, bool Own) Scaled(SyntaxNode node, Factor factor)
    {
        if (factor.Size is null && node is NumberSyntax number)
        {
            return ([NumberNode(node, new Rational(number.Numerator, number.Denominator) * factor.Value)], true);
        }

        var own = OwnForms(node, factor).ToList();
        // The writer's own forms, when there are any, are what the correction should show: N*1/N*x is never better
        // than x, whatever the node count says.
        return own.Count > 0 ? (own, true) : ([Prefixed(node, factor)], false);
    }

    private static IEnumerable<SyntaxNode> OwnForms(SyntaxNode node, Factor factor)
    {
        // Merged: a leading number n becomes n·q (and a 1 disappears).
        if (factor.Size is null && LeadingNumber(node) is { } leading)
        {
            var value = leading.Value * factor.Value;
            var replacement = NumberNode(leading.Node, value);
            var merged = SyntaxTree.Replace(node, leading.Path, replacement);
            yield return Tidy(merged);
        }

        // Cancelled: c = S removes a "/S", c = 1/S removes a "*S".
        if (factor is { Size: { } size, Value.IsOne: true })
        {
            foreach (var (path, n) in SyntaxTree.Nodes(node))
            {
                if (n is BinarySyntax { Right: NameSyntax { Subscripts.Length: 0 } name } binary && name.Name == size
                    && ((binary.Operator == '/' && factor.Exponent == 1) || (binary.Operator == '*' && factor.Exponent == -1))
                    && IsProductSpine(node, path))
                {
                    yield return Tidy(SyntaxTree.Replace(node, path, binary.Left));
                }
            }
        }

    }

    /// <summary>The factor before the product's first factor, so lambda*w reads 2*lambda*w, not 2*(lambda*w).</summary>
    private static SyntaxNode Prefixed(SyntaxNode node, Factor factor)
    {
        var c = FactorNode(node, factor);
        var first = ImmutableArray<int>.Empty;
        for (var at = node; at is BinarySyntax { Operator: '*' or '/' } product; at = product.Left)
        {
            first = first.Add(0);
        }

        var leaf = SyntaxTree.At(node, first);
        return leaf is UnarySyntax { Operator: '-' } negative
            ? SyntaxTree.Replace(node, first, negative with { Operand = new BinarySyntax(leaf.Line, leaf.Column, '*', c, negative.Operand) })
            : SyntaxTree.Replace(node, first, new BinarySyntax(leaf.Line, leaf.Column, '*', c, leaf));
    }

    /// <summary>True when every node from <paramref name="root"/> down to <paramref name="path"/> is a product,
    /// a quotient's numerator or a sign: a factor there is a factor of the whole.</summary>
    private static bool IsProductSpine(SyntaxNode root, ImmutableArray<int> path)
    {
        var node = root;
        foreach (var i in path)
        {
            if (!(node is BinarySyntax { Operator: '*' } || (node is BinarySyntax { Operator: '/' } && i == 0) || node is UnarySyntax))
            {
                return false;
            }

            node = SyntaxTree.Children(node)[i];
        }

        return true;
    }

    /// <summary>True when a summand of <paramref name="term"/> is the negation of a summand of <paramref name="side"/>.</summary>
    private static bool Cancels(SyntaxNode term, SyntaxNode side)
    {
        var written = Summands(side, 1).Select(p => (p.Sign, SyntaxTree.Key(p.Node))).ToHashSet();
        return Summands(term, 1).Any(p => written.Contains((-p.Sign, SyntaxTree.Key(p.Node))));
    }

    /// <summary>The terms of a sum with their signs (<c>a - (b - c)</c>: +a, −b, +c), a leading sign taken off each.</summary>
    private static IEnumerable<(int Sign, SyntaxNode Node)> Summands(SyntaxNode node, int sign) => node switch
    {
        BinarySyntax { Operator: '+' } sum => Summands(sum.Left, sign).Concat(Summands(sum.Right, sign)),
        BinarySyntax { Operator: '-' } difference => Summands(difference.Left, sign).Concat(Summands(difference.Right, -sign)),
        _ when WithoutLeadingSign(node) is { } magnitude => Summands(magnitude, -sign),
        _ => [(sign, node)],
    };

    /// <summary>The term without the sign it starts with (<c>-a</c>, <c>-a*b</c>, <c>-a/b</c> give <c>a</c>, <c>a*b</c>,
    /// <c>a/b</c>), or null when it starts with none: <c>x - a/b</c> reads better than <c>x + -a/b</c>.</summary>
    private static SyntaxNode? WithoutLeadingSign(SyntaxNode term) => term switch
    {
        UnarySyntax { Operator: '-' } negative => negative.Operand,
        BinarySyntax { Operator: '*' or '/' } product when WithoutLeadingSign(product.Left) is { } left => product with { Left = left },
        _ => null,
    };

    /// <summary>The number at the start of a product (or of its negation), with its path.</summary>
    private static (ImmutableArray<int> Path, SyntaxNode Node, Rational Value)? LeadingNumber(SyntaxNode node)
    {
        var path = ImmutableArray<int>.Empty;
        while (true)
        {
            switch (node)
            {
                case NumberSyntax n:
                    return path.IsEmpty ? null : (path, n, new Rational(n.Numerator, n.Denominator));
                case BinarySyntax { Operator: '/', Left: NumberSyntax top, Right: NumberSyntax { Numerator.IsZero: false } bottom }:
                    // 1/2 is one number to the writer: 1/2 times 2 is 1, not 2/2.
                    return path.IsEmpty ? null : (path, node, new Rational(top.Numerator, top.Denominator) / new Rational(bottom.Numerator, bottom.Denominator));
                case UnarySyntax { Operator: '-', Operand: NumberSyntax n }:
                    return path.IsEmpty ? null : (path, node, -new Rational(n.Numerator, n.Denominator));
                case UnarySyntax u:
                    path = path.Add(0);
                    node = u.Operand;
                    continue;
                case BinarySyntax { Operator: '*' or '/' } b:
                    path = path.Add(0);
                    node = b.Left;
                    continue;
                default:
                    return null;
            }
        }
    }

    /// <summary><see cref="Tidy"/> applied to the changed node and its parent only, so the rest stays as written
    /// (a dropped divisor in <c>-1/N*x</c> leaves <c>-x</c>, not <c>-1*x</c>).</summary>
    private static SyntaxNode TidyAround(SyntaxNode root, ImmutableArray<int> path)
    {
        root = SyntaxTree.Replace(root, path, Tidy(SyntaxTree.At(root, path)));
        if (path.IsEmpty)
        {
            return root;
        }

        var parentPath = path[..^1];
        var parent = SyntaxTree.At(root, parentPath);
        return SyntaxTree.Replace(root, parentPath, TidyShallow(parent));
    }

    /// <summary>Removes factors 1 and turns factors −1 into a sign, where a merge or a cancellation left them.</summary>
    private static SyntaxNode Tidy(SyntaxNode node)
    {
        var children = SyntaxTree.Children(node);
        if (children.Count > 0)
        {
            node = SyntaxTree.WithChildren(node, [.. children.Select(Tidy)]);
        }

        return TidyShallow(node);
    }

    private static SyntaxNode TidyShallow(SyntaxNode node)
    {
        return node switch
        {
            BinarySyntax { Operator: '*', Left: NumberSyntax { Numerator.IsOne: true, Denominator.IsOne: true } } b => b.Right,
            BinarySyntax { Operator: '*' or '/', Right: NumberSyntax { Numerator.IsOne: true, Denominator.IsOne: true } } b => b.Left,
            BinarySyntax { Operator: '*', Left: UnarySyntax { Operator: '-', Operand: NumberSyntax { Numerator.IsOne: true, Denominator.IsOne: true } } } b =>
                new UnarySyntax(b.Line, b.Column, '-', b.Right),
            _ => node,
        };
    }

    private static SyntaxNode FactorNode(SyntaxNode at, Factor factor)
    {
        var q = NumberNode(at, factor.Value);
        if (factor.Size is not { } size)
        {
            return q;
        }

        var name = new NameSyntax(at.Line, at.Column, size, []);
        if (factor.Exponent == 1)
        {
            return factor.Value.IsOne ? name : new BinarySyntax(at.Line, at.Column, '*', q, name);
        }

        return new BinarySyntax(at.Line, at.Column, '/', q, name);
    }

    /// <summary>A rational as syntax: <c>2</c>, <c>1/2</c>, <c>-3/4</c>.</summary>
    private static SyntaxNode NumberNode(SyntaxNode at, Rational value)
    {
        var magnitude = value.Abs();
        SyntaxNode node = new NumberSyntax(at.Line, at.Column, magnitude.Numerator.ToString(CultureInfo.InvariantCulture), magnitude.Numerator, BigInteger.One);
        if (!magnitude.IsInteger)
        {
            node = new BinarySyntax(at.Line, at.Column, '/', node,
                new NumberSyntax(at.Line, at.Column, magnitude.Denominator.ToString(CultureInfo.InvariantCulture), magnitude.Denominator, BigInteger.One));
        }

        return value.Sign < 0 ? new UnarySyntax(at.Line, at.Column, '-', node) : node;
    }

    private static string FactorText(Factor factor)
    {
        var q = factor.Value.ToString();
        return factor.Size switch
        {
            null => q,
            { } s when factor.Exponent == 1 => factor.Value.IsOne ? s : q + "*" + s,
            { } s => q + "/" + s,
        };
    }

    private static string InverseText(Factor factor) => FactorText(new Factor(Rational.One / factor.Value, factor.Size, -factor.Exponent));

    /// <summary>A small-denominator rational within rounding of <paramref name="x"/> (continued fractions), or null.</summary>
    private static Rational? Rationalize(double x)
    {
        if (!double.IsFinite(x) || Math.Abs(x) > 1e6)
        {
            return null;
        }

        BigInteger h0 = 0, h1 = 1, k0 = 1, k1 = 0;
        var rest = x;
        for (var i = 0; i < 20; i++)
        {
            var a = Math.Floor(rest);
            var ai = new BigInteger(a);
            (h0, h1) = (h1, (ai * h1) + h0);
            (k0, k1) = (k1, (ai * k1) + k0);
            if (k1 > 1000)
            {
                return null;
            }

            var approx = (double)h1 / (double)k1;
            if (Math.Abs(approx - x) <= 1e-9 * Math.Max(1, Math.Abs(x)))
            {
                return new Rational(h1, k1);
            }

            var fraction = rest - a;
            if (fraction < 1e-12)
            {
                return null;
            }

            rest = 1 / fraction;
        }

        return null;
    }

    private Correction Describe(Candidate found)
    {
        var (before, after) = (SyntaxPrinter.Print(found.Before), SyntaxPrinter.Print(found.After));
        var explanation = found.Kind switch
        {
            EditKind.Sign => $"the sign is wrong: `{before}` should be `{after}`",
            EditKind.Factor when found.Path.IsEmpty => $"the factor {FactorText(found.Scale!)} is missing: your side is the correction times {InverseText(found.Scale!)}",
            EditKind.Factor => $"`{before}` should be `{after}`: the factor {FactorText(found.Scale!)} is missing (yours is the correction times {InverseText(found.Scale!)})",
            EditKind.MissingTerm => $"a term is missing: `{before}` should be `{after}`",
            EditKind.ExtraTerm => $"the term `{Dropped(found)}` should not be there",
            EditKind.ExtraFactor when DroppedRun(found) is { } run => $"the factors `{run}` should not be there",
            EditKind.ExtraFactor => $"the factor `{Dropped(found)}` should not be there",
            EditKind.IndexSwap => $"`{before}` should be `{after}`: an index is swapped",
            EditKind.Transpose => $"`{before}` should be `{after}`: the entry is transposed",
            EditKind.Number => $"`{before}` should be `{after}`",
            EditKind.NameSwap => $"`{before}` should be `{after}`: another name of the same shape belongs there",
            EditKind.TransposeMark => $"`{before}` should be `{after}`: a transpose is missing or extra",
            _ => null,
        };
        return new Correction(SyntaxPrinter.Print(found.Result), found.Kind, before, after, explanation, _instances.Count);
    }

    /// <summary>The run of neighbouring factors a matrix product lost (<c>diag(a2 .* (1 - a2))*W3'</c>), printed as a
    /// product, or null when the edit dropped a single factor.</summary>
    private static string? DroppedRun(Candidate found)
    {
        var (before, after) = (ProductFactors(found.Before), ProductFactors(found.After));
        if (before.Count - after.Count < 2)
        {
            return null;
        }

        var prefix = before.Zip(after).TakeWhile(p => SyntaxTree.Same(p.First, p.Second)).Count();
        var run = before.Skip(prefix).Take(before.Count - after.Count).ToList();
        return SyntaxPrinter.Print(run.Skip(1).Aggregate(run[0], (left, right) => new BinarySyntax(left.Line, left.Column, '*', left, right)));
    }

    /// <summary>The factors of a left-nested product <c>a*b*c</c>, in order.</summary>
    private static List<SyntaxNode> ProductFactors(SyntaxNode node)
    {
        var factors = new List<SyntaxNode>();
        for (; node is BinarySyntax { Operator: '*' } product; node = product.Left)
        {
            factors.Add(product.Right);
        }

        factors.Add(node);
        factors.Reverse();
        return factors;
    }

    private static string Dropped(Candidate found)
    {
        if (found.Before is BinarySyntax { Operator: '/' } quotient)
        {
            return "1/" + SyntaxPrinter.Print(new BinarySyntax(quotient.Line, quotient.Column, '*', new NumberSyntax(quotient.Line, quotient.Column, "1", 1, 1), quotient.Right))[2..];
        }

        var kept = SyntaxTree.Key(found.After is UnarySyntax { Operator: '-' } u && found.Before is BinarySyntax { Operator: '-' } ? u.Operand : found.After);
        var dropped = SyntaxTree.Children(found.Before).FirstOrDefault(c => SyntaxTree.Key(c) != kept) ?? found.Before;
        return SyntaxPrinter.Print(dropped);
    }

    private WriterTerms Terms() => Terms(Reference());

    private WriterTerms Terms(InstanceContext at)
    {
        if (!_terms.TryGetValue(at, out var terms))
        {
            terms = new WriterTerms(_claim, at, _free);
            _terms[at] = terms;
        }

        return terms;
    }

    /// <summary>The reference instance first, then the others with distinct free-index values, at most eight.</summary>
    private IEnumerable<InstanceContext> Instances(InstanceContext reference) =>
        _instances.Where(i => i != reference && i.Scope.IndexValues.Values.Distinct().Count() == i.Scope.IndexValues.Count).Take(7).Prepend(reference);

    /// <summary>The instance whose values best identify the free indices: distinct values, the largest sizes.</summary>
    private InstanceContext Reference() => _instances
        .MaxBy(i => (i.Scope.IndexValues.Values.Distinct().Count(), i.Scope.Sizes.Values.Sum(), i.Scope.IndexValues.Values.Sum()))!;

    private Expr? Bind(SyntaxNode node, InstanceContext instance)
    {
        try
        {
            var entry = _matrix is null ? node : _matrix.Lower(node, _step);
            return entry is null ? null : Binder.Bind(entry, instance.Scope);
        }
        catch (SymbolicSyntaxException)
        {
            return null;
        }
    }

    private static double Evaluate(Expr e, Dictionary<Symbol, double> values)
    {
        try
        {
            return Evaluator.Evaluate(e, values);
        }
        catch (SymbolicEvaluationException)
        {
            return double.NaN;
        }
    }

    private static NumberSyntax Zero(SyntaxNode at) => new(at.Line, at.Column, "0", BigInteger.Zero, BigInteger.One);

    private static string Key(IReadOnlyDictionary<string, int>? label) =>
        label is null ? "" : string.Join(",", label.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture)));
}
