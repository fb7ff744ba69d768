using System.Numerics;
using System.Runtime.CompilerServices;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Evaluation;

/// <summary>
/// The interpreter: evaluates an expression at a point over double, <see cref="Complex"/> (for the
/// complex-step derivative) or <see cref="Dual"/> numbers (forward-mode derivative).
/// </summary>
/// <remarks>
/// Stable forms are used automatically: σ via e^(−|x|), softplus via log1p, ln σ(u) = −softplus(−u),
/// ln(1 − σ(u)) = −softplus(u), 1 − σ(u) = σ(−u), common factors taken out of sums. Integer powers use
/// repeated multiplication (so a negative base works), x^(1/2) uses √x. NaN and ±∞ follow IEEE 754 and
/// are returned, never thrown: ln(−1) is NaN, 1/0 is ∞. Each distinct subexpression is evaluated once;
/// the flattened form of an expression is cached per instance, so evaluating the same expression at
/// many points is cheap. Real results are bit-identical to <see cref="Compiler"/>'s delegates.
/// </remarks>
/// <example>
/// <code>
/// var z = Expr.Sym("z");
/// Evaluator.Evaluate(Expr.Ln(Expr.Sigmoid(z)), new Dictionary&lt;Symbol, double&gt; { [z] = -800 }); // -800, not -∞
/// </code>
/// </example>
public static class Evaluator
{
    /// <summary>The value of <paramref name="e"/> with each symbol given by <paramref name="values"/>.</summary>
    /// <exception cref="SymbolicEvaluationException">A symbol of <paramref name="e"/> has no value; the message names it.</exception>
    public static double Evaluate(Expr e, IReadOnlyDictionary<Symbol, double> values)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(values);
        return Walk<double, RealAlgebra>(e, values);
    }

    /// <summary>
    /// The value over the complex numbers: the analytic continuation of the real expression, suited to
    /// the complex step f'(x) ≈ Im f(x + ih)/h. relu, abs, sign and step act through the real part
    /// (abs(z) = ±z by the sign of Re z), which is their analytic continuation away from the kink.
    /// </summary>
    /// <exception cref="SymbolicEvaluationException">A symbol has no value.</exception>
    public static Complex EvaluateComplex(Expr e, IReadOnlyDictionary<Symbol, Complex> values)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(values);
        return Walk<Complex, ComplexAlgebra>(e, values);
    }

    /// <summary>The value over dual numbers: seed one symbol with derivative 1 to get ∂e/∂symbol.</summary>
    /// <exception cref="SymbolicEvaluationException">A symbol has no value.</exception>
    public static Dual EvaluateDual(Expr e, IReadOnlyDictionary<Symbol, Dual> values)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(values);
        return Walk<Dual, DualAlgebra>(e, values);
    }

    /// <summary>(e, ∂e/∂<paramref name="direction"/>) at the point, by dual numbers.</summary>
    /// <exception cref="SymbolicEvaluationException">A symbol has no value.</exception>
    public static Dual EvaluateDual(Expr e, IReadOnlyDictionary<Symbol, double> values, Symbol direction)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(direction);
        var duals = values.ToDictionary(kv => kv.Key, kv => new Dual(kv.Value, kv.Key.Equals(direction) ? 1 : 0));
        return EvaluateDual(e, duals);
    }

    /// <summary>
    /// The complex-step derivative Im e(x + ih)/h with respect to <paramref name="direction"/>: no
    /// subtractive cancellation, so h can be tiny (default 1e−20) and the result is accurate to rounding.
    /// </summary>
    /// <exception cref="SymbolicEvaluationException">A symbol has no value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When h is not positive and finite.</exception>
    public static double ComplexStepDerivative(Expr e, IReadOnlyDictionary<Symbol, double> values, Symbol direction, double h = 1e-20)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(direction);
        if (!(h > 0) || double.IsInfinity(h))
        {
            throw new ArgumentOutOfRangeException(nameof(h), h, "the complex step must be positive and finite");
        }

        var complex = values.ToDictionary(kv => kv.Key, kv => new Complex(kv.Value, kv.Key.Equals(direction) ? h : 0));
        return EvaluateComplex(e, complex).Imaginary / h;
    }

    private static T Walk<T, TAlgebra>(Expr e, IReadOnlyDictionary<Symbol, T> values)
        where TAlgebra : IScalarAlgebra<T>
    {
        var plan = EvaluationPlan.For(e);
        var registers = new T[plan.Symbols.Length + plan.Code.Length];
        for (var i = 0; i < plan.Symbols.Length; i++)
        {
            var s = plan.Symbols[i];
            registers[i] = values.TryGetValue(s, out var v)
                ? v
                : throw new SymbolicEvaluationException(s, $"symbol '{s}' has no value");
        }

        var offset = plan.Symbols.Length;
        for (var k = 0; k < plan.Code.Length; k++)
        {
            var op = plan.Code[k];
            T result;
            switch (op.Op)
            {
                case Operation.Constant:
                    result = TAlgebra.FromDouble(op.Constant);
                    break;
                case Operation.Sum:
                    result = registers[op.Arguments[0]];
                    for (var j = 1; j < op.Arguments.Length; j++)
                    {
                        result = TAlgebra.Add(result, registers[op.Arguments[j]]);
                    }

                    break;
                case Operation.Product:
                    result = registers[op.Arguments[0]];
                    for (var j = 1; j < op.Arguments.Length; j++)
                    {
                        result = TAlgebra.Multiply(result, registers[op.Arguments[j]]);
                    }

                    break;
                case Operation.IntegerPower:
                    result = TAlgebra.IntPow(registers[op.Arguments[0]], op.IntegerExponent);
                    break;
                case Operation.SquareRoot:
                    result = TAlgebra.Apply(FunctionKind.Sqrt, registers[op.Arguments[0]]);
                    break;
                case Operation.ReciprocalSquareRoot:
                    result = TAlgebra.IntPow(TAlgebra.Apply(FunctionKind.Sqrt, registers[op.Arguments[0]]), -1);
                    break;
                case Operation.Power:
                    result = TAlgebra.Pow(registers[op.Arguments[0]], registers[op.Arguments[1]]);
                    break;
                default:
                    result = TAlgebra.Apply(op.Function, registers[op.Arguments[0]]);
                    break;
            }

            registers[offset + k] = result;
        }

        return registers[plan.Result];
    }
}

