using System.Numerics;
using GradCheck.Training.Models;
using K = GradCheck.Kernels.Activations;

namespace GradCheck.Training.Engine;

/// <summary>Elementwise activations and their backward products, part of the engine's math seam.</summary>
internal static class ActivationMath
{
    /// <summary>a = σ(z) elementwise; NaN stays NaN (the kernels' policy, so a NaN is never masked to 0 by a ReLU).</summary>
    public static void Forward<T>(Activation activation, ReadOnlySpan<T> z, Span<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (TensorMath.UseKernels && activation.Kind != ActivationKind.Identity)
        {
            if (typeof(T) == typeof(float))
            {
                ForwardKernel(activation, TensorMath.F(z), TensorMath.F(a));
                return;
            }

            if (typeof(T) == typeof(double))
            {
                ForwardKernel(activation, TensorMath.D(z), TensorMath.D(a));
                return;
            }
        }

        var parameter = T.CreateChecked(activation.Parameter);
        switch (activation.Kind)
        {
            case ActivationKind.Identity:
                z.CopyTo(a);
                break;
            case ActivationKind.Sigmoid:
                for (var i = 0; i < z.Length; i++)
                {
                    a[i] = Sigmoid(z[i]);
                }

                break;
            case ActivationKind.Tanh:
                for (var i = 0; i < z.Length; i++)
                {
                    a[i] = T.Tanh(z[i]);
                }

                break;
            case ActivationKind.Relu:
                for (var i = 0; i < z.Length; i++)
                {
                    a[i] = z[i] > T.Zero || T.IsNaN(z[i]) ? z[i] : T.Zero;
                }

                break;
            case ActivationKind.ScaledRelu:
                for (var i = 0; i < z.Length; i++)
                {
                    a[i] = z[i] > T.Zero || T.IsNaN(z[i]) ? parameter * z[i] : T.Zero;
                }

                break;
            case ActivationKind.LeakyRelu:
                for (var i = 0; i < z.Length; i++)
                {
                    a[i] = z[i] > T.Zero ? z[i] : parameter * z[i];
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, "unknown activation kind.");
        }
    }

    /// <summary>result = upstream ⊙ σ'(z), with σ' taken from the output a where that is cheaper (σ, tanh); a NaN in z stays NaN.</summary>
    public static void Backward<T>(Activation activation, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> upstream, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (TensorMath.UseKernels && activation.Kind != ActivationKind.Identity)
        {
            if (typeof(T) == typeof(float))
            {
                BackwardKernel(activation, TensorMath.F(z), TensorMath.F(a), TensorMath.F(upstream), TensorMath.F(result));
                return;
            }

            if (typeof(T) == typeof(double))
            {
                BackwardKernel(activation, TensorMath.D(z), TensorMath.D(a), TensorMath.D(upstream), TensorMath.D(result));
                return;
            }
        }

        var parameter = T.CreateChecked(activation.Parameter);
        switch (activation.Kind)
        {
            case ActivationKind.Identity:
                upstream.CopyTo(result);
                break;
            case ActivationKind.Sigmoid:
                // σ'(z) = σ(z)(1 − σ(z))
                for (var i = 0; i < z.Length; i++)
                {
                    result[i] = upstream[i] * a[i] * (T.One - a[i]);
                }

                break;
            case ActivationKind.Tanh:
                // tanh'(z) = 1 − tanh²(z)
                for (var i = 0; i < z.Length; i++)
                {
                    result[i] = upstream[i] * (T.One - (a[i] * a[i]));
                }

                break;
            case ActivationKind.Relu:
                for (var i = 0; i < z.Length; i++)
                {
                    result[i] = z[i] > T.Zero ? upstream[i] : T.IsNaN(z[i]) ? z[i] : T.Zero;
                }

                break;
            case ActivationKind.ScaledRelu:
                for (var i = 0; i < z.Length; i++)
                {
                    result[i] = z[i] > T.Zero ? parameter * upstream[i] : T.IsNaN(z[i]) ? z[i] : T.Zero;
                }

                break;
            case ActivationKind.LeakyRelu:
                for (var i = 0; i < z.Length; i++)
                {
                    result[i] = z[i] > T.Zero ? upstream[i] : T.IsNaN(z[i]) ? z[i] : parameter * upstream[i];
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, "unknown activation kind.");
        }
    }

    private static void ForwardKernel(Activation activation, ReadOnlySpan<float> x, Span<float> y)
    {
        var p = (float)activation.Parameter;
        switch (activation.Kind)
        {
            case ActivationKind.Sigmoid: K.Sigmoid(x, y); break;
            case ActivationKind.Tanh: K.Tanh(x, y); break;
            case ActivationKind.Relu: K.Relu(x, y); break;
            case ActivationKind.ScaledRelu: K.ScaledRelu(x, y, p); break;
            case ActivationKind.LeakyRelu: K.LeakyRelu(x, y, p); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, "no kernel for this activation.");
        }
    }

    private static void ForwardKernel(Activation activation, ReadOnlySpan<double> x, Span<double> y)
    {
        var p = activation.Parameter;
        switch (activation.Kind)
        {
            case ActivationKind.Sigmoid: K.Sigmoid(x, y); break;
            case ActivationKind.Tanh: K.Tanh(x, y); break;
            case ActivationKind.Relu: K.Relu(x, y); break;
            case ActivationKind.ScaledRelu: K.ScaledRelu(x, y, p); break;
            case ActivationKind.LeakyRelu: K.LeakyRelu(x, y, p); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, "no kernel for this activation.");
        }
    }

    // σ and tanh take their derivative from the forward output, the ReLU family from the forward input.
    private static void BackwardKernel(Activation activation, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> upstream, Span<float> result)
    {
        var p = (float)activation.Parameter;
        switch (activation.Kind)
        {
            case ActivationKind.Sigmoid: K.SigmoidBackward(a, upstream, result); break;
            case ActivationKind.Tanh: K.TanhBackward(a, upstream, result); break;
            case ActivationKind.Relu: K.ReluBackward(z, upstream, result); break;
            case ActivationKind.ScaledRelu: K.ScaledReluBackward(z, upstream, result, p); break;
            case ActivationKind.LeakyRelu: K.LeakyReluBackward(z, upstream, result, p); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, "no kernel for this activation.");
        }
    }

    private static void BackwardKernel(Activation activation, ReadOnlySpan<double> z, ReadOnlySpan<double> a, ReadOnlySpan<double> upstream, Span<double> result)
    {
        var p = activation.Parameter;
        switch (activation.Kind)
        {
            case ActivationKind.Sigmoid: K.SigmoidBackward(a, upstream, result); break;
            case ActivationKind.Tanh: K.TanhBackward(a, upstream, result); break;
            case ActivationKind.Relu: K.ReluBackward(z, upstream, result); break;
            case ActivationKind.ScaledRelu: K.ScaledReluBackward(z, upstream, result, p); break;
            case ActivationKind.LeakyRelu: K.LeakyReluBackward(z, upstream, result, p); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, "no kernel for this activation.");
        }
    }

    /// <summary>The logistic function without overflow: e^{−|z|} never exceeds 1.</summary>
    public static T Sigmoid<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (z >= T.Zero)
        {
            return T.One / (T.One + T.Exp(-z));
        }

        var e = T.Exp(z);
        return e / (T.One + e);
    }
}
