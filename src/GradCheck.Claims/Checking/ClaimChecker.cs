using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;
using MathNet.Numerics.LinearAlgebra;

namespace GradCheck.Claims.Checking;

/// <summary>
/// Checks claims: instantiates each claim for every size in its <c>for</c> lines and every value of
/// its free indices, then checks every step of every instance with <see cref="Prover.Prove"/>;
/// where the prover can neither prove nor refute, numeric witnesses compare the sides at random
/// points of the assumed domains with rigorous enclosures. A step's verdict is its weakest
/// instance's, a claim's its weakest step's; the first refuted step is named. Never throws for bad
/// input: anything that cannot be read or makes no sense is an <see cref="Verdict.Error"/> result
/// with line, column and reason.
/// </summary>
public static class ClaimChecker
{
    /// <summary>Parses and checks every claim of a file's text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The name shown in reports.</param>
    /// <param name="options">Settings, or null for <see cref="CheckOptions.Default"/>.</param>
    /// <param name="progress">Called after each claim is checked (for progress displays), or null.</param>
    /// <returns>One result per claim (or per unreadable stretch of text).</returns>
    public static IReadOnlyList<ClaimResult> CheckText(string text, string file, CheckOptions? options = null, Action<ClaimResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var results = new List<ClaimResult>();
        foreach (var entry in ClaimsParser.Parse(text, file))
        {
            var result = Check(entry, options);
            results.Add(result);
            progress?.Invoke(result);
        }

        return results;
    }

    /// <summary>Checks one parsed entry (an entry that did not parse becomes an error result).</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    public static ClaimResult Check(ClaimEntry entry, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Claim is { } claim)
        {
            return Check(claim, options);
        }

