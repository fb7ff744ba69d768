namespace GradCheck.Numerics;

/// <summary>
/// Decides entries of a check: quick estimate → Richardson → kink probe, each verdict taken from
/// the estimate's own error bound (see <see cref="GradientCheckOptions"/> for the tolerance).
/// </summary>
internal sealed class EntryJudge
{
    /// <summary>Errors below √ε times the claimed gradient's scale never make an entry inconclusive.</summary>
    private const double InconclusiveFloor = 1.5e-8;

    private readonly GradientCheckOptions _options;
    private readonly NoiseModel _noise;
    private readonly double _unitRoundoff;
    private readonly double _claimedScale;

    public EntryJudge(GradientCheckOptions options, double unitRoundoff, double claimedScale)
    {
        _options = options;
        _noise = options.Noise;
        _unitRoundoff = unitRoundoff;
        _claimedScale = claimedScale;
    }

    public static double MaxAbsFinite(ReadOnlySpan<double> values)
    {
        var max = 0.0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                max = Math.Max(max, Math.Abs(v));
            }
        }

        return max;
    }

    public double ClaimedRounding(double claimed) =>
        _options.ClaimedRoundingUlps * _unitRoundoff * (Math.Abs(claimed) + _claimedScale);

    public double Tolerance(double error, double claimedRounding, double numeric) =>
        (_options.Safety * error) + claimedRounding + _options.AbsoluteTolerance
        + (_options.RelativeTolerance * Math.Abs(numeric));

    public static double Ratio(double difference, double tolerance) =>
        tolerance > 0 ? difference / tolerance : difference == 0 ? 0 : double.PositiveInfinity;

    public EntryReport Judge(int index, double claimed, double numeric, double error, double claimedRounding,
        DifferenceMethod decidedBy)
    {
        var tolerance = Tolerance(error, claimedRounding, numeric);
        var ratio = Ratio(Math.Abs(claimed - numeric), tolerance);
        var report = new EntryReport(index, claimed, numeric, error, ratio)
        {
            Tolerance = tolerance,
            Status = ratio <= 1 ? EntryStatus.Passed : EntryStatus.Failed,
            DecidedBy = decidedBy,
        };

        // An estimate less certain than the value itself (claimed 1, numeric −2.17 ± 5.33) would let almost any claim
        // pass: no verdict when the pass rests on that error, the claim and the estimate differing by more than either's
        // size. The floor keeps a zero derivative, whose tiny error always exceeds it, out of this rule, and a claimed 0
        // beside a rough estimate near 0 (a kink nearby) still passes: their difference is the estimate's size, not more.
        var floor = InconclusiveFloor * Math.Max(1, _claimedScale);
        var size = Math.Max(Math.Abs(numeric), Math.Abs(claimed));
        return report.Status == EntryStatus.Passed && error > size && Math.Abs(claimed - numeric) > size && error > floor
            ? report with
            {
                Status = EntryStatus.Inconclusive,
                Note = "the estimate's error exceeds the derivative itself: the function may be noisy, non-deterministic, or change its argument; no verdict",
            }
            : report;
    }

    public static EntryReport NotFinite(int index, double claimed, double numeric, string note) =>
        new(index, claimed, numeric, double.PositiveInfinity, double.PositiveInfinity)
        {
            Tolerance = double.NaN,
            Status = EntryStatus.NotFinite,
            Note = note,
        };

    /// <summary>Checks one scalar derivative along a line; returns the verdict and whether Richardson was needed.</summary>
    public (EntryReport Report, bool Escalated) CheckScalar(int index, Line line, double atPoint, double claimed, double scale)
    {
        var (report, escalated, widest) = Decide(index, line, atPoint, claimed, scale);
        return (report with { WidestTolerance = Math.Max(widest, double.IsNaN(report.Tolerance) ? 0 : report.Tolerance) }, escalated);
    }

    private (EntryReport Report, bool Escalated, double Widest) Decide(int index, Line line, double atPoint, double claimed, double scale)
    {
        if (!double.IsFinite(claimed))
        {
            return (NotFinite(index, claimed, double.NaN, "the claimed value is not finite"), false, 0);
        }

        var rounding = ClaimedRounding(claimed);
        Span<double> value = stackalloc double[1];
        Span<double> error = stackalloc double[1];
        Span<double> bend = stackalloc double[1];
        ReadOnlySpan<double> f0 = [atPoint];
        var escalated = false;
        var widest = 0.0;
        if (_options.Method != DifferenceMethod.Richardson)
        {
            LineDerivatives.Quick(line, f0, _options.Method, Steps.For(_options.Method, scale), _noise, value, error, bend);
            if (double.IsFinite(value[0]))
            {
                var quick = Judge(index, claimed, value[0], error[0], rounding, _options.Method);
                widest = quick.Tolerance;
                if (quick.Status == EntryStatus.Passed)
                {
                    var passed = quick with { Note = "within the rounding bound of one quick estimate" };
                    return (SuspectKink(bend[0], value[0], claimed, error[0])
                        ? ProbeKink(index, line, atPoint, claimed, scale, rounding, passed)
                        : ProbeIfConventionAsked(index, line, atPoint, claimed, scale, rounding, passed), false, widest);
                }
            }

            escalated = true;
        }

        var h0 = Steps.For(DifferenceMethod.Richardson, scale);
        LineDerivatives.Richardson(line, f0, h0, _noise, 0, value, error);
        if (!double.IsFinite(value[0]))
        {
            return (NotFinite(index, claimed, value[0], "the function is not finite near the point along this entry"), escalated, widest);
        }

        var central = Judge(index, claimed, value[0], error[0], rounding, DifferenceMethod.Richardson);
        widest = Math.Max(widest, central.Tolerance);
        if (central.Status == EntryStatus.Passed)
        {
            return (ProbeIfConventionAsked(index, line, atPoint, claimed, scale, rounding, central), escalated, widest);
        }

        if (!_options.DetectKinks)
        {
            return (central, escalated, widest);
        }

        var (left, leftError, right, rightError, kink) = OneSided(line, atPoint, scale, rounding);
        if (!double.IsFinite(left) || !double.IsFinite(right))
        {
            return (central, escalated, widest);
        }

        var gap = Math.Abs(right - left);
        if (!kink)
        {
            // The sides agree: the central tableau was spoiled (by a nearby kink or a rough
            // patch), the one-sided ones were not; judge against their mean.
            var mean = Judge(index, claimed, 0.5 * (left + right), (0.5 * (leftError + rightError)) + (0.5 * gap),
                rounding, DifferenceMethod.Richardson);
            widest = Math.Max(widest, mean.Tolerance);
            return (mean.Status == EntryStatus.Passed ? mean with { Note = "decided by one-sided extrapolation" } : central, escalated, widest);
        }

        var atKink = AtKink(index, claimed, central.Numeric, central.ErrorEstimate, left, leftError, right, rightError, rounding);
        return (atKink, escalated, Math.Max(widest, atKink.Tolerance));
    }

    /// <summary>
    /// Left and right Richardson estimates (one-sided differences) and whether they disagree
    /// beyond their error estimates: a kink within reach of the steps.
    /// </summary>
    /// <remarks>
    /// A kink verdict stops the check from failing, so it must not rest on one tableau's error
    /// estimate: a one-sided (first-order) tableau can read its error 20× too small (log-sum-exp
    /// minus a logit: estimate 1.6e-11, true error 3.3e-10), and a 3e-10 gap then looks like a kink.
    /// Each side is therefore extrapolated twice, from h₀ and from ¾h₀ (a tableau sharing no step
    /// with the first), and its error is at least the distance between the two; a real kink keeps
    /// its gap at every step, a misread error does not.
    /// </remarks>
    private (double Left, double LeftError, double Right, double RightError, bool Kink) OneSided(
        Line line, double atPoint, double scale, double rounding)
    {
        var h0 = Steps.For(DifferenceMethod.Richardson, scale);
        var (right, rightError) = OneSide(line, atPoint, h0, 1);
        var (left, leftError) = OneSide(line, atPoint, h0, -1);
        var kink = double.IsFinite(left) && double.IsFinite(right)
            && Math.Abs(right - left) > (_options.Safety * (leftError + rightError)) + rounding;
        return (left, leftError, right, rightError, kink);
    }

    private (double Value, double Error) OneSide(Line line, double atPoint, double h0, int side)
    {
        Span<double> value = stackalloc double[1];
        Span<double> error = stackalloc double[1];
        ReadOnlySpan<double> f0 = [atPoint];
        LineDerivatives.Richardson(line, f0, h0, _noise, side, value, error);
        double first = value[0], firstError = error[0];
        LineDerivatives.Richardson(line, f0, 0.75 * h0, _noise, side, value, error);
        double second = value[0], secondError = error[0];
        if (!double.IsFinite(first) || !double.IsFinite(second))
        {
            return double.IsFinite(first) ? (first, firstError) : (second, secondError);
        }

        var agreement = Math.Abs(first - second);
        return firstError <= secondError
            ? (first, Math.Max(firstError, agreement))
            : (second, Math.Max(secondError, agreement));
    }

    /// <summary>
    /// At an exact kink the central difference is the mean of the one-sided derivatives, which a
    /// claimed value may match by accident (ReLU′(0) = ½). When the user asked for a subgradient
    /// convention, passing entries are probed from both sides so the convention is really checked.
    /// </summary>
    /// <summary>
    /// A central difference straddling a kink returns the mean of the one-sided slopes (relu at 0: 1/2) and passes a
    /// claimed 1/2 with no word of the kink. Its two halves tell: |f(x+h) − 2f(x) + f(x−h)|/h is |f″|·h at a smooth
    /// point (tiny at the quick step) and the jump in slope at a kink. Only a suspicion: the one-sided probe decides.
    /// </summary>
    private bool SuspectKink(double bend, double numeric, double claimed, double error) =>
        _options.DetectKinks && double.IsFinite(bend)
        && bend > _options.Safety * error && bend > 1e-3 * Math.Max(Math.Max(Math.Abs(numeric), Math.Abs(claimed)), 1e-300);

    private EntryReport ProbeKink(int index, Line line, double atPoint, double claimed, double scale, double rounding, EntryReport passed)
    {
        var (left, leftError, right, rightError, kink) = OneSided(line, atPoint, scale, rounding);
        return kink ? AtKink(index, claimed, passed.Numeric, passed.ErrorEstimate, left, leftError, right, rightError, rounding) : passed;
    }

    private EntryReport ProbeIfConventionAsked(int index, Line line, double atPoint, double claimed, double scale,
        double rounding, EntryReport passed)
    {
        if (_options.Subgradient == SubgradientConvention.None || !_options.DetectKinks)
        {
            return passed;
        }

        var (left, leftError, right, rightError, kink) = OneSided(line, atPoint, scale, rounding);
        return kink ? AtKink(index, claimed, passed.Numeric, passed.ErrorEstimate, left, leftError, right, rightError, rounding) : passed;
    }

    private EntryReport AtKink(int index, double claimed, double central, double centralError,
        double left, double leftError, double right, double rightError, double rounding)
    {
        var leftVerdict = Judge(index, claimed, left, leftError, rounding, DifferenceMethod.Richardson);
        var rightVerdict = Judge(index, claimed, right, rightError, rounding, DifferenceMethod.Richardson);
        var nearer = leftVerdict.Ratio <= rightVerdict.Ratio ? leftVerdict : rightVerdict;
        EntryReport verdict;
        switch (_options.Subgradient)
        {
            case SubgradientConvention.Left:
                verdict = leftVerdict;
                break;
            case SubgradientConvention.Right:
                verdict = rightVerdict;
                break;
            case SubgradientConvention.EitherSide:
                verdict = nearer;
                break;
            case SubgradientConvention.Between:
            {
                var low = Math.Min(left, right);
                var high = Math.Max(left, right);
                var tolerance = Tolerance(Math.Max(leftError, rightError), rounding, Math.Max(Math.Abs(low), Math.Abs(high)));
                var outside = claimed < low ? low - claimed : claimed > high ? claimed - high : 0;
                var ratio = Ratio(outside, tolerance);
                verdict = new EntryReport(index, claimed, Math.Clamp(claimed, low, high), Math.Max(leftError, rightError), ratio)
                {
                    Tolerance = tolerance,
                    Status = ratio <= 1 ? EntryStatus.Passed : EntryStatus.Failed,
                    DecidedBy = DifferenceMethod.Richardson,
                };
                break;
            }

            default:
                verdict = new EntryReport(index, claimed, central, centralError, nearer.Ratio)
                {
                    Tolerance = nearer.Tolerance,
                    Status = EntryStatus.NotDifferentiable,
                    DecidedBy = DifferenceMethod.Richardson,
                    Note = "one-sided derivatives disagree; no subgradient convention was asked for",
                };
                break;
        }

        return verdict with { AtKink = true, LeftDerivative = left, RightDerivative = right };
    }

    /// <summary>
    /// Checks the derivatives of a vector function along one line (a Jacobian column or a JVP):
    /// entries the quick estimate does not settle are re-estimated together by Richardson.
    /// No kink probe: kinks are detected in gradient checks only.
    /// </summary>
    public (int Escalated, EntryReport[] Reports) CheckVector(Line line, ReadOnlySpan<double> atPoint,
        ReadOnlySpan<double> claimed, double scale, Func<int, int> indexOf)
    {
        var m = line.Outputs;
        var reports = new EntryReport?[m];
        var widest = new double[m];
        var value = new double[m];
        var error = new double[m];
        var pending = 0;
        for (var r = 0; r < m; r++)
        {
            if (!double.IsFinite(claimed[r]))
            {
                reports[r] = NotFinite(indexOf(r), claimed[r], double.NaN, "the claimed value is not finite");
            }
        }

        if (_options.Method != DifferenceMethod.Richardson)
        {
            LineDerivatives.Quick(line, atPoint, _options.Method, Steps.For(_options.Method, scale), _noise, value, error);
            for (var r = 0; r < m; r++)
            {
                if (reports[r] is null && double.IsFinite(value[r]))
                {
                    var quick = Judge(indexOf(r), claimed[r], value[r], error[r], ClaimedRounding(claimed[r]), _options.Method);
                    widest[r] = quick.Tolerance;
                    if (quick.Status == EntryStatus.Passed)
                    {
                        reports[r] = quick with { Note = "within the rounding bound of one quick estimate" };
                    }
                }
            }
        }

        for (var r = 0; r < m; r++)
        {
            pending += reports[r] is null ? 1 : 0;
        }

        if (pending > 0)
        {
            LineDerivatives.Richardson(line, atPoint, Steps.For(DifferenceMethod.Richardson, scale), _noise, 0, value, error);
            for (var r = 0; r < m; r++)
            {
                if (reports[r] is null)
                {
                    reports[r] = double.IsFinite(value[r])
                        ? Judge(indexOf(r), claimed[r], value[r], error[r], ClaimedRounding(claimed[r]), DifferenceMethod.Richardson)
                        : NotFinite(indexOf(r), claimed[r], value[r], "the function is not finite near the point along this direction");
                }
            }
        }

        var final = reports.Select((r, k) => r! with { WidestTolerance = Math.Max(widest[k], double.IsNaN(r.Tolerance) ? 0 : r.Tolerance) }).ToArray();
        return (_options.Method != DifferenceMethod.Richardson && pending > 0 ? pending : 0, final);
    }
}
