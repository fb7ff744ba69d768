namespace GradCheck.Examples.Tests;

/// <summary>
/// A user's code under test: one dense layer with a sigmoid and a mean squared error,
/// L(W, b) = 1/m Σᵢ (σ((W x + b)ᵢ) − yᵢ)², and its hand-written backward pass.
/// </summary>
public sealed class DenseLayer(double[] input, double[] target)
{
    public double Loss(double[,] w, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < b.Length; i++)
        {
            var d = Sigmoid(Pre(w, b, i)) - target[i];
            sum += d * d;
        }

        return sum / b.Length;
    }

    /// <summary>∂L/∂bᵢ = 2/m (sᵢ − yᵢ) sᵢ (1 − sᵢ); ∂L/∂Wᵢⱼ = ∂L/∂bᵢ · xⱼ.</summary>
    public (double[,] DW, double[] Db) Backward(double[,] w, double[] b)
    {
        var dw = new double[b.Length, input.Length];
        var db = new double[b.Length];
        for (var i = 0; i < b.Length; i++)
        {
            var s = Sigmoid(Pre(w, b, i));
            db[i] = 2.0 / b.Length * (s - target[i]) * s * (1 - s);
            for (var j = 0; j < input.Length; j++)
            {
                dw[i, j] = db[i] * input[j];
            }
        }

        return (dw, db);
    }

    public float Loss32(float[] flat, int outputs)
    {
        var sum = 0f;
        for (var i = 0; i < outputs; i++)
        {
            var z = flat[(outputs * input.Length) + i];
            for (var j = 0; j < input.Length; j++)
            {
                z += flat[(i * input.Length) + j] * (float)input[j];
            }

            var d = (1 / (1 + MathF.Exp(-z))) - (float)target[i];
            sum += d * d;
        }

        return sum / outputs;
    }

    private double Pre(double[,] w, double[] b, int i)
    {
        var z = b[i];
        for (var j = 0; j < input.Length; j++)
        {
            z += w[i, j] * input[j];
        }

        return z;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
