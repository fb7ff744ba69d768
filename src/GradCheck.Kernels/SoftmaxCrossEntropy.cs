using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels;

/// <summary>The fused softmax + cross-entropy loss of a batch of logits and its gradient, in one sweep per row.</summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Returns the SUM over rows of −Σ_k y[r, k] · ln s[r, k], where s is the row-wise softmax of the logits
    /// and y the targets, and writes gradient[r, k] = s[r, k] − y[r, k] (the derivative of that sum with
    /// respect to the logits when each target row sums to 1). Callers averaging over a batch scale both by 1/rows.
    /// </summary>
    /// <remarks>
    /// <para>All three spans are row-major rows×cols. ln s is formed as (x − max) − ln Σ exp(x − max), so
    /// the loss stays finite and accurate for logits far apart (no log of an underflowed probability).</para>
    /// <para>gradient may be logits itself (in place) but must not partly overlap it, and must not overlap targets.</para>
    /// <para>NaN/∞ policy: a term with target exactly 0 contributes 0 even where the logit is −∞ (0·ln 0 = 0);
    /// a NaN or +∞ logit, or a NaN target, makes the loss and that row's gradient NaN.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">rows or cols is negative, a span's length is not rows×cols, or the spans overlap as described.</exception>
    public static double LossAndGradient(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets, Span<double> gradient, int rows, int cols) =>
        Run(logits, targets, gradient, rows, cols);

    /// <inheritdoc cref="LossAndGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int)"/>
    public static float LossAndGradient(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient, int rows, int cols) =>
        Run(logits, targets, gradient, rows, cols);

    private static T Run<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> gradient, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string kernel = "SoftmaxCrossEntropy.LossAndGradient";
        RowGuard.Check(kernel, logits, gradient, rows, cols, nameof(logits), nameof(gradient));
        Guard.MatrixLength(kernel, targets.Length, rows, cols, nameof(targets), nameof(rows), nameof(cols));
        Guard.NoOverlap(kernel, targets, gradient, nameof(targets), nameof(gradient));

        // The batch total accumulates in double so a float loss over many rows does not drift.
        double total = 0;
        T nextMax = rows > 0 ? RowMath.Max(logits[..cols]) : T.Zero;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> x = logits.Slice(r * cols, cols);
            ReadOnlySpan<T> y = targets.Slice(r * cols, cols);
            Span<T> g = gradient.Slice(r * cols, cols);
            T max = nextMax;
            (T sumExp, T sumTargets, T sumTargetShifted) = ExpAndTargetSums(x, y, max, g, RowMath.NextRow(logits, r, rows, cols), out nextMax);

            // −Σ y_k (d_k − ln Σe) with d = x − max: exact when the prediction is confident (no cancellation against max).
            // All-zero targets (or an empty row) skip every term, as 0·ln s = 0 says, even when ln Σe is infinite.
            T loss = (sumTargets == T.Zero ? T.Zero : T.Log(sumExp) * sumTargets) - sumTargetShifted;
            total += double.CreateTruncating(loss);
            Elementwise.Map(new ProbabilityMinusTarget<T>(T.One / sumExp), g, y, g);
        }

        return T.CreateTruncating(total);
    }

    /// <summary>
    /// g = exp(x − max); returns (Σ g, Σ y, Σ_{y≠0} y·(x − max)) and, like RowMath.ExpShiftedSum, the maximum of the
    /// next row while this row's exps are computed. In place (g = x) the next row is untouched here.
    /// </summary>
    [MethodImpl(Kernel.Loop)]
    private static (T SumExp, T SumTargets, T SumTargetShifted) ExpAndTargetSums<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, T max, Span<T> g, ReadOnlySpan<T> next, out T nextMax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        ref T gs = ref MemoryMarshal.GetReference(g);
        ref T ns = ref MemoryMarshal.GetReference(next);
        int n = x.Length;
        nextMax = T.NegativeInfinity;
        int i = 0;
        T sumExp = T.Zero, sumTargets = T.Zero, sumTargetShifted = T.Zero;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            Vector512<T> shift = Vector512.Create(max);
            Vector512<T> e = Vector512<T>.Zero, t = Vector512<T>.Zero, td = Vector512<T>.Zero, m = Vector512.Create(T.NegativeInfinity);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> d = Vector512.LoadUnsafe(ref xs, (nuint)i) - shift;
                Vector512<T> target = Vector512.LoadUnsafe(ref ys, (nuint)i);
                Vector512<T> ex = VectorMath.Exp(d);
                ex.StoreUnsafe(ref gs, (nuint)i);
                e += ex;
                t += target;
                td += Vector512.ConditionalSelect(Vector512.Equals(target, Vector512<T>.Zero), Vector512<T>.Zero, target * d);
                m = Vector512.MaxNative(m, Vector512.LoadUnsafe(ref ns, (nuint)i));
            }

            sumExp = Vector512.Sum(e);
            sumTargets = Vector512.Sum(t);
            sumTargetShifted = Vector512.Sum(td);
            nextMax = RowMath.HorizontalMax(m);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            Vector256<T> shift = Vector256.Create(max);
            Vector256<T> e = Vector256<T>.Zero, t = Vector256<T>.Zero, td = Vector256<T>.Zero, m = Vector256.Create(T.NegativeInfinity);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> d = Vector256.LoadUnsafe(ref xs, (nuint)i) - shift;
                Vector256<T> target = Vector256.LoadUnsafe(ref ys, (nuint)i);
                Vector256<T> ex = VectorMath.Exp(d);
                ex.StoreUnsafe(ref gs, (nuint)i);
                e += ex;
                t += target;
                td += Vector256.ConditionalSelect(Vector256.Equals(target, Vector256<T>.Zero), Vector256<T>.Zero, target * d);
                m = Vector256.MaxNative(m, Vector256.LoadUnsafe(ref ns, (nuint)i));
            }

            sumExp = Vector256.Sum(e);
            sumTargets = Vector256.Sum(t);
            sumTargetShifted = Vector256.Sum(td);
            nextMax = RowMath.HorizontalMax(m);
        }

        for (; i < n; i++)
        {
            T d = Unsafe.Add(ref xs, i) - max;
            T target = Unsafe.Add(ref ys, i);
            T ex = T.Exp(d);
            Unsafe.Add(ref gs, i) = ex;
            sumExp += ex;
            sumTargets += target;
            sumTargetShifted += target == T.Zero ? T.Zero : target * d;
            nextMax = RowMath.MaxStep(nextMax, Unsafe.Add(ref ns, i));
        }

        return (sumExp, sumTargets, sumTargetShifted);
    }

    /// <summary>(e, y) ↦ e · (1/Σe) − y: the softmax probability minus the target.</summary>
    private readonly struct ProbabilityMinusTarget<T>(T inverseSum) : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T e, T y) => (e * inverseSum) - y;

        public Vector256<T> Invoke(Vector256<T> e, Vector256<T> y) => (e * Vector256.Create(inverseSum)) - y;

        public Vector512<T> Invoke(Vector512<T> e, Vector512<T> y) => (e * Vector512.Create(inverseSum)) - y;
    }
}
