using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Differentiation;

/// <summary>
/// Symbolic differentiation with respect to one symbol: one rule per node type, each stated in a
/// comment beside its code. Results go through the smart constructors, so they are canonical.
/// </summary>
/// <remarks>
/// relu, abs, sign and step are differentiated away from their kinks (argument ≠ 0): relu' = step,
/// abs' = sign, sign' = step' = 0. Where an argument is 0 the true derivative may not exist; use
/// <see cref="Kinks.Find"/> to know where those points are. Indexed symbols are independent variables:
/// d z_1 / d z_2 = 0.
/// </remarks>
/// <example>
/// <code>
/// var z = Expr.Sym("z");
/// Differentiator.Differentiate(Expr.Sigmoid(z), z).ToString();   // "sigmoid(z)*(1 - sigmoid(z))"
/// Differentiator.Differentiate(Expr.Ln(Expr.Sigmoid(z)), z).ToString(); // "1 - sigmoid(z)"
/// Differentiator.Differentiate(Expr.Pow(z, 3), z).ToString();     // "3*z^2"
/// </code>
/// </example>
public static class Differentiator
{
    /// <summary>∂e/∂x.</summary>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static Expr Differentiate(Expr e, Symbol x)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(x);
        return new Run(x).D(e);
    }

    // One differentiation: memoised per node, since derivative trees share subtrees.
    private sealed class Run(Symbol x)
    {
        private readonly Dictionary<Expr, Expr> _derivatives = [];
        private readonly Dictionary<Expr, bool> _depends = [];

        public Expr D(Expr e)
        {
            Limits.WorkDeadline.Poll();
            if (_derivatives.TryGetValue(e, out var known))
            {
                return known;
            }

            var result = DependsOnX(e) ? Rule(e) : Expr.Zero;
            _derivatives[e] = result;
            return result;
        }

        private bool DependsOnX(Expr e)
        {
            if (e is Number)
            {
                return false;
            }

            if (e is Symbol s)
            {
                return s.Equals(x);
            }

            if (_depends.TryGetValue(e, out var known))
            {
                return known;
            }

            var result = e.Children.Any(DependsOnX);
            _depends[e] = result;
            return result;
        }

        private Expr Rule(Expr e) => e switch
        {
            // c' = 0
            Number => Expr.Zero,

            // x' = 1; y' = 0 for any other symbol (z_1 and z_2 are different symbols)
            Symbol s => s.Equals(x) ? Expr.One : Expr.Zero,

            // (Σ uᵢ)' = Σ uᵢ'
            Sum s => Expr.Add(s.Terms.Select(D).ToList()),

            // (Π uᵢ)' = Σᵢ uᵢ' · Π_{j≠i} uⱼ
            Product p => Expr.Add(p.Factors.Select((f, i) => Expr.Multiply(p.Factors.Select((g, j) => i == j ? D(f) : g).ToList())).ToList()),

            Power p => PowerRule(p),

            Function f => Expr.Multiply(FunctionDerivative(f.Kind, f.Argument), D(f.Argument)),

            _ => throw new ArgumentException($"unknown expression node {e.GetType().Name}", nameof(e)),
        };

        private Expr PowerRule(Power p)
        {
            var (u, v) = (p.Base, p.Exponent);
            if (!DependsOnX(v))
            {
                // (u^c)' = c · u^(c−1) · u'
                return Expr.Multiply([v, Expr.Pow(u, v - 1), D(u)]);
            }

            if (!DependsOnX(u))
            {
                // (c^v)' = c^v · ln(c) · v'
                return Expr.Multiply([p, Expr.Ln(u), D(v)]);
            }

            // (u^v)' = u^v · (v' · ln u + v · u' / u)
            return p * ((D(v) * Expr.Ln(u)) + (v * D(u) / u));
        }

        // f'(u) for the outer function; the caller multiplies by u' (chain rule).
        private static Expr FunctionDerivative(FunctionKind kind, Expr u) => kind switch
        {
            // exp(u)' = exp(u) · u'
            FunctionKind.Exp => Expr.Exp(u),

            // ln(u)' = u' / u
            FunctionKind.Ln => Expr.Pow(u, -1),

            // sqrt(u)' = u' / (2 sqrt(u))   (Expr.Sqrt builds u^(1/2), so this node is rare)
            FunctionKind.Sqrt => Expr.Pow(2 * Expr.Sqrt(u), -1),

            // σ(u)' = σ(u) (1 − σ(u)) · u'
            FunctionKind.Sigmoid => Expr.Sigmoid(u) * (1 - Expr.Sigmoid(u)),

            // tanh(u)' = (1 − tanh(u)²) · u'
            FunctionKind.Tanh => 1 - Expr.Pow(Expr.Tanh(u), 2),

            // relu(u)' = step(u) · u'   (u ≠ 0)
            FunctionKind.Relu => Expr.Step(u),

            // |u|' = sign(u) · u'   (u ≠ 0)
            FunctionKind.Abs => Expr.Sign(u),

            // sign(u)' = 0, step(u)' = 0   (u ≠ 0)
            FunctionKind.Sign or FunctionKind.Step => Expr.Zero,

            // softplus(u)' = σ(u) · u'
            FunctionKind.Softplus => Expr.Sigmoid(u),

            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown function kind"),
        };
    }
}
