using System.Collections.Immutable;
using GradCheck.Symbolic.Differentiation;

namespace GradCheck.Symbolic.Expressions;

// Whole-tree operations that every caller reaches through an expression.
public abstract partial record Expr
{
    /// <summary>The direct children of this node (empty for numbers and symbols).</summary>
    public IReadOnlyList<Expr> Children => this switch
    {
        Sum s => s.Terms,
        Product p => p.Factors,
        Power p => [p.Base, p.Exponent],
        Function f => [f.Argument],
        _ => [],
    };

    /// <summary>The symbols this expression contains, in canonical order.</summary>
    /// <example><code>(Expr.Sym("y") * Expr.Exp(Expr.Sym("x"))).Symbols(); // {x, y}</code></example>
    public ImmutableSortedSet<Symbol> Symbols()
    {
        var found = ImmutableSortedSet.CreateBuilder<Symbol>(SymbolOrder.Instance);
        var seen = new HashSet<Expr>();
        var pending = new Stack<Expr>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            if (e is Symbol s)
            {
                found.Add(s);
            }

            foreach (var child in e.Children)
            {
                pending.Push(child);
            }
        }

        return found.ToImmutable();
    }

    /// <summary>True when <paramref name="symbol"/> occurs in this expression.</summary>
    public bool Contains(Symbol symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var seen = new HashSet<Expr>();
        var pending = new Stack<Expr>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e.Equals(symbol))
            {
                return true;
            }

            if (e is Number or Symbol || !seen.Add(e))
            {
                continue;
            }

            foreach (var child in e.Children)
            {
                pending.Push(child);
            }
        }

        return false;
    }

    /// <summary>
    /// Replaces every occurrence of each key symbol by its value (simultaneously, not repeatedly) and
    /// rebuilds through the smart constructors, so the result is canonical.
    /// </summary>
    /// <exception cref="DivideByZeroException">When the substitution makes an exact division by 0.</exception>
    /// <example><code>(x * x + y).Substitute(new Dictionary&lt;Symbol, Expr&gt; { [x] = 3 }).ToString(); // "9 + y"</code></example>
    public Expr Substitute(IReadOnlyDictionary<Symbol, Expr> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        if (replacements.Count == 0)
        {
            return this;
        }

        var memo = new Dictionary<Expr, Expr>();
        return Rebuild(this, e => e is Symbol s && replacements.TryGetValue(s, out var value) ? value : null, memo);
    }

    /// <summary>d/dx of this expression (see <see cref="Differentiator.Differentiate"/>).</summary>
    /// <example><code>Expr.Sigmoid(z).Derivative(z).ToString(); // "sigmoid(z)*(1 - sigmoid(z))"</code></example>
    public Expr Derivative(Symbol x) => Differentiator.Differentiate(this, x);

    /// <summary>The second derivative ∂²/∂y∂x: first with respect to <paramref name="x"/>, then <paramref name="y"/>.</summary>
    public Expr Derivative(Symbol x, Symbol y) => Differentiator.Differentiate(Differentiator.Differentiate(this, x), y);

    /// <summary>
    /// Rebuilds <paramref name="root"/> bottom-up through the smart constructors; <paramref name="replace"/>
    /// may return a replacement for a node before its children are visited (null keeps the node).
    /// </summary>
    internal static Expr Rebuild(Expr root, Func<Expr, Expr?> replace, Dictionary<Expr, Expr> memo)
    {
        if (memo.TryGetValue(root, out var done))
        {
            return done;
        }

        var result = replace(root) ?? root switch
        {
            Number or Symbol => root,
            Sum s => Add(s.Terms.Select(t => Rebuild(t, replace, memo)).ToList()),
            Product p => Multiply(p.Factors.Select(f => Rebuild(f, replace, memo)).ToList()),
            Power p => Pow(Rebuild(p.Base, replace, memo), Rebuild(p.Exponent, replace, memo)),
            Function f => Apply(f.Kind, Rebuild(f.Argument, replace, memo)),
            _ => throw new ArgumentException($"unknown expression node {root.GetType().Name}", nameof(root)),
        };
        memo[root] = result;
        return result;
    }

    private sealed class SymbolOrder : IComparer<Symbol>
    {
        public static readonly SymbolOrder Instance = new();

        public int Compare(Symbol? x, Symbol? y) => x is null ? (y is null ? 0 : -1) : x.CompareTo(y);
    }
}
