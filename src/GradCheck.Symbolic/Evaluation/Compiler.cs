using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using GradCheck.Symbolic.Expressions;
using Linq = System.Linq.Expressions;

namespace GradCheck.Symbolic.Evaluation;

/// <summary>
/// Compiles expressions to delegates through System.Linq.Expressions. Every distinct subexpression that
/// is used more than once (within one expression or across the outputs of <see cref="CompileMany"/>) is
/// computed once into a local; each parameter is read from the input array once.
/// </summary>
/// <remarks>
/// Same numerics as <see cref="Evaluator"/> (the same stable forms and the same operation order), so a
/// delegate's result is bit-identical to the interpreter's. NaN and ±∞ propagate; nothing is thrown for
/// them. Compilation costs milliseconds: compile once, call many times.
/// </remarks>
/// <example>
/// <code>
/// var (x, y) = (Expr.Sym("x"), Expr.Sym("y"));
/// var f = Compiler.Compile(x * Expr.Exp(y), [x, y]);
/// f([2.0, 0.0]);  // 2
/// var grad = Compiler.CompileMany([Expr.Exp(y), x * Expr.Exp(y)], [x, y]);
/// var output = new double[2];
/// grad([2.0, 0.0], output);  // output = [1, 2]; exp(y) computed once
/// </code>
/// </example>
public static class Compiler
{
    private static readonly MethodInfo ExpMethod = Method(typeof(Math), nameof(Math.Exp));
    private static readonly MethodInfo LogMethod = Method(typeof(Math), nameof(Math.Log));
    private static readonly MethodInfo SqrtMethod = Method(typeof(Math), nameof(Math.Sqrt));
    private static readonly MethodInfo TanhMethod = Method(typeof(Math), nameof(Math.Tanh));
    private static readonly MethodInfo PowMethod = Method(typeof(Math), nameof(Math.Pow), typeof(double), typeof(double));
    private static readonly MethodInfo AbsMethod = Method(typeof(Math), nameof(Math.Abs));
    private static readonly MethodInfo SigmoidMethod = Method(typeof(StableMath), nameof(StableMath.Sigmoid));
    private static readonly MethodInfo SoftplusMethod = Method(typeof(StableMath), nameof(StableMath.Softplus));
    private static readonly MethodInfo ReluMethod = Method(typeof(StableMath), nameof(StableMath.Relu));
    private static readonly MethodInfo SignMethod = Method(typeof(StableMath), nameof(StableMath.Sign));
    private static readonly MethodInfo StepMethod = Method(typeof(StableMath), nameof(StableMath.Step));
    private static readonly MethodInfo IntPowMethod = Method(typeof(StableMath), nameof(StableMath.IntPow), typeof(double), typeof(int));
    private static readonly ConstructorInfo ArgumentExceptionConstructor = typeof(ArgumentException).GetConstructor([typeof(string)])!;

    /// <summary>
    /// A delegate computing <paramref name="e"/> from an array holding the value of
    /// <paramref name="parameters"/>[i] at index i.
    /// </summary>
    /// <exception cref="SymbolicEvaluationException">A symbol of <paramref name="e"/> is not among the parameters.</exception>
    /// <exception cref="ArgumentException">A parameter is listed twice. The delegate throws it when its input array is too short.</exception>
    public static Func<double[], double> Compile(Expr e, IReadOnlyList<Symbol> parameters)
    {
        ArgumentNullException.ThrowIfNull(e);
        var emitter = new Emitter(parameters, [e]);
        var result = emitter.Emit(e);
        var body = emitter.Block(result);
        return Linq.Expression.Lambda<Func<double[], double>>(body, emitter.Input).Compile();
    }

    /// <summary>
    /// A delegate writing <paramref name="outputs"/>[k] into <c>output[k]</c> for the input array
    /// (values of <paramref name="parameters"/> by index), sharing every common subexpression across
    /// the outputs: the natural form for a gradient or a Jacobian row.
    /// </summary>
    /// <exception cref="SymbolicEvaluationException">A symbol of an output is not among the parameters.</exception>
    /// <exception cref="ArgumentException">A parameter is listed twice. The delegate throws it when an array is too short.</exception>
    public static Action<double[], double[]> CompileMany(IReadOnlyList<Expr> outputs, IReadOnlyList<Symbol> parameters)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var emitter = new Emitter(parameters, outputs);
        var output = Linq.Expression.Parameter(typeof(double[]), "output");
        emitter.Statements.Add(LengthCheck(output, outputs.Count, "output"));
        for (var k = 0; k < outputs.Count; k++)
        {
            var value = emitter.Emit(outputs[k]);
            emitter.Statements.Add(Linq.Expression.Assign(Linq.Expression.ArrayAccess(output, Linq.Expression.Constant(k)), value));
        }

