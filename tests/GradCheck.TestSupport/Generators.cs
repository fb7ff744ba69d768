using FsCheck;
using FsCheck.Fluent;

namespace GradCheck.TestSupport;

/// <summary>
/// FsCheck generators for numeric tests: points where functions are well conditioned, probability
/// vectors, one-hot labels, matrices of a given shape, and samplers that keep away from kinks.
/// Doubles are drawn on a grid of 2³⁰ steps across the interval, which is fine enough for
/// numerics tests and keeps every value reproducible from FsCheck's seed.
/// </summary>
public static class Generators
{
    private const int Resolution = 1 << 30;

    /// <summary>A double uniform on [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <exception cref="ArgumentException">The interval is empty or not finite.</exception>
    public static Gen<double> Uniform(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || !(low <= high))
        {
            throw new ArgumentException($"Uniform needs a finite interval with low ≤ high, got [{low}, {high}].", nameof(low));
        }

        return Gen.Choose(0, Resolution).Select(k => low + ((high - low) * k / Resolution));
    }

    /// <summary>A vector of <paramref name="length"/> doubles uniform on [−bound, bound].</summary>
    public static Gen<double[]> Vector(int length, double bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return Uniform(-bound, bound).ArrayOf(length);
    }

    /// <summary>
    /// A point of moderate entries (|xᵢ| ≤ <paramref name="bound"/>, default 3) where the usual
    /// activations and losses are well conditioned: σ, tanh and softplus keep derivatives above
    /// about 0.02 and exp stays far from overflow.
    /// </summary>
    public static Gen<double[]> WellConditionedPoint(int length, double bound = 3) => Vector(length, bound);

    /// <summary>A length drawn from [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Gen<int> Length(int min, int max) => Gen.Choose(min, max);

    /// <summary>
    /// A probability vector of <paramref name="classes"/> entries, each at least
    /// <paramref name="minProbability"/>, summing to 1 (softmax of uniform logits on [−3, 3], then
    /// mixed with the uniform vector to respect the floor).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">classes &lt; 1, or the floor is not in [0, 1/classes).</exception>
    public static Gen<double[]> ProbabilityVector(int classes, double minProbability = 1e-3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (!(minProbability >= 0 && minProbability * classes < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minProbability), minProbability, "The floor must be in [0, 1/classes).");
        }

        return Vector(classes, 3).Select(logits =>
        {
            var max = logits.Max();
            var p = logits.Select(z => Math.Exp(z - max)).ToArray();
            var sum = p.Sum();
            var mix = minProbability * classes;
            for (var i = 0; i < p.Length; i++)
            {
                p[i] = ((1 - mix) * p[i] / sum) + minProbability;
            }

            return p;
        });
    }

    /// <summary>A class label in [0, <paramref name="classes"/>).</summary>
    public static Gen<int> Label(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        return Gen.Choose(0, classes - 1);
    }

    /// <summary>A one-hot vector of <paramref name="classes"/> entries.</summary>
    public static Gen<double[]> OneHot(int classes) => Label(classes).Select(label =>
    {
        var y = new double[classes];
        y[label] = 1;
        return y;
    });

    /// <summary>A row-major matrix of the given shape with entries uniform on [−bound, bound].</summary>
    public static Gen<Matrix> Matrix(int rows, int columns, double bound = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        return Vector(rows * columns, bound).Select(values => new Matrix(rows, columns, values));
    }

    /// <summary>
    /// A matrix with Glorot-uniform entries for a layer of <paramref name="inputs"/> → <paramref name="outputs"/>
    /// (stored outputs × inputs): bound √(6/(inputs + outputs)), so activations stay O(1).
    /// </summary>
    public static Gen<Matrix> GlorotMatrix(int outputs, int inputs) =>
        Matrix(outputs, inputs, Math.Sqrt(6.0 / Math.Max(1, inputs + outputs)));

    /// <summary>
    /// A point at least <paramref name="margin"/> away from every kink of ReLU/abs (|xᵢ| ≥ margin) and
    /// from every tie of max (|xᵢ − xⱼ| ≥ margin): redraws until it is (the expected number of
    /// redraws is small while length·margin/bound is).
    /// </summary>
    public static Gen<double[]> AwayFromKinks(int length, double bound, double margin) =>
        AwayFrom(Vector(length, bound), point => KinkDistance(point), margin);

    /// <summary>Keeps only values whose distance to the nearest kink, as measured by <paramref name="distanceToKink"/>, is at least <paramref name="margin"/>.</summary>
    public static Gen<T> AwayFrom<T>(Gen<T> generator, Func<T, double> distanceToKink, double margin)
    {
        ArgumentNullException.ThrowIfNull(distanceToKink);
        return generator.Where(value => distanceToKink(value) >= margin);
    }

    /// <summary>The distance of a point to the kinks of ReLU in each coordinate and of max over its entries.</summary>
    public static double KinkDistance(IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var distance = double.PositiveInfinity;
        for (var i = 0; i < point.Count; i++)
        {
            distance = Math.Min(distance, Math.Abs(point[i]));
            for (var j = i + 1; j < point.Count; j++)
            {
                distance = Math.Min(distance, Math.Abs(point[i] - point[j]));
            }
        }

        return distance;
    }

    /// <summary>Draws one value from a generator with a fixed seed, for example-based tests and benchmarks.</summary>
    public static T SampleOne<T>(this Gen<T> generator, int seed, int size = 10) =>
        Gen.Sample(generator, size, Rnd(seed), 1)[0];

    private static Rnd Rnd(int seed) => new((ulong)(uint)seed, 0x9E3779B97F4A7C15UL | 1UL);
}

/// <summary>A row-major matrix: entry (r, c) at index r·<see cref="Columns"/> + c.</summary>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">Number of columns.</param>
/// <param name="Values">The entries, row-major.</param>
public sealed record Matrix(int Rows, int Columns, double[] Values)
{
    /// <summary>Entry (r, c).</summary>
    public double this[int row, int column] => Values[(row * Columns) + column];

    /// <inheritdoc/>
    public override string ToString() => $"{Rows}×{Columns} [{Text.Join(Values)}]";
}
