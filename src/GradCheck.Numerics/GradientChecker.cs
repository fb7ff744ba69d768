using System.Globalization;

namespace GradCheck.Numerics;

/// <summary>
/// Checks a claimed gradient of a scalar function against finite differences, the way
/// torch.autograd.gradcheck and ChainRulesTestUtils' test_rrule do, but deciding each entry from
/// the estimated error of its finite-difference estimate plus the rounding in the claimed value
/// (see <see cref="GradientCheckOptions"/>), with kink detection, a float32 variant and a fast
/// mode by random projections.
/// </summary>
/// <remarks>
/// NaN/∞ policy: a non-finite point throws <see cref="ArgumentException"/>. A claimed value that is
/// not finite, or a function that is not finite at or near the point, makes the affected entries
/// <see cref="EntryStatus.NotFinite"/> and the check fail; nothing throws.
/// The function must not modify its argument: a check that sees it do so throws <see cref="InvalidOperationException"/>
/// (every later evaluation would be at a point the checker did not choose).
/// </remarks>
public static partial class GradientChecker
{
    /// <summary>Checks <paramref name="claimedGradient"/> = ∇f(<paramref name="x"/>) entry by entry.</summary>
    /// <param name="f">The function; with <see cref="GradientCheckOptions.MaxDegreeOfParallelism"/> above 1 it must be thread-safe.</param>
    /// <param name="x">The point (finite, non-empty); it is not modified.</param>
    /// <param name="claimedGradient">The gradient to check, same length as <paramref name="x"/>.</param>
    /// <param name="options">Options; <see cref="GradientCheckOptions.Default"/> when null.</param>
    /// <returns>The report; see <see cref="GradientCheckReport.Passed"/> and <see cref="GradientCheckReport.Message"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or not finite, or the lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static GradientCheckReport Check(Func<double[], double> f, double[] x, double[] claimedGradient,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        Guard.Length(claimedGradient, x.Length, nameof(claimedGradient), "The claimed gradient");
        options ??= GradientCheckOptions.Default;
        options.Validate();
        return Run(f, x, claimedGradient, Steps.DoubleUnitRoundoff, options, "gradient", null);
    }

    /// <summary>
    /// Checks a float32 implementation: its gradient <paramref name="claimedGradient"/> (computed in
    /// float32) is compared with finite differences of the float64 <paramref name="reference"/> at the
    /// same point, with the claimed-value rounding taken at float32's unit roundoff (2⁻²⁴); the float32
    /// function's value must also agree with the reference within
    /// <see cref="GradientCheckOptions.ValueRoundingUlps"/> float32 ulps.
    /// </summary>
    /// <param name="f">The float32 function.</param>
    /// <param name="x">The point (finite, non-empty).</param>
    /// <param name="claimedGradient">The float32 gradient to check.</param>
    /// <param name="reference">The same function computed in float64 (it sees the float32 point widened exactly).</param>
    /// <param name="options">Options; <see cref="GradientCheckOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or not finite, or the lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static GradientCheckReport Check(Func<float[], float> f, float[] x, float[] claimedGradient,
        Func<double[], double> reference, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(x);
        var wide = Array.ConvertAll(x, v => (double)v);
        Guard.Point(wide, nameof(x));
        Guard.Length(claimedGradient, x.Length, nameof(claimedGradient), "The claimed gradient");
        options ??= GradientCheckOptions.Default;
        options.Validate();

        var single = (double)f((float[])x.Clone());
        var exact = reference((double[])wide.Clone());
        var allowed = options.ValueRoundingUlps * Steps.SingleUnitRoundoff * Math.Max(Math.Abs(exact), Math.Abs(single));
        string? valueFailure = null;
        if (!double.IsFinite(single) || !(Math.Abs(single - exact) <= allowed))
        {
            valueFailure = string.Create(CultureInfo.InvariantCulture,
                $"The float32 function disagrees with its float64 reference at the point: f32(x) = {single:G9}, reference(x) = {exact:G17}, difference {Math.Abs(single - exact):0.00E+0} > allowed {allowed:0.00E+0} ({options.ValueRoundingUlps} float32 ulps).");
        }

        return Run(reference, wide, Array.ConvertAll(claimedGradient, v => (double)v), Steps.SingleUnitRoundoff, options,
            "float32 gradient", valueFailure);
    }

    /// <summary>
    /// Fast check by random projections: for K = <see cref="GradientCheckOptions.Projections"/>
    /// random directions z (entries uniform on [−√3, √3]), compares claimed·z with the directional
    /// derivative of f along z.
    /// The cost is a few evaluations per projection whatever the dimension; the report states
    /// the probability of missing an error of a given size (<see cref="ProjectionCheckReport.MissProbability"/>).
    /// </summary>
    /// <inheritdoc cref="Check(Func{double[], double}, double[], double[], GradientCheckOptions?)" path="/param"/>
    /// <inheritdoc cref="Check(Func{double[], double}, double[], double[], GradientCheckOptions?)" path="/exception"/>
    public static ProjectionCheckReport CheckFast(Func<double[], double> f, double[] x, double[] claimedGradient,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        Guard.Length(claimedGradient, x.Length, nameof(claimedGradient), "The claimed gradient");
        options ??= GradientCheckOptions.Default;
        options.Validate();

        // Two buffers for the whole check (the direction and the evaluation point): at 10⁵ parameters
        // and more, every further array is a large-object allocation and soon a gen-2 collection.
        var origin = (double[])x.Clone();
        var work = (double[])x.Clone();
        var f0 = f(work);
        var random = new RandomDirections(options.Seed);
        var reports = new List<EntryReport>(options.Projections);
        long evaluations = 1;
        var z = new double[x.Length];
        for (var k = 0; k < options.Projections; k++)
        {
            random.Fill(z);
            double dot = 0, magnitude = 0;
            for (var i = 0; i < z.Length; i++)
            {
                dot += claimedGradient[i] * z[i];
                magnitude += Math.Abs(claimedGradient[i] * z[i]);
            }

            if (!double.IsFinite(f0))
            {
                reports.Add(EntryJudge.NotFinite(k, dot, f0, "f(x) is not finite"));
                continue;
            }

            // The rounding of a dot product grows with the sum of |terms|, not with the result.
            var judge = new EntryJudge(options, Steps.DoubleUnitRoundoff, magnitude);
            var line = new DirectionLine(f, origin, z, work);
            var (report, _) = judge.CheckScalar(k, line, f0, dot, FiniteDifferences.DirectionScale(origin, z, nameof(x)));
            reports.Add(report);
            evaluations += line.Evaluations;
        }

        return new ProjectionCheckReport("gradient", reports, options.Projections, options.Safety, evaluations, options.MaxEntriesInMessage);
    }

    internal static GradientCheckReport Run(Func<double[], double> f, double[] x, double[] claimed, double unitRoundoff,
        GradientCheckOptions options, string subject, string? extraFailure)
    {
        var indices = Selected(options, x.Length);
        var count = indices.Length;
        var probe = (double[])x.Clone();
        var f0 = f(probe);
        if (!probe.AsSpan().SequenceEqual(x))
        {
            var changed = probe.AsSpan().CommonPrefixLength(x);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The checked function modified its argument: entry {changed} was {x[changed]:G17} before the call and {probe[changed]:G17} after it. A checked function must not change its input (copy it first); no verdict is possible."));
        }

        var entries = new EntryReport[count];
        if (!double.IsFinite(f0))
        {
            for (var k = 0; k < count; k++)
            {
                entries[k] = EntryJudge.NotFinite(indices[k], claimed[indices[k]], double.NaN,
                    string.Create(CultureInfo.InvariantCulture, $"f(x) = {f0} at the point"));
            }

            return new GradientCheckReport(subject, entries, 0, 1, 0, options.MaxEntriesInMessage, extraFailure);
        }

        var judge = new EntryJudge(options, unitRoundoff, EntryJudge.MaxAbsFinite(claimed));
        long evaluations = 1;
        var escalations = 0;
        if (options.MaxDegreeOfParallelism <= 1 || count < 2)
        {
            var work = (double[])x.Clone();
            for (var k = 0; k < count; k++)
            {
                var i = indices[k];
                var line = new CoordinateLine(f, work, i, x);
                (entries[k], var escalated) = judge.CheckScalar(i, line, f0, claimed[i], Steps.Scale(x[i]));
                evaluations += line.Evaluations;
                escalations += escalated ? 1 : 0;
            }
        }
        else
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
                () => (Work: (double[])x.Clone(), Evaluations: 0L, Escalations: 0),
                (k, _, state) =>
                {
                    var i = indices[k];
                    var line = new CoordinateLine(f, state.Work, i, x);
                    (entries[k], var escalated) = judge.CheckScalar(i, line, f0, claimed[i], Steps.Scale(x[i]));
                    return (state.Work, state.Evaluations + line.Evaluations, state.Escalations + (escalated ? 1 : 0));
                },
                state =>
                {
                    Interlocked.Add(ref evaluations, state.Evaluations);
                    Interlocked.Add(ref escalations, state.Escalations);
                });
        }

        return new GradientCheckReport(subject, entries, 0, evaluations, escalations, options.MaxEntriesInMessage, extraFailure);
    }

    /// <summary>The entries to check: all, or the validated <see cref="GradientCheckOptions.Entries"/>.</summary>
    private static int[] Selected(GradientCheckOptions options, int length)
    {
        if (options.Entries is null)
        {
            return Enumerable.Range(0, length).ToArray();
        }

        var seen = new HashSet<int>();
        foreach (var i in options.Entries)
        {
            if (i < 0 || i >= length)
            {
                throw new ArgumentOutOfRangeException(nameof(options), i,
                    string.Create(CultureInfo.InvariantCulture, $"Entries lists index {i}, outside the point's {length} entries."));
            }

            if (!seen.Add(i))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Entries lists index {i} twice."), nameof(options));
            }
        }

        return seen.Count == 0
            ? throw new ArgumentException("Entries is empty; there is nothing to check.", nameof(options))
            : options.Entries.ToArray();
    }
}