        var body = emitter.Block(Linq.Expression.Empty());
        return Linq.Expression.Lambda<Action<double[], double[]>>(body, emitter.Input, output).Compile();
    }

    private static MethodInfo Method([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type, string name, params Type[] parameterTypes) =>
        type.GetMethod(name, parameterTypes.Length == 0 ? [typeof(double)] : parameterTypes)
        ?? throw new MissingMethodException(type.Name, name);

    private static Linq.ConditionalExpression LengthCheck(Linq.ParameterExpression array, int length, string name) =>
        Linq.Expression.IfThen(
            Linq.Expression.LessThan(Linq.Expression.ArrayLength(array), Linq.Expression.Constant(length)),
            Linq.Expression.Throw(Linq.Expression.New(
                ArgumentExceptionConstructor,
                Linq.Expression.Constant($"the {name} array must have at least {length} elements"))));

    private sealed class Emitter
    {
        private readonly Dictionary<Symbol, int> _slots = [];
        private readonly Dictionary<Expr, int> _uses = [];
        private readonly Dictionary<Expr, Linq.Expression> _emitted = [];
        private readonly List<Linq.ParameterExpression> _locals = [];
        private readonly Dictionary<Expr, Expr> _lowered = [];
        private readonly Dictionary<Expr, (Linq.ParameterExpression U, Linq.ParameterExpression E, Linq.ParameterExpression D)> _sigmoidParts = [];

        public Emitter(IReadOnlyList<Symbol> parameters, IReadOnlyList<Expr> roots)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            for (var i = 0; i < parameters.Count; i++)
            {
                ArgumentNullException.ThrowIfNull(parameters[i], nameof(parameters));
                if (!_slots.TryAdd(parameters[i], i))
                {
                    throw new ArgumentException($"parameter '{parameters[i]}' is listed twice", nameof(parameters));
                }
            }

            Input = Linq.Expression.Parameter(typeof(double[]), "input");
            Statements.Add(LengthCheck(Input, parameters.Count, "input"));
            var seen = new HashSet<Expr>();
            foreach (var root in roots)
            {
                ArgumentNullException.ThrowIfNull(root, nameof(roots));
                var lowered = StableForms.Lower(root);
                _lowered[root] = lowered;
                CountUses(lowered, seen);
            }
        }

        public Linq.ParameterExpression Input { get; }

        public List<Linq.Expression> Statements { get; } = [];

        public Linq.BlockExpression Block(Linq.Expression result) =>
            Linq.Expression.Block(typeof(void) == result.Type ? typeof(void) : typeof(double), _locals, [.. Statements, result]);

        public Linq.Expression Emit(Expr root) => Visit(_lowered[root]);

        // How many parents (counted once per distinct parent) and roots use each node.
        private void CountUses(Expr e, HashSet<Expr> seen)
        {
            _uses[e] = _uses.GetValueOrDefault(e) + 1;
            if (!seen.Add(e))
            {
                return;
            }

            foreach (var child in e.Children)
            {
                CountUses(child, seen);
            }
        }

        private Linq.Expression Visit(Expr e)
        {
            if (_emitted.TryGetValue(e, out var known))
            {
                return known;
            }

            Linq.Expression value;
            switch (e)
            {
                case Number n:
                    value = Linq.Expression.Constant(n.ToDouble());
                    _emitted[e] = value;
                    return value;
                case Symbol s:
                    if (!_slots.TryGetValue(s, out var slot))
                    {
                        throw new SymbolicEvaluationException(s, $"symbol '{s}' is not among the compiled function's parameters");
                    }

                    value = Linq.Expression.ArrayIndex(Input, Linq.Expression.Constant(slot));
                    return Share(e, value, force: true);
                case Sum s:
                    value = Visit(s.Terms[0]);
                    for (var i = 1; i < s.Terms.Length; i++)
                    {
                        value = Linq.Expression.Add(value, Visit(s.Terms[i]));
                    }

                    break;
                case Product p:
                    value = Visit(p.Factors[0]);
                    for (var i = 1; i < p.Factors.Length; i++)
                    {
                        value = Linq.Expression.Multiply(value, Visit(p.Factors[i]));
                    }

                    break;
                case Power p:
                    value = EmitPower(p);
                    break;
                case Function { Kind: FunctionKind.Sigmoid } f:
                    value = EmitSigmoid(f.Argument);
                    break;
                case Function f:
                    value = EmitFunction(f.Kind, Visit(f.Argument));
                    break;
                default:
                    throw new ArgumentException($"unknown expression node {e.GetType().Name}", nameof(e));
            }

            return Share(e, value, force: false);
        }

        // σ(u) and σ(−u) (which the stable forms make of 1 − σ(u)) share one e = exp(−|u|) and d = 1 + e:
        // σ(u) = u ≥ 0 ? 1/d : e/d and σ(−u) = u ≥ 0 ? e/d : 1/d. These are exactly the operations of
        // StableMath.Sigmoid at u and at −u (negation is exact), so results stay bit-identical to the
        // interpreter while a gradient pays for one exponential instead of two.
        private Linq.ConditionalExpression EmitSigmoid(Expr argument)
        {
            var negated = Expr.Negate(argument);
            var representative = argument.CompareTo(negated) <= 0 ? argument : negated;
            if (!_sigmoidParts.TryGetValue(representative, out var parts))
            {
                var u = Visit(representative);
                var uLocal = u as Linq.ParameterExpression ?? (Linq.ParameterExpression)Share(representative, u, force: true);
                var e = Linq.Expression.Variable(typeof(double));
                var d = Linq.Expression.Variable(typeof(double));
                _locals.Add(e);
                _locals.Add(d);
                Statements.Add(Linq.Expression.Assign(e, Linq.Expression.Call(ExpMethod, Linq.Expression.Negate(Linq.Expression.Call(AbsMethod, uLocal)))));
                Statements.Add(Linq.Expression.Assign(d, Linq.Expression.Add(Linq.Expression.Constant(1.0), e)));
                parts = (uLocal, e, d);
                _sigmoidParts[representative] = parts;
            }

            var one = Linq.Expression.Divide(Linq.Expression.Constant(1.0), parts.D);
            var small = Linq.Expression.Divide(parts.E, parts.D);
            var nonNegative = Linq.Expression.GreaterThanOrEqual(parts.U, Linq.Expression.Constant(0.0));
            return ReferenceEquals(representative, argument)
                ? Linq.Expression.Condition(nonNegative, one, small)
                : Linq.Expression.Condition(nonNegative, small, one);
        }

        // A node used more than once is stored in a local at its first use; later uses read the local.
        private Linq.Expression Share(Expr e, Linq.Expression value, bool force)
        {
            if (!force && _uses.GetValueOrDefault(e) < 2)
            {
                _emitted[e] = value;
                return value;
            }

            var local = Linq.Expression.Variable(typeof(double));
            _locals.Add(local);
            Statements.Add(Linq.Expression.Assign(local, value));
            _emitted[e] = local;
            return local;
        }

        private Linq.Expression EmitPower(Power p)
        {
            var b = Visit(p.Base);
            var (kind, n) = PowerKind.Of(p);
            switch (kind)
            {
                case PowerKind.Integer when n == 2:
                    var square = b is Linq.ParameterExpression or Linq.ConstantExpression ? b : Share(p.Base, b, force: true);
                    return Linq.Expression.Multiply(square, square);
                case PowerKind.Integer when n == -1:
                    return Linq.Expression.Divide(Linq.Expression.Constant(1.0), b);
                case PowerKind.Integer:
                    return Linq.Expression.Call(IntPowMethod, b, Linq.Expression.Constant(n));
                case PowerKind.SquareRoot:
                    return Linq.Expression.Call(SqrtMethod, b);
                case PowerKind.ReciprocalSquareRoot:
                    return Linq.Expression.Divide(Linq.Expression.Constant(1.0), Linq.Expression.Call(SqrtMethod, b));
                default:
                    return Linq.Expression.Call(PowMethod, b, Visit(p.Exponent));
            }
        }

        private static Linq.MethodCallExpression EmitFunction(FunctionKind kind, Linq.Expression x) => kind switch
        {
            FunctionKind.Exp => Linq.Expression.Call(ExpMethod, x),
            FunctionKind.Ln => Linq.Expression.Call(LogMethod, x),
            FunctionKind.Sqrt => Linq.Expression.Call(SqrtMethod, x),
            FunctionKind.Sigmoid => Linq.Expression.Call(SigmoidMethod, x),
            FunctionKind.Tanh => Linq.Expression.Call(TanhMethod, x),
            FunctionKind.Relu => Linq.Expression.Call(ReluMethod, x),
            FunctionKind.Abs => Linq.Expression.Call(AbsMethod, x),
            FunctionKind.Sign => Linq.Expression.Call(SignMethod, x),
            FunctionKind.Step => Linq.Expression.Call(StepMethod, x),
            FunctionKind.Softplus => Linq.Expression.Call(SoftplusMethod, x),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown function kind"),
        };
    }
}
