using System.Numerics;

namespace GradCheck.Numerics.Tests.Models;

/// <summary>A batch of inputs (row-major, Size × Features) with integer labels and 0/1 targets per class.</summary>
public sealed record Batch<T>(int Size, int Features, T[] Inputs, int[] Labels, int Classes)
    where T : IFloatingPointIeee754<T>
{
    public T Input(int b, int d) => Inputs[(b * Features) + d];

    /// <summary>Multi-label 0/1 target of sample b for class k (for sigmoid BCE: class k "on" when (label + k) is even).</summary>
    public T Target(int b, int k) => ((Labels[b] + k) % 2 == 0) ? T.One : T.Zero;

    public Batch<TOther> Convert<TOther>()
        where TOther : IFloatingPointIeee754<TOther> =>
        new(Size, Features, Inputs.Select(TOther.CreateChecked).ToArray(), Labels, Classes);
}

public static class Batches
{
    /// <summary>A batch with inputs uniform on [−1, 1] and uniform labels.</summary>
    public static Batch<T> Random<T>(Random random, int size, int features, int classes)
        where T : IFloatingPointIeee754<T>
    {
        var inputs = new T[size * features];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = T.CreateChecked((random.NextDouble() * 2) - 1);
        }

        var labels = Enumerable.Range(0, size).Select(_ => random.Next(classes)).ToArray();
        return new Batch<T>(size, features, inputs, labels, classes);
    }
}

internal static class Act
{
    public static T Sigmoid<T>(T z)
        where T : IFloatingPointIeee754<T> =>
        z >= T.Zero ? T.One / (T.One + T.Exp(-z)) : T.Exp(z) / (T.One + T.Exp(z));

    /// <summary>ln σ(z) = −softplus(−z), stable for both signs.</summary>
    public static T LogSigmoid<T>(T z)
        where T : IFloatingPointIeee754<T> =>
        z >= T.Zero ? -T.Log(T.One + T.Exp(-z)) : z - T.Log(T.One + T.Exp(z));

    /// <summary>Writes softmax(z) into s and returns log Σ exp z (max-subtracted).</summary>
    public static T Softmax<T>(ReadOnlySpan<T> z, Span<T> s)
        where T : IFloatingPointIeee754<T>
    {
        var max = z[0];
        foreach (var v in z)
        {
            max = T.Max(max, v);
        }

        var sum = T.Zero;
        for (var k = 0; k < z.Length; k++)
        {
            s[k] = T.Exp(z[k] - max);
            sum += s[k];
        }

        for (var k = 0; k < z.Length; k++)
        {
            s[k] /= sum;
        }

        return max + T.Log(sum);
    }
}
