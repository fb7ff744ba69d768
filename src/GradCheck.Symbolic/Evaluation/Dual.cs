using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Evaluation;

/// <summary>
/// A dual number a + b·ε with ε² = 0: <see cref="Value"/> a and <see cref="Derivative"/> b. Evaluating
/// f at (x, 1) gives (f(x), f'(x)) exactly up to rounding (forward-mode automatic differentiation).
/// </summary>
/// <example><code>Dual.Sigmoid(new Dual(0, 1)); // Value 0.5, Derivative 0.25</code></example>
public readonly record struct Dual(double Value, double Derivative)
{
    /// <summary>A constant (derivative 0).</summary>
    public static Dual Constant(double value) => new(value, 0);

    /// <summary>The independent variable at <paramref name="value"/> (derivative 1).</summary>
    public static Dual Variable(double value) => new(value, 1);

    /// <summary>(a + b) and (a' + b').</summary>
    public static Dual operator +(Dual left, Dual right) => new(left.Value + right.Value, left.Derivative + right.Derivative);

    /// <summary>(a − b) and (a' − b').</summary>
    public static Dual operator -(Dual left, Dual right) => new(left.Value - right.Value, left.Derivative - right.Derivative);

    /// <summary>−a and −a'.</summary>
    public static Dual operator -(Dual value) => new(-value.Value, -value.Derivative);

    /// <summary>(ab)' = a'b + ab'.</summary>
    public static Dual operator *(Dual left, Dual right) =>
        new(left.Value * right.Value, (left.Derivative * right.Value) + (left.Value * right.Derivative));

    /// <summary>(a/b)' = (a'b − ab')/b².</summary>
    public static Dual operator /(Dual left, Dual right) =>
        new(left.Value / right.Value, ((left.Derivative * right.Value) - (left.Value * right.Derivative)) / (right.Value * right.Value));

    /// <summary>Named alternative to <c>+</c>.</summary>
    public static Dual Add(Dual left, Dual right) => left + right;

    /// <summary>Named alternative to <c>-</c>.</summary>
    public static Dual Subtract(Dual left, Dual right) => left - right;

    /// <summary>Named alternative to unary <c>-</c>.</summary>
    public static Dual Negate(Dual value) => -value;

    /// <summary>Named alternative to <c>*</c>.</summary>
    public static Dual Multiply(Dual left, Dual right) => left * right;

    /// <summary>Named alternative to <c>/</c>.</summary>
    public static Dual Divide(Dual left, Dual right) => left / right;

    /// <summary>x^n: n·x^(n−1)·x'.</summary>
    public static Dual IntPow(Dual x, int n) =>
        n == 0 ? new Dual(1, 0) : new(StableMath.IntPow(x.Value, n), n * StableMath.IntPow(x.Value, n - 1) * x.Derivative);

    /// <summary>x^y: x^y·(y'·ln x + y·x'/x); with y' = 0, y·x^(y−1)·x' (no logarithm of x needed).</summary>
    public static Dual Pow(Dual x, Dual y)
    {
        var value = Math.Pow(x.Value, y.Value);
        var derivative = y.Derivative == 0
            ? y.Value * Math.Pow(x.Value, y.Value - 1) * x.Derivative
            : value * ((y.Derivative * Math.Log(x.Value)) + (y.Value * x.Derivative / x.Value));
        return new Dual(value, derivative);
    }

    /// <summary>e^x: (e^x, e^x·x').</summary>
    public static Dual Exp(Dual x)
    {
        var e = Math.Exp(x.Value);
        return new Dual(e, e * x.Derivative);
    }

    /// <summary>ln x: (ln x, x'/x).</summary>
    public static Dual Log(Dual x) => new(Math.Log(x.Value), x.Derivative / x.Value);

    /// <summary>√x: (√x, x'/(2√x)).</summary>
    public static Dual Sqrt(Dual x)
    {
        var s = Math.Sqrt(x.Value);
        return new Dual(s, x.Derivative / (2 * s));
    }

    /// <summary>σ(x): (σ, σ(1 − σ)·x'), σ computed stably.</summary>
    public static Dual Sigmoid(Dual x)
    {
        var s = StableMath.Sigmoid(x.Value);
        return new Dual(s, s * StableMath.Sigmoid(-x.Value) * x.Derivative);
    }

    /// <summary>tanh x: (t, (1 − t²)·x').</summary>
    public static Dual Tanh(Dual x)
    {
        var t = Math.Tanh(x.Value);
        return new Dual(t, (1 - (t * t)) * x.Derivative);
    }

    /// <summary>softplus x: (softplus x, σ(x)·x').</summary>
    public static Dual Softplus(Dual x) => new(StableMath.Softplus(x.Value), StableMath.Sigmoid(x.Value) * x.Derivative);

    /// <summary>The function of the given kind; relu/abs/sign/step use the derivative away from 0.</summary>
    public static Dual Apply(FunctionKind kind, Dual x) => kind switch
    {
        FunctionKind.Exp => Exp(x),
        FunctionKind.Ln => Log(x),
        FunctionKind.Sqrt => Sqrt(x),
        FunctionKind.Sigmoid => Sigmoid(x),
        FunctionKind.Tanh => Tanh(x),
        FunctionKind.Relu => new(StableMath.Relu(x.Value), StableMath.Step(x.Value) * x.Derivative),
        FunctionKind.Abs => new(Math.Abs(x.Value), StableMath.Sign(x.Value) * x.Derivative),
        FunctionKind.Sign => new(StableMath.Sign(x.Value), 0),
        FunctionKind.Step => new(StableMath.Step(x.Value), 0),
        FunctionKind.Softplus => Softplus(x),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown function kind"),
    };
}
