using System.Numerics;
using GradCheck.Training.Models;

namespace GradCheck.Training.Engine;

/// <summary>Elementwise activations and their backward products, part of the engine's math seam.</summary>
internal static class ActivationMath
{
    /// <summary>a = σ(z) elementwise.</summary>
    public static void Forward<T>(Activation activation, ReadOnlySpan<T> z, Span<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
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
                    a[i] = z[i] > T.Zero ? z[i] : T.Zero;
                }

                break;
            case ActivationKind.ScaledRelu:
                for (var i = 0; i < z.Length; i++)
                {
                    a[i] = z[i] > T.Zero ? parameter * z[i] : T.Zero;
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

    /// <summary>result = upstream ⊙ σ'(z), with σ' taken from the output a where that is cheaper (σ, tanh).</summary>
    public static void Backward<T>(Activation activation, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> upstream, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
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
                    result[i] = z[i] > T.Zero ? upstream[i] : T.Zero;
                }

                break;
            case ActivationKind.ScaledRelu:
                for (var i = 0; i < z.Length; i++)
                {
                    result[i] = z[i] > T.Zero ? parameter * upstream[i] : T.Zero;
                }

                break;
            case ActivationKind.LeakyRelu:
                for (var i = 0; i < z.Length; i++)
                {
                    result[i] = z[i] > T.Zero ? upstream[i] : parameter * upstream[i];
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, "unknown activation kind.");
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