/// <summary>
/// An expression flattened for the interpreter: its stable form's distinct nodes in dependency order,
/// each reading earlier registers (symbols first). Built once per expression instance and cached, so
/// repeated evaluation (numeric witnesses at many points) costs one pass over an array.
/// </summary>
internal sealed class EvaluationPlan
{
    private static readonly ConditionalWeakTable<Expr, EvaluationPlan> Cache = [];

    private EvaluationPlan(Symbol[] symbols, Instruction[] code, int result)
    {
        Symbols = symbols;
        Code = code;
        Result = result;
    }

    public Symbol[] Symbols { get; }

    public Instruction[] Code { get; }

    public int Result { get; }

    public static EvaluationPlan For(Expr e) => Cache.GetValue(e, Build);

    private static EvaluationPlan Build(Expr e)
    {
        var lowered = StableForms.Lower(e);
        var symbols = lowered.Symbols().ToArray();
        var registers = new Dictionary<Expr, int>();
        for (var i = 0; i < symbols.Length; i++)
        {
            registers[symbols[i]] = i;
        }

        var code = new List<Instruction>();
        var result = Emit(lowered, registers, code, symbols.Length);
        return new EvaluationPlan(symbols, [.. code], result);
    }

    private static int Emit(Expr e, Dictionary<Expr, int> registers, List<Instruction> code, int offset)
    {
        if (registers.TryGetValue(e, out var known))
        {
            return known;
        }

        int[] Arguments(IEnumerable<Expr> children) => [.. children.Select(c => Emit(c, registers, code, offset))];

        var instruction = e switch
        {
            Number n => new Instruction(Operation.Constant, [], n.ToDouble()),
            Sum s => new Instruction(Operation.Sum, Arguments(s.Terms)),
            Product p => new Instruction(Operation.Product, Arguments(p.Factors)),
            Power p => PowerKind.Of(p) switch
            {
                (PowerKind.Integer, var k) => new Instruction(Operation.IntegerPower, Arguments([p.Base])) { IntegerExponent = k },
                (PowerKind.SquareRoot, _) => new Instruction(Operation.SquareRoot, Arguments([p.Base])),
                (PowerKind.ReciprocalSquareRoot, _) => new Instruction(Operation.ReciprocalSquareRoot, Arguments([p.Base])),
                _ => new Instruction(Operation.Power, Arguments([p.Base, p.Exponent])),
            },
            Function f => new Instruction(Operation.Function, Arguments([f.Argument])) { Function = f.Kind },
            _ => throw new ArgumentException($"unknown expression node {e.GetType().Name}", nameof(e)),
        };
        code.Add(instruction);
        var register = offset + code.Count - 1;
        registers[e] = register;
        return register;
    }
}

