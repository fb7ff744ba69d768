using FsCheck;
using FsCheck.Fluent;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;
using Interval = GradCheck.Symbolic.Proving.Interval;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>
/// <see cref="DomainSampler"/>: every point lies in the assumed domains (intervals with open ends,
/// discrete sets, simplexes summing to exactly 1, one-hot vectors, [−2, 2] for the rest), and the
/// same seed gives the same points.
/// </summary>
public sealed class DomainSamplerTests
{
    private const double Grid = 1 << 20;
    private static readonly Symbol X = Expr.Sym("x");
    private static readonly Symbol D = Expr.Sym("d");
    private static readonly Symbol U = Expr.Sym("u");

    /// <summary>Assumptions over x (an interval, possibly half-bounded or very narrow), d (a discrete set with
    /// a value that is not a double), a simplex y_1..y_n and a one-hot h_1..h_m; u is unassumed.</summary>
    public sealed record Domain(Assumptions Assumptions, SymbolInterval? Interval, Rational[] Choices, Symbol[] Simplex, Symbol[] OneHot, int Seed, double Scale)
    {
        public override string ToString() =>
            $"x in {Interval?.ToString() ?? "R"}, d in {{{string.Join(", ", Choices)}}}, simplex {Simplex.Length}, one-hot {OneHot.Length}, seed {Seed}, scale {Scale}";
    }

    public static Arbitrary<Domain> Domains() =>
        (from kind in Gen.Choose(0, 3)
         from lo in Gen.Choose(-16, 16)
         from width in Gen.Elements(0.0, Math.ScaleB(1, -22), 0.125, 1.0, 5.0)
         from loOpen in Gen.Elements(true, false)
         from hiOpen in Gen.Elements(true, false)
         from choices in Gen.Elements<Rational[]>([Rational.Zero, Rational.One], [new Rational(1, 3), new Rational(-5, 2)], [new Rational(7, 10)])
         from n in Gen.Choose(1, 6)
         from m in Gen.Choose(1, 4)
         from seed in Gen.Choose(0, int.MaxValue)
         from scale in Gen.Elements(1.0, 4.0)
         select Build(kind, lo / 8.0, width, width > 0 && loOpen, width > 0 && hiOpen, choices, n, m, seed, scale)).ToArbitrary();

    private static Domain Build(int kind, double lo, double width, bool loOpen, bool hiOpen, Rational[] choices, int n, int m, int seed, double scale)
    {
        var interval = kind switch
        {
            0 => new SymbolInterval(lo, lo + width, loOpen, hiOpen),
            1 => new SymbolInterval(lo, double.PositiveInfinity, loOpen, true),
            2 => new SymbolInterval(double.NegativeInfinity, lo, true, hiOpen),
            _ => null,
        };
        var simplex = Enumerable.Range(1, n).Select(k => (Symbol)Expr.Sym("y", k)).ToArray();
        var oneHot = Enumerable.Range(1, m).Select(k => (Symbol)Expr.Sym("h", k)).ToArray();
        var assumptions = Assumptions.None.WithDiscrete(D, choices).WithSimplex(simplex).WithOneHot(oneHot);
        if (interval is not null)
        {
            assumptions = assumptions.WithInterval(X, interval.Lo, interval.Hi, interval.LoOpen, interval.HiOpen);
        }

        return new Domain(assumptions, interval, choices, simplex, oneHot, seed, scale);
    }

    [Property(Arbitrary = [typeof(DomainSamplerTests)], MaxTest = 200)]
    public Property Next_EveryPoint_LiesInTheAssumedDomains(Domain domain)
    {
        // Only y_1 and h_1 are asked for: a vector's other entries come with them.
        var sampler = new DomainSampler(domain.Assumptions, [X, D, U, domain.Simplex[0], domain.OneHot[0]], domain.Seed);
        for (var i = 0; i < 20; i++)
        {
            var point = sampler.Next(domain.Scale);
            if (Violation(domain, point) is { } why)
            {
                return false.Label($"point {i}: {why}");
            }
        }

        return true.ToProperty();
    }

