using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Differentiation;

/// <summary>
/// Where an expression is not differentiable: the arguments of its relu, abs, sign and step nodes.
/// The expression is smooth wherever each of them is non-zero (apart from the poles and domain edges
/// of 1/u, ln, sqrt and non-integer powers, which are not kinks).
/// </summary>
/// <example>
/// <code>
/// var e = Expr.Relu(x - 1) + Expr.Abs(y);
/// Kinks.Find(e);  // [y, -1 + x]: keep y away from 0 and x away from 1
/// </code>
/// </example>
public static class Kinks
{
    /// <summary>
    /// The distinct kink arguments of <paramref name="e"/>, in canonical order; empty when <paramref name="e"/>
    /// is smooth. A numeric check should keep |argument| away from 0, or report the kink.
    /// </summary>
    /// <exception cref="ArgumentNullException">When <paramref name="e"/> is null.</exception>
    public static IReadOnlyList<Expr> Find(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var kinks = new SortedSet<Expr>();
        var seen = new HashSet<Expr>();
        var pending = new Stack<Expr>();
        pending.Push(e);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            if (node is Function { Kind: FunctionKind.Relu or FunctionKind.Abs or FunctionKind.Sign or FunctionKind.Step } f)
            {
                kinks.Add(f.Argument);
            }

            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        return [.. kinks];
    }

    /// <summary>True when <paramref name="e"/> has no relu, abs, sign or step node.</summary>
    public static bool IsSmooth(Expr e) => Find(e).Count == 0;
}