internal enum Operation
{
    Constant,
    Sum,
    Product,
    IntegerPower,
    SquareRoot,
    ReciprocalSquareRoot,
    Power,
    Function,
}

internal readonly record struct Instruction(Operation Op, int[] Arguments, double Constant = 0)
{
    public int IntegerExponent { get; init; }

    public FunctionKind Function { get; init; }
}

/// <summary>How a power is evaluated: shared by the interpreter and the compiler so they agree bit for bit.</summary>
internal static class PowerKind
{
    public const int General = 0;
    public const int Integer = 1;
    public const int SquareRoot = 2;
    public const int ReciprocalSquareRoot = 3;

    private static readonly Rational Half = new(1, 2);

    public static (int Kind, int IntegerExponent) Of(Power p) => p.Exponent switch
    {
        Number { Value: { IsInteger: true } e } when e.Numerator >= int.MinValue + 1 && e.Numerator <= int.MaxValue =>
            (Integer, (int)e.Numerator),
        Number { Value: var e } when e == Half => (SquareRoot, 0),
        Number { Value: var e } when e == -Half => (ReciprocalSquareRoot, 0),
        _ => (General, 0),
    };
}

/// <summary>The arithmetic an evaluation needs, over one scalar type.</summary>
internal interface IScalarAlgebra<T>
{
    static abstract T FromDouble(double value);

    static abstract T Add(T left, T right);

    static abstract T Multiply(T left, T right);

    static abstract T IntPow(T value, int exponent);

    static abstract T Pow(T value, T exponent);

    static abstract T Apply(FunctionKind kind, T argument);
}

internal readonly struct RealAlgebra : IScalarAlgebra<double>
{
    public static double FromDouble(double value) => value;

    public static double Add(double left, double right) => left + right;

    public static double Multiply(double left, double right) => left * right;

    public static double IntPow(double value, int exponent) => exponent switch
    {
        2 => value * value,
        -1 => 1.0 / value,
        _ => StableMath.IntPow(value, exponent),
    };

    public static double Pow(double value, double exponent) => Math.Pow(value, exponent);

    public static double Apply(FunctionKind kind, double x) => kind switch
    {
        FunctionKind.Exp => Math.Exp(x),
        FunctionKind.Ln => Math.Log(x),
        FunctionKind.Sqrt => Math.Sqrt(x),
        FunctionKind.Sigmoid => StableMath.Sigmoid(x),
        FunctionKind.Tanh => Math.Tanh(x),
        FunctionKind.Relu => StableMath.Relu(x),
        FunctionKind.Abs => Math.Abs(x),
        FunctionKind.Sign => StableMath.Sign(x),
        FunctionKind.Step => StableMath.Step(x),
        FunctionKind.Softplus => StableMath.Softplus(x),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown function kind"),
    };
}

