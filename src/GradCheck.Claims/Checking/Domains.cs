using GradCheck.Symbolic.Expressions;

namespace GradCheck.Claims.Checking;

/// <summary>The domain numeric witnesses sample one symbol from.</summary>
internal abstract record ScalarDomain;

/// <summary>An interval; infinite ends are null. Samples stay a little inside open ends.</summary>
internal sealed record IntervalDomain(double? Lower, double? Upper, bool LowerOpen, bool UpperOpen) : ScalarDomain
{
    public static readonly IntervalDomain Default = new(-2, 2, false, false);

    public double Sample(Random random)
    {
        var u = random.NextDouble();
        switch (Lower, Upper)
        {
            case ({ } lo, { } hi):
                {
                    var width = hi - lo;
                    if (width <= 0)
                    {
                        return lo;
                    }

                    // Keep 2% of the width from an open end, where ln(y) or 1/(1 - y) blow up.
                    var from = lo + (LowerOpen ? 0.02 * width : 0);
                    var to = hi - (UpperOpen ? 0.02 * width : 0);
                    return from + (to - from) * u;
                }

            case ({ } lo, null):
                return lo + (LowerOpen ? 0.05 : 0) + 2 * u;
            case (null, { } hi):
                return hi - (UpperOpen ? 0.05 : 0) - 2 * u;
            default:
                return -2 + 4 * u;
        }
    }
}

/// <summary>A finite set of values.</summary>
internal sealed record DiscreteDomain(IReadOnlyList<double> Values) : ScalarDomain;

/// <summary>A vector of symbols constrained together: a probability vector or a one-hot vector.</summary>
internal sealed record VectorDomain(IReadOnlyList<Symbol> Entries, bool OneHot);

/// <summary>Where every symbol of one instance is sampled from.</summary>
internal sealed class DomainMap
{
    private readonly Dictionary<Symbol, ScalarDomain> _scalars = [];
    private readonly List<VectorDomain> _vectors = [];
    private readonly HashSet<Symbol> _inVector = [];

    public void SetScalar(Symbol symbol, ScalarDomain domain) => _scalars[symbol] = domain;

    public void AddVector(VectorDomain vector)
    {
        _vectors.Add(vector);
        foreach (var entry in vector.Entries)
        {
            _inVector.Add(entry);
        }
    }

    /// <summary>Draws a value for every symbol in <paramref name="symbols"/> (and every entry of a
    /// constrained vector that any of them belongs to).</summary>
    public Dictionary<Symbol, double> Sample(IEnumerable<Symbol> symbols, Random random)
    {
        var values = new Dictionary<Symbol, double>();
        foreach (var vector in _vectors)
        {
            if (vector.OneHot)
            {
                var hot = random.Next(vector.Entries.Count);
                for (var k = 0; k < vector.Entries.Count; k++)
                {
                    values[vector.Entries[k]] = k == hot ? 1 : 0;
                }
            }
            else
            {
                // A uniform point of the simplex: normalised exponential variates.
                var draws = vector.Entries.Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
                var total = draws.Sum();
                for (var k = 0; k < draws.Length; k++)
                {
                    values[vector.Entries[k]] = draws[k] / total;
                }
            }
        }

        foreach (var symbol in symbols)
        {
            if (values.ContainsKey(symbol))
            {
                continue;
            }

            values[symbol] = _scalars.TryGetValue(symbol, out var domain)
                ? domain switch
                {
                    IntervalDomain interval => interval.Sample(random),
                    DiscreteDomain discrete => discrete.Values[random.Next(discrete.Values.Count)],
                    _ => IntervalDomain.Default.Sample(random),
                }
                : IntervalDomain.Default.Sample(random);
        }

        return values;
    }
}
