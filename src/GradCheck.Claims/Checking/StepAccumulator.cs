using GradCheck.Symbolic.Proving;

namespace GradCheck.Claims.Checking;

/// <summary>Collects the results of one step over its instances.</summary>
internal sealed class StepAccumulator(int index, string left, string right, int line, bool isPsd)
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
