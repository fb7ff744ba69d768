using GradCheck.Claims.Syntax;
using GradCheck.Numerics;
using GradCheck.Symbolic.Differentiation;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Claims.Checking;

/// <summary>
/// A third witness for derivatives: where a chain expression is <c>d/dx E</c> (or <c>d2/dx2 E</c>), the
/// derivative the symbolic engine computed is compared, at a few sampled points, with a
/// finite-difference estimate of E's derivative (GradCheck.Numerics, Richardson extrapolation, with
/// its own error estimate). A proof is only as good as the derivative it starts from; a disagreement
/// here is an engine fault, reported as an error with the claim's position rather than a verdict.
/// </summary>
internal static class DerivativeCrossCheck
{
    /// <summary>Instances of a claim whose derivatives are cross-checked.</summary>
    public const int Instances = 3;

    /// <summary>Points per derivative and instance.</summary>
    private const int Points = 2;

    /// <param name="syntax">The derivative as written.</param>
    /// <param name="body">The expression differentiated, bound in <paramref name="scope"/>.</param>
    /// <param name="symbolic">The derivative the engine computed.</param>
    /// <param name="scope">The instance's binding scope.</param>
    /// <param name="assumptions">The claim's assumptions, covering every symbol of <paramref name="body"/>:
    /// points are drawn by <see cref="DomainSampler"/>.</param>
    /// <param name="seed">Fixes the points.</param>
    /// <param name="position">Where the derivative is written, for the error.</param>
    /// <returns>The number of points where the two agreed.</returns>
    public static int Run(DerivativeSyntax syntax, Expr body, Expr symbolic, BindingScope scope, Assumptions assumptions, int seed, ExpressionText position)
    {
        if (syntax.Variables.Length == 2 && syntax.Variables[0].ToString() != syntax.Variables[1].ToString())
        {
            return 0; // mixed second derivatives: the engine's first derivative is checked where claims use it
        }

        // d/dz1 C with z1 a let: the derivative holds z1's definition cut, while finite differences of the bound
        // body would move the symbols z1 is made of (and binding z1 itself may even give a symbol: let z1 = x).
        // Comparing the two would be a false failure, so such a derivative is not cross-checked here.
        if (syntax.Variables.Any(v => scope.Definitions.Any(d => d.Name == v.Name)))
        {
            return 0;
        }

        if (Binder.Bind(syntax.Variables[0], scope) is not Symbol variable)
        {
            return 0;
        }

        var symbols = new HashSet<Symbol> { variable };
        symbols.UnionWith(body.Symbols());
        symbols.UnionWith(symbolic.Symbols());
        var kinks = Kinks.Find(body);
        var sampler = new DomainSampler(assumptions, symbols, seed);
        var agreed = 0;
        for (var attempt = 0; attempt < 4 * Points && agreed < Points; attempt++)
        {
            var point = new Dictionary<Symbol, double>(sampler.Next().Values);
            if (kinks.Any(k => Math.Abs(Evaluator.Evaluate(k, point)) < 0.05))
            {
                continue;
            }

            var x0 = point[variable];
            double F(double x)
            {
                point[variable] = x;
                var value = Evaluator.Evaluate(body, point);
                point[variable] = x0;
                return value;
            }

            var estimate = syntax.Variables.Length == 1 ? FiniteDifferences.Richardson(F, x0) : FiniteDifferences.SecondDerivative(F, x0);
            var exact = Evaluator.Evaluate(symbolic, point);
            if (!estimate.IsFinite || !double.IsFinite(exact))
            {
                continue;
            }

            // Generous: only a real fault (a wrong rule), not the estimate's own optimism, should trip it.
            var tolerance = 100 * estimate.ErrorEstimate + 1e-6 * (1 + Math.Abs(exact));
            if (Math.Abs(exact - estimate.Value) > tolerance)
            {
                throw new ClaimsSyntaxException(position.Line, position.Column,
                    $"the symbolic derivative disagrees with finite differences at {variable} = {x0.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}: "
                    + $"{exact.ToString("G10", System.Globalization.CultureInfo.InvariantCulture)} against {estimate.Value.ToString("G10", System.Globalization.CultureInfo.InvariantCulture)} "
                    + $"± {estimate.ErrorEstimate.ToString("G2", System.Globalization.CultureInfo.InvariantCulture)} (a fault in the engine: please report it)");
            }

            agreed++;
        }

        return agreed;
    }
}
