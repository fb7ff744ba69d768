using FsCheck;
using FsCheck.Fluent;

namespace GradCheck.TestSupport;

/// <summary>A point (length 1–8) whose entries are in [−3, 3]: smooth activations and losses are well conditioned there.</summary>
/// <param name="Values">The coordinates.</param>
public sealed record WellConditionedPoint(double[] Values)
{
    /// <inheritdoc/>
    public override string ToString() => $"WellConditionedPoint [{Text.Join(Values)}]";
}

/// <summary>A probability vector (2–8 classes, every entry ≥ 1e−3, summing to 1).</summary>
/// <param name="Values">The probabilities.</param>
public sealed record ProbabilityVector(double[] Values)
{
    /// <inheritdoc/>
    public override string ToString() => $"ProbabilityVector [{Text.Join(Values)}]";
}

/// <summary>Logits (2–8 classes, in [−3, 3]) with a one-hot target label.</summary>
/// <param name="Logits">The logits.</param>
/// <param name="Label">The target class.</param>
public sealed record LabelledLogits(double[] Logits, int Label)
{
    /// <summary>The one-hot target vector.</summary>
    public double[] Target
    {
        get
        {
            var y = new double[Logits.Length];
            y[Label] = 1;
            return y;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"LabelledLogits [{Text.Join(Logits)}] label {Label}";
}

/// <summary>A one-hot target vector (2–8 classes) with its label.</summary>
/// <param name="Values">The vector: 1 at <paramref name="Label"/>, 0 elsewhere.</param>
/// <param name="Label">The hot class.</param>
public sealed record OneHotTarget(double[] Values, int Label)
{
    /// <inheritdoc/>
    public override string ToString() => $"OneHotTarget [{Text.Join(Values)}] label {Label}";
}

/// <summary>A point (length 1–8, entries in [−3, 3]) at least 0.05 from every ReLU kink and max tie.</summary>
/// <param name="Values">The coordinates.</param>
public sealed record KinkFreePoint(double[] Values)
{
    /// <inheritdoc/>
    public override string ToString() => $"KinkFreePoint [{Text.Join(Values)}]";
}

/// <summary>A small matrix (1–6 × 1–6, entries in [−1, 1]).</summary>
/// <param name="Value">The matrix.</param>
public sealed record SmallMatrix(Matrix Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value.ToString();
}

/// <summary>
/// Arbitraries for <c>[Property(Arbitrary = new[] { typeof(Arbitraries) })]</c>: each public
/// static method supplies one of the wrapper types above.
/// </summary>
public static class Arbitraries
{
    /// <summary>Well-conditioned points.</summary>
    public static Arbitrary<WellConditionedPoint> WellConditionedPoints() =>
        Arb.From(Generators.Length(1, 8).SelectMany(n => Generators.WellConditionedPoint(n)).Select(v => new WellConditionedPoint(v)));

    /// <summary>Probability vectors.</summary>
    public static Arbitrary<ProbabilityVector> ProbabilityVectors() =>
        Arb.From(Generators.Length(2, 8).SelectMany(k => Generators.ProbabilityVector(k)).Select(p => new ProbabilityVector(p)));

    /// <summary>Logits with one-hot labels.</summary>
    public static Arbitrary<LabelledLogits> LabelledLogits() =>
        Arb.From(Generators.Length(2, 8).SelectMany(k =>
            Generators.Vector(k, 3).SelectMany(z => Generators.Label(k).Select(label => new LabelledLogits(z, label)))));

    /// <summary>One-hot targets.</summary>
    public static Arbitrary<OneHotTarget> OneHotTargets() =>
        Arb.From(Generators.Length(2, 8).SelectMany(Generators.OneHot).Select(y => new OneHotTarget(y, Array.IndexOf(y, 1.0))));

    /// <summary>Points away from kinks.</summary>
    public static Arbitrary<KinkFreePoint> KinkFreePoints() =>
        Arb.From(Generators.Length(1, 8).SelectMany(n => Generators.AwayFromKinks(n, 3, 0.05)).Select(v => new KinkFreePoint(v)));

    /// <summary>Small matrices.</summary>
    public static Arbitrary<SmallMatrix> SmallMatrices() =>
        Arb.From(Generators.Length(1, 6).SelectMany(r =>
            Generators.Length(1, 6).SelectMany(c => Generators.Matrix(r, c))).Select(m => new SmallMatrix(m)));
}