    private static string? Violation(Domain domain, DomainPoint point)
    {
        var v = point.Values;
        var x = v[X];
        if (domain.Interval is { } interval)
        {
            if (!interval.Contains(x))
            {
                return $"x = {x:R} outside {interval}";
            }

            var reach = DomainSampler.HalfBoundedReach * domain.Scale;
            if ((double.IsInfinity(interval.Hi) && x > interval.Lo + reach) || (double.IsInfinity(interval.Lo) && x < interval.Hi - reach))
            {
                return $"x = {x:R} beyond the half-bounded reach {reach}";
            }

            var narrow = interval.Hi - interval.Lo < 2 / Grid;
            if (!narrow && !OnGrid(x))
            {
                return $"x = {x:R} is not a multiple of 2^-20";
            }
        }
        else if (Math.Abs(x) > DomainSampler.UnassumedHalfWidth * domain.Scale || !OnGrid(x))
        {
            return $"x = {x:R} not on the grid of [-2·scale, 2·scale]";
        }

        if (Math.Abs(v[U]) > DomainSampler.UnassumedHalfWidth * domain.Scale || !OnGrid(v[U]))
        {
            return $"u = {v[U]:R} not on the grid of [-2·scale, 2·scale]";
        }

        if (!domain.Choices.Any(c => c.ToDouble() == v[D] && point.Enclosures[D] == Interval.FromRational(c)))
        {
            return $"d = {v[D]:R} (enclosure {point.Enclosures[D]}) is not one of the choices";
        }

        var hot = domain.OneHot.Select(h => v[h]).ToArray();
        if (hot.Any(h => h is not (0 or 1)) || hot.Count(h => h == 1) != 1)
        {
            return $"one-hot entries {string.Join(", ", hot)}";
        }

        var parts = domain.Simplex.Select(y => v[y]).ToArray();
        if (parts.Any(p => !(p > 0) || !OnGrid(p)) || parts.Sum() != 1)
        {
            return $"simplex entries {string.Join(", ", parts.Select(p => p.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} (sum {parts.Sum():R})";
        }

        return point.Values.Where(p => p.Key != D).Any(p => point.Enclosures[p.Key] != Interval.Point(p.Value))
            ? "an enclosure is not its value's point interval"
            : null;
    }

    private static bool OnGrid(double x) => Math.Round(x * Grid) == x * Grid;

    [Property(Arbitrary = [typeof(DomainSamplerTests)], MaxTest = 50)]
    public bool Next_SameSeed_GivesTheSamePoints(Domain domain)
    {
        Symbol[] symbols = [X, D, U];
        var a = new DomainSampler(domain.Assumptions, symbols, domain.Seed);
        var b = new DomainSampler(domain.Assumptions, symbols.Reverse(), domain.Seed);
        return Enumerable.Range(0, 10).All(_ =>
        {
            var p = a.Next(domain.Scale);
            var q = b.Next(domain.Scale);
            return p.Values.Count == q.Values.Count && p.Values.All(e => q.Values[e.Key].Equals(e.Value));
        });
    }

    [Test]
    public void Next_DifferentSeeds_GiveDifferentPoints()
    {
        var a = new DomainSampler(Assumptions.None, [X], 1).Next().Values[X];
        var b = new DomainSampler(Assumptions.None, [X], 2).Next().Values[X];
        Assert.That(a, Is.Not.EqualTo(b));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Next_ScaleNotFinitePositive_Throws(double scale)
    {
        var sampler = new DomainSampler(Assumptions.None, [X], 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Next(scale));
        Assert.That(error!.Message, Does.Contain("finite positive"));
    }

    [Test]
    public void Next_WideScale_ReachesBeyondTheUsualRange()
    {
        // The prover's every-fourth point: relu(x − 3) = 0 is refuted only by x > 3.
        var sampler = new DomainSampler(Assumptions.None, [X], 5);
        var values = Enumerable.Range(0, 200).Select(_ => sampler.Next(4).Values[X]).ToList();
        Assert.That(values.Max(), Is.GreaterThan(3).And.LessThanOrEqualTo(8));
        Assert.That(values.Min(), Is.LessThan(-3).And.GreaterThanOrEqualTo(-8));
    }
}