internal readonly struct DualAlgebra : IScalarAlgebra<Dual>
{
    public static Dual FromDouble(double value) => Dual.Constant(value);

    public static Dual Add(Dual left, Dual right) => left + right;

    public static Dual Multiply(Dual left, Dual right) => left * right;

    public static Dual IntPow(Dual value, int exponent) => Dual.IntPow(value, exponent);

    public static Dual Pow(Dual value, Dual exponent) => Dual.Pow(value, exponent);

    public static Dual Apply(FunctionKind kind, Dual argument) => Dual.Apply(kind, argument);
}

internal readonly struct ComplexAlgebra : IScalarAlgebra<Complex>
{
    public static Complex FromDouble(double value) => new(value, 0);

    public static Complex Add(Complex left, Complex right) => left + right;

    public static Complex Multiply(Complex left, Complex right) => left * right;

    // Repeated multiplication, not exp(n·log z): the latter leaves spurious imaginary parts of order
    // 1e-16·|z|^n at a negative base, which would swamp a complex step of 1e-20.
    public static Complex IntPow(Complex value, int exponent)
    {
        var n = Math.Abs((long)exponent);
        var result = Complex.One;
        var power = value;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result *= power;
            }

            n >>= 1;
            if (n > 0)
            {
                power *= power;
            }
        }

        return exponent < 0 ? Complex.One / result : result;
    }

    public static Complex Pow(Complex value, Complex exponent) =>
        value == Complex.Zero ? (exponent.Real > 0 ? Complex.Zero : new Complex(double.PositiveInfinity, 0)) : Complex.Pow(value, exponent);

    public static Complex Apply(FunctionKind kind, Complex z) => kind switch
    {
        FunctionKind.Exp => Complex.Exp(z),
        FunctionKind.Ln => Complex.Log(z),
        FunctionKind.Sqrt => Complex.Sqrt(z),
        FunctionKind.Sigmoid => Sigmoid(z),
        FunctionKind.Tanh => Tanh(z),
        FunctionKind.Relu => z.Real > 0 ? z : z.Real <= 0 ? Complex.Zero : new Complex(double.NaN, double.NaN),
        FunctionKind.Abs => z.Real >= 0 ? z : -z,
        FunctionKind.Sign => new Complex(StableMath.Sign(z.Real), 0),
        FunctionKind.Step => new Complex(StableMath.Step(z.Real), 0),
        FunctionKind.Softplus => Softplus(z),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown function kind"),
    };

    // Same stable branches as the real σ: exp of a non-positive real part only.
    private static Complex Sigmoid(Complex z)
    {
        if (z.Real >= 0)
        {
            return Complex.One / (Complex.One + Complex.Exp(-z));
        }

        var e = Complex.Exp(z);
        return e / (Complex.One + e);
    }

    // tanh z = (1 − e^(−2z))/(1 + e^(−2z)) for Re z ≥ 0 (odd otherwise): no overflow, unlike sinh/cosh.
    private static Complex Tanh(Complex z)
    {
        if (z.Real < 0)
        {
            return -Tanh(-z);
        }

        var t = Complex.Exp(-2 * z);
        return (Complex.One - t) / (Complex.One + t);
    }

    private static Complex Softplus(Complex z) =>
        z.Real > 0 ? z + Log1p(Complex.Exp(-z)) : Log1p(Complex.Exp(z));

    // log(1 + w) keeping the real part accurate for small |w|.
    private static Complex Log1p(Complex w) =>
        Complex.Abs(w) < 1e-4
            ? w - (w * w / 2) + (w * w * w / 3) - (w * w * w * w / 4)
            : Complex.Log(Complex.One + w);
}