        return new ClaimResult(entry.Name, entry.File, entry.Line, entry.Source, Verdict.Error, entry.Expectation?.Outcome,
            entry.Expectation?.Step, null, [], entry.Error, null, TimeSpan.Zero);
    }

    /// <summary>Checks one claim.</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    public static ClaimResult Check(ClaimSyntax claim, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        options ??= CheckOptions.Default;
        var clock = Stopwatch.StartNew();
        try
        {
            var run = new ClaimRun(claim, options, clock);
            var steps = EverySizeProof.Annotate(claim, run.Run(), options, options.ClaimTimeLimit - clock.Elapsed);
            var verdict = steps.Aggregate(Verdict.Proved, (v, s) => VerdictText.Weakest(v, s.Verdict));
            var firstRefuted = steps.FirstOrDefault(s => s.Verdict == Verdict.Refuted)?.Index;
            return Result(claim, verdict, firstRefuted, steps, null, clock.Elapsed) with { FiniteDifferenceChecks = run.FiniteDifferenceChecks };
        }
        catch (ClaimsSyntaxException e)
        {
            return Result(claim, Verdict.Error, null, [], e.ToSourceError(), clock.Elapsed);
        }
        catch (SymbolicSyntaxException e)
        {
            return Result(claim, Verdict.Error, null, [], new SourceError(e.Line, e.Column, e.Reason), clock.Elapsed);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException
                                      or KeyNotFoundException or NotSupportedException or InsufficientExecutionStackException)
        {
            // The engine refused the input in a way the checks above did not foresee: still an
            // answer with a position, never a crash.
            return Result(claim, Verdict.Error, null, [], new SourceError(claim.Line, 1, $"the claim could not be checked: {e.Message}"), clock.Elapsed);
        }
    }

    private static ClaimResult Result(ClaimSyntax claim, Verdict verdict, int? firstRefuted, IReadOnlyList<StepResult> steps, SourceError? error, TimeSpan elapsed) =>
        new(claim.Name, claim.File, claim.Line, claim.Source, verdict, claim.Expectation?.Outcome, claim.Expectation?.Step,
            firstRefuted, steps, error, claim, elapsed);

    /// <summary>A stable 32-bit hash (FNV-1a) so sampled points do not change between runs.</summary>
    internal static int StableHash(string text, int seed)
    {
        unchecked
        {
            var hash = 2166136261u ^ (uint)seed;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }

    /// <summary>Collects the results of one step over its instances.</summary>
    private sealed class StepAccumulator(int index, string left, string right, int line, bool isPsd)
    {
        private Verdict _verdict = Verdict.Proved;
        private IReadOnlyDictionary<string, int>? _instance;
        private CounterexampleReport? _counterexample;
        private int _instances, _proved, _refuted, _points, _skipped, _inconclusive;
        private double _maxDifference, _maxBound;
        private readonly SortedSet<string> _methods = new(StringComparer.Ordinal);
        private readonly List<IReadOnlyDictionary<string, int>> _refutedAt = [];

        public Verdict Verdict => _verdict;

        public void Add(Verdict verdict, IReadOnlyDictionary<string, int>? instance, CounterexampleReport? counterexample, string method,
            int points, int skipped, double maxDifference, double maxBound, int inconclusive = 0)
        {
            _instances++;
            _proved += verdict == Verdict.Proved ? 1 : 0;
            _refuted += verdict == Verdict.Refuted ? 1 : 0;
            _points += points;
            _skipped += skipped;
            _inconclusive += inconclusive;
            _maxDifference = Math.Max(_maxDifference, maxDifference);
            _maxBound = Math.Max(_maxBound, maxBound);
            _methods.Add(method);
            if (verdict == Verdict.Refuted && instance is not null && _refutedAt.Count < StepResult.MaxListedInstances)
            {
                _refutedAt.Add(instance);
            }

            if (verdict > _verdict)
            {
                _verdict = verdict;
                _instance = instance;
                _counterexample = counterexample;
            }
        }

        /// <summary>Adds an instance decided with the prover's numeric evidence.</summary>
        public void Add(Verdict verdict, IReadOnlyDictionary<string, int>? instance, CounterexampleReport? counterexample, string method,
            NumericEvidence evidence) =>
            Add(verdict, instance, counterexample, method, evidence.Points, evidence.Skipped, evidence.MaxAbsDifference, evidence.MaxErrorBound,
                evidence.Inconclusive);

        public StepResult Build() => new(index, _verdict, _verdict == Verdict.Proved ? null : _instance, _counterexample, left, right, line,
            _instances, _proved, _refuted,
            _points + _skipped > 0 ? new NumericEvidenceReport(_points, _maxDifference, _maxBound, _skipped) { InconclusivePoints = _inconclusive } : null,
            string.Join("; ", _methods), isPsd, _refutedAt);
    }

    /// <summary>The work of checking one claim.</summary>
    private sealed class ClaimRun
    {
        private const string NumericMethod =
            "no symbolic proof; the sides' enclosures overlap at every conclusive random point (interval arithmetic)";

        private readonly ClaimSyntax _claim;
        private readonly CheckOptions _options;
        private readonly Stopwatch _clock;
        private readonly List<SyntaxNode> _chain = [];
        private readonly List<Definition> _definitions = [];
        private readonly Dictionary<string, IndexSyntax> _indices = new(StringComparer.Ordinal);
        private readonly List<string> _indexOrder = [];
        private readonly List<ForSyntax> _fors = [];
        private int _instancesSeen;

        public ClaimRun(ClaimSyntax claim, CheckOptions options, Stopwatch clock)
        {
            _claim = claim;
            _options = options;
            _clock = clock;
        }

        /// <summary>Points where a symbolic derivative was compared with finite differences.</summary>
        public int FiniteDifferenceChecks { get; private set; }

        public List<StepResult> Run()
        {
            Prepare();
            var combos = SizeCombinations();
            var accumulators = new List<StepAccumulator>();
            for (var i = 1; i < _claim.Chain.Count; i++)
            {
                accumulators.Add(new StepAccumulator(i, _claim.Chain[i - 1].Text, _claim.Chain[i].Text, _claim.Chain[i].Line, false));
            }

            StepAccumulator? psd = null;
            if (_claim.Psd is { } psdSyntax)
            {
                var last = _claim.Chain[^1];
                psd = new StepAccumulator(_claim.Chain.Count, last.Text, $"positive semidefinite over {psdSyntax.Row}, {psdSyntax.Column}", psdSyntax.Line, true);
            }

            IReadOnlyList<string>? free = null;
            var instanceCount = 0;
            foreach (var sizes in combos)
            {
                var ranges = Ranges(sizes);
                var baseScope = Scope(sizes, ranges, new Dictionary<string, int>(StringComparer.Ordinal));
                free ??= FreeIndices(baseScope);
                var assignments = Assignments(free, ranges).ToList();
                instanceCount += assignments.Count;
                if (instanceCount > ClaimLimits.MaxInstances)
                {
                    throw new ClaimsSyntaxException(_claim.Line, 1,
                        $"the claim expands to more than {ClaimLimits.MaxInstances} instances (sizes × free index values); use smaller ranges");
                }

                foreach (var values in assignments)
                {
                    CheckInstance(sizes, ranges, values, accumulators);
                }

                if (psd is not null)
                {
                    var psdFree = free.Where(n => n != _claim.Psd!.Row && n != _claim.Psd.Column).ToList();
                    foreach (var values in Assignments(psdFree, ranges))
                    {
                        CheckPsd(sizes, ranges, values, psd);
                    }
                }
            }

            var steps = accumulators.Select(a => a.Build()).ToList();
            if (psd is not null)
            {
                steps.Add(psd.Build());
            }

            return steps;
        }

        private void Prepare()
        {
            var sizes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in _claim.Fors)
            {
                if (!sizes.Add(f.Size))
                {
                    throw new ClaimsSyntaxException(f.Line, f.Column, $"size '{f.Size}' has two `for` lines");
                }

                _fors.Add(f);
            }

            foreach (var index in _claim.Indices)
            {
                foreach (var name in index.Names)
                {
                    if (sizes.Contains(name))
                    {
                        throw new ClaimsSyntaxException(index.Line, index.Column, $"'{name}' is both a size and an index");
                    }

                    if (!_indices.TryAdd(name, index))
                    {
                        throw new ClaimsSyntaxException(index.Line, index.Column, $"index '{name}' is declared twice");
                    }

                    _indexOrder.Add(name);
                }

                foreach (var bound in new[] { index.From, index.To })
                {
                    if (bound.Size is { } size && !sizes.Contains(size))
                    {
                        throw new ClaimsSyntaxException(index.Line, index.Column,
                            $"the range of {string.Join(", ", index.Names)} uses the size '{size}', which has no `for {size} in a..b` line");
                    }
                }
            }

            var defined = new HashSet<string>(StringComparer.Ordinal);
            foreach (var let in _claim.Lets)
            {
                if (ExpressionParser.IsReservedName(let.Name))
                {
                    throw new ClaimsSyntaxException(let.Line, let.Column, $"'{let.Name}' is a built-in name and cannot be defined by `let`");
                }

                if (sizes.Contains(let.Name) || _indices.ContainsKey(let.Name))
                {
                    throw new ClaimsSyntaxException(let.Line, let.Column, $"'{let.Name}' is already a size or an index");
                }

                if (!defined.Add(let.Name))
                {
                    throw new ClaimsSyntaxException(let.Line, let.Column, $"'{let.Name}' is defined twice");
                }

                var body = ExpressionParser.Parse(let.Body.Text, let.Body.Line, let.Body.Column);
                _definitions.Add(new Definition(let.Name, let.IndexParameters, body));
            }

            foreach (var expression in _claim.Chain)
            {
                _chain.Add(ExpressionParser.Parse(expression.Text, expression.Line, expression.Column));
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in _chain.Concat(_definitions.Select(d => d.Body)))
            {
                CollectNames(node, names);
            }

            foreach (var assume in _claim.Assumptions)
            {
                if (defined.Contains(assume.Name))
                {
                    throw new ClaimsSyntaxException(assume.Line, assume.Column,
                        $"'{assume.Name}' is defined by `let`; an assumption applies to a symbol");
                }

                if (!names.Contains(assume.Name))
                {
                    throw new ClaimsSyntaxException(assume.Line, assume.Column,
                        $"undefined symbol '{assume.Name}': no expression of the claim uses it");
                }

                if (assume is VectorAssumeSyntax vector && !_indices.ContainsKey(vector.Index))
                {
                    throw new ClaimsSyntaxException(assume.Line, assume.Column, $"index '{vector.Index}' is used without `index`");
                }
            }

            if (_claim.Psd is { } psd)
            {
                foreach (var name in new[] { psd.Row, psd.Column })
                {
                    if (!_indices.ContainsKey(name))
                    {
                        throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition, $"index '{name}' is used without `index`");
                    }
                }

                if (psd.Row == psd.Column)
                {
                    throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition, "`psd over i, j` needs two different indices");
                }
            }
        }

        private static void CollectNames(SyntaxNode node, HashSet<string> names)
        {
            switch (node)
            {
                case NameSyntax name:
                    names.Add(name.Name);
                    break;
                case CallSyntax call:
                    CollectNames(call.Argument, names);
                    break;
                case UnarySyntax unary:
                    CollectNames(unary.Operand, names);
                    break;
                case BinarySyntax binary:
                    CollectNames(binary.Left, names);
                    CollectNames(binary.Right, names);
                    break;
                case IndexSumSyntax sum:
                    CollectNames(sum.Body, names);
                    break;
                case IndexProductSyntax product:
                    CollectNames(product.Body, names);
                    break;
                case DerivativeSyntax derivative:
                    CollectNames(derivative.Body, names);
                    foreach (var v in derivative.Variables)
                    {
                        names.Add(v.Name);
                    }

                    break;
            }
        }

        private List<Dictionary<string, int>> SizeCombinations()
        {
            var combos = new List<Dictionary<string, int>> { new(StringComparer.Ordinal) };
            foreach (var f in _fors)
            {
                var next = new List<Dictionary<string, int>>();
                foreach (var combo in combos)
                {
                    for (var value = f.From; value <= f.To; value++)
                    {
                        next.Add(new Dictionary<string, int>(combo, StringComparer.Ordinal) { [f.Size] = value });
                    }
                }

                combos = next;
                if (combos.Count > ClaimLimits.MaxInstances)
                {
                    throw new ClaimsSyntaxException(f.Line, f.Column, $"the `for` lines give more than {ClaimLimits.MaxInstances} size combinations");
                }
            }

            return combos;
        }

        private Dictionary<string, (int From, int To)> Ranges(Dictionary<string, int> sizes)
        {
            var ranges = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            foreach (var (name, index) in _indices)
            {
                var from = index.From.Value ?? sizes[index.From.Size!];
                var to = index.To.Value ?? sizes[index.To.Size!];
                if (from > to)
                {
                    throw new ClaimsSyntaxException(index.Line, index.Column,
                        $"the range of '{name}' is empty for {Describe(sizes)}: {from}..{to}");
                }

                if (to - from + 1 > ClaimLimits.MaxRange)
                {
                    throw new ClaimsSyntaxException(index.Line, index.Column, $"the range of '{name}' has more than {ClaimLimits.MaxRange} values");
                }

                ranges[name] = (from, to);
            }

            return ranges;
        }

        private BindingScope Scope(Dictionary<string, int> sizes, Dictionary<string, (int From, int To)> ranges, Dictionary<string, int> values) =>
            BindingScope.Empty with
            {
                Sizes = sizes.ToImmutableDictionary(StringComparer.Ordinal),
                IndexRanges = ranges.ToImmutableDictionary(StringComparer.Ordinal),
                IndexValues = values.ToImmutableDictionary(StringComparer.Ordinal),
                Definitions = [.. _definitions],
            };

        /// <summary>The free indices of the chain; every expression must have the same set.</summary>
        private List<string> FreeIndices(BindingScope scope)
        {
            IReadOnlySet<string>? first = null;
            for (var i = 0; i < _chain.Count; i++)
            {
                var free = Binder.FreeIndices(_chain[i], scope);
                if (first is null)
                {
                    first = free;
                    continue;
                }

                if (!free.SetEquals(first))
                {
                    var text = _claim.Chain[i];
                    throw new ClaimsSyntaxException(text.Line, text.Column,
                        $"the sides have different free indices: {Set(first)} on the first side, {Set(free)} here");
                }
            }

            if (_claim.Psd is { } psd && first is not null && (!first.Contains(psd.Row) || !first.Contains(psd.Column)))
            {
                throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition,
                    $"`psd over {psd.Row}, {psd.Column}` needs both indices free in the chain, whose free indices are {Set(first)}");
            }

            return _indexOrder.Where(n => first!.Contains(n)).ToList();

            static string Set(IReadOnlySet<string> set) => set.Count == 0 ? "none" : "{" + string.Join(", ", set.Order(StringComparer.Ordinal)) + "}";
        }

        private static IEnumerable<Dictionary<string, int>> Assignments(IReadOnlyList<string> names, Dictionary<string, (int From, int To)> ranges)
        {
            var current = new Dictionary<string, int>(StringComparer.Ordinal);
            return Recurse(0);

            IEnumerable<Dictionary<string, int>> Recurse(int position)
            {
                if (position == names.Count)
                {
                    yield return new Dictionary<string, int>(current, StringComparer.Ordinal);
                    yield break;
                }

                var (from, to) = ranges[names[position]];
                for (var v = from; v <= to; v++)
                {
                    current[names[position]] = v;
                    foreach (var a in Recurse(position + 1))
                    {
                        yield return a;
                    }
                }
            }
        }

        private void CheckDeadline()
        {
            if (_clock.Elapsed > _options.ClaimTimeLimit)
            {
                throw new ClaimsSyntaxException(_claim.Line, 1,
                    $"checking stopped after {_options.ClaimTimeLimit.TotalSeconds:0} s: the claim has too many instances or too large expressions");
            }
        }

        private void CheckInstance(Dictionary<string, int> sizes, Dictionary<string, (int From, int To)> ranges, Dictionary<string, int> values,
            List<StepAccumulator> accumulators)
        {
            CheckDeadline();
            var scope = Scope(sizes, ranges, values);
            var expressions = _chain.Select(node => Binder.Bind(node, scope)).ToList();
            var instance = InstanceLabel(sizes, values);
            var symbols = new HashSet<Symbol>();
            foreach (var e in expressions)
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
                        var body = Binder.Bind(derivative.Body, scope);
                        symbols.UnionWith(body.Symbols());
                        crossChecked.Add((i, derivative, body));
                    }
                }
            }

            var assumptions = BuildAssumptions(symbols, ranges);
            foreach (var (i, derivative, body) in crossChecked)
            {
                var seed = StableHash($"{_claim.Name}/fd/{i}/{InstanceKey(instance)}", _options.Seed);
                FiniteDifferenceChecks += DerivativeCrossCheck.Run(derivative, body, expressions[i], scope, assumptions, seed, _claim.Chain[i]);
            }

            for (var step = 1; step < expressions.Count; step++)
            {
                CheckDeadline();
                var accumulator = accumulators[step - 1];
                var left = expressions[step - 1];
                var right = expressions[step];
                var proof = Prover.Prove(left, right, assumptions, _options.Prover);
                switch (proof.Verdict)
                {
                    case ProofVerdict.Proved when proof.Evidence is { Points: 0, Skipped: > 0, Inconclusive: 0 } vacuous:
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

                    case ProofVerdict.Refuted when proof.Counterexample is { } c:
                        {
                            var bound = EnclosureBound(left, right, c.Values);
                            accumulator.Add(Verdict.Refuted, instance,
                                new CounterexampleReport(c.Values.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value), c.Left, c.Right, bound),
                                "refuted (interval-checked counterexample)",
                                proof.Evidence with { MaxAbsDifference = Math.Abs(c.Left - c.Right), MaxErrorBound = bound });
                            break;
                        }

                    default:
                        {
                            // Undecided: the prover's own sample points (disjoint enclosures would have refuted) are the evidence.
                            var evidence = proof.Evidence;
                            var needed = Math.Max(1, _options.Prover.SamplePoints / 2);
                            if (evidence.Points < needed)
                            {
                                var at = _claim.Chain[step];
                                throw new ClaimsSyntaxException(at.Line, at.Column, TooFewPoints($"step {step}", isPsd: false, evidence.Points, evidence.Skipped, evidence.Inconclusive, needed));
                            }

                            accumulator.Add(Verdict.HoldsNumerically, instance, null, NumericMethod, evidence);
                            break;
                        }
                }
            }
        }

        private void CheckPsd(Dictionary<string, int> sizes, Dictionary<string, (int From, int To)> ranges, Dictionary<string, int> values, StepAccumulator accumulator)
        {
            CheckDeadline();
            var psd = _claim.Psd!;
            var (rowFrom, rowTo) = ranges[psd.Row];
            var (colFrom, colTo) = ranges[psd.Column];
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
                        [psd.Row] = rowFrom + r,
                        [psd.Column] = colFrom + c,
                    });
                    entries[r, c] = Binder.Bind(_chain[^1], scope);
                    symbols.UnionWith(entries[r, c].Symbols());
                }
            }

            var instance = InstanceLabel(sizes, values);
            var sampler = new DomainSampler(BuildAssumptions(symbols, ranges), symbols,
                StableHash($"{_claim.Name}/psd/{InstanceKey(instance)}", _options.Seed));
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
            if (points < needed)
            {
                throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition, TooFewPoints("the psd check", isPsd: true, points, skipped, inconclusive, needed));
            }

            accumulator.Add(Verdict.HoldsNumerically, instance, null, "smallest eigenvalue >= -bound at every point (MathNet.Numerics)",
                points, skipped, Math.Max(0, worst), maxBound, inconclusive);
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
        private static string TooFewPoints(string what, bool isPsd, int points, int skipped, int inconclusive, int needed)
        {
            var total = points + skipped;
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

        private static Dictionary<string, int>? InstanceLabel(Dictionary<string, int> sizes, Dictionary<string, int> values)
        {
            if (sizes.Count == 0 && values.Count == 0)
            {
                return null;
            }

            var label = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (k, v) in sizes)
            {
                label[k] = v;
            }

            foreach (var (k, v) in values)
            {
                label[k] = v;
            }

            return label;
        }

        private Assumptions BuildAssumptions(HashSet<Symbol> symbols, Dictionary<string, (int From, int To)> ranges)
        {
            var assumptions = Assumptions.None;
            foreach (var assume in _claim.Assumptions)
            {
                switch (assume)
                {
                    case IntervalAssumeSyntax interval:
                        {
                            // Exact ends: 0.1 is 1/10 and −1e-400 is not 0 (the doubles are rounded outward).
                            var domain = SymbolInterval.FromRationals(
                                interval.Lower is null ? null : Parse(interval.Lower, assume),
                                interval.Upper is null ? null : Parse(interval.Upper, assume),
                                interval.LowerOpen,
                                interval.UpperOpen);
                            if (domain.IsEmpty)
                            {
                                throw new ClaimsSyntaxException(assume.Line, assume.Column, $"the interval assumed for '{assume.Name}' is empty");
                            }

                            foreach (var s in symbols.Where(s => s.Name == assume.Name))
                            {
                                assumptions = assumptions.WithInterval(s, domain);
                            }

                            break;
                        }

                    case DiscreteAssumeSyntax discrete:
                        {
                            var values = discrete.Values.Select(v => Parse(v, assume)).ToArray();
                            foreach (var s in symbols.Where(s => s.Name == assume.Name))
                            {
                                assumptions = assumptions.WithDiscrete(s, values);
                            }

                            break;
                        }

                    case VectorAssumeSyntax vector:
                        {
                            var (from, to) = ranges[vector.Index];
                            var entries = Enumerable.Range(from, to - from + 1).Select(k => (Symbol)Expr.Sym(vector.Name, k)).ToList();
                            assumptions = vector.OneHot ? assumptions.WithOneHot(entries) : assumptions.WithSimplex(entries);
                            break;
                        }
                }
            }

            return assumptions;

            static Rational Parse(string text, AssumeSyntax assume) =>
                Rational.TryParse(text, out var value)
                    ? value
                    : throw new ClaimsSyntaxException(assume.Line, assume.Column, $"'{text}' is not a number");
        }

        private static string InstanceKey(Dictionary<string, int>? instance) =>
            instance is null ? "" : string.Join(",", instance.Select(p => $"{p.Key}={p.Value}"));

        private static string Describe(Dictionary<string, int> sizes) =>
            sizes.Count == 0 ? "these sizes" : string.Join(", ", sizes.Select(p => $"{p.Key} = {p.Value}"));
    }
}
