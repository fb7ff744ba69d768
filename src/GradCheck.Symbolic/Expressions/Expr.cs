using GradCheck.Symbolic.Printing;

namespace GradCheck.Symbolic.Expressions;

/// <summary>
/// An immutable symbolic expression over the reals. Every instance is in the canonical form the
/// smart constructors produce (sums and products flattened and sorted, constants folded, like terms
/// and like factors combined), so structural equality is a cheap first test of mathematical equality.
/// </summary>
/// <remarks>
/// Equality is structural with a hash computed once at construction; <see cref="CompareTo"/> is a
/// total canonical order that depends only on structure (never on memory addresses or hash codes).
/// Construct nodes through the static members (<see cref="Num(int)"/>, <see cref="Sym(string, int[])"/>,
/// operators, <see cref="Pow"/>, <see cref="Exp"/>, …); node constructors are not public.
/// </remarks>
/// <example>
/// <code>
/// var x = Expr.Sym("x");
/// (x + 1 + x).ToString();         // "1 + 2*x"
/// (x * x / x).ToString();         // "x"
/// (2 * (x + 1)).ToString();       // "2 + 2*x"
/// Expr.Sym("W", 2, 3).ToString(); // "W_{2,3}"
/// </code>
/// </example>
public abstract partial record Expr : IComparable<Expr>
{
    private readonly int _hash;

    private protected Expr(int hash)
    {
        // Every node built polls the claim's time limit: expressions that explode do so by construction.
        Limits.WorkDeadline.Poll();
        _hash = hash;
    }

    /// <summary>The structural hash, computed once.</summary>
    private protected int Hash => _hash;

    /// <summary>The rank of the node type in the canonical order (numbers first, sums last).</summary>
    private protected abstract int Rank { get; }

    /// <summary>Compares two nodes of the same type (called only when ranks are equal).</summary>
    private protected abstract int CompareSameRank(Expr other);

    /// <summary>
    /// The canonical total order. A power <c>b^e</c> is ordered as the pair (b, e) and any other node
    /// <c>a</c> as (a, 1), so <c>x</c> &lt; <c>x^2</c> &lt; <c>y</c>; otherwise numbers &lt; symbols &lt;
    /// functions &lt; products &lt; sums, then by content (numbers by value, symbols by name then
    /// indices, functions by kind then argument, composites by their children in order).
    /// Consistent with equality: 0 exactly when the two are structurally equal.
    /// </summary>
    public int CompareTo(Expr? other)
    {
        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        if (other is null)
        {
            return 1;
        }

        if (this is Power || other is Power)
        {
            var (leftBase, leftExponent) = this is Power p ? (p.Base, p.Exponent) : (this, (Expr)OneNumber);
            var (rightBase, rightExponent) = other is Power q ? (q.Base, q.Exponent) : (other, (Expr)OneNumber);
            var byBase = leftBase.CompareTo(rightBase);
            return byBase != 0 ? byBase : leftExponent.CompareTo(rightExponent);
        }

        var byRank = Rank.CompareTo(other.Rank);
        return byRank != 0 ? byRank : CompareSameRank(other);
    }

    /// <summary>Canonical order.</summary>
    public static bool operator <(Expr left, Expr right) => Compare(left, right) < 0;

    /// <summary>Canonical order.</summary>
    public static bool operator >(Expr left, Expr right) => Compare(left, right) > 0;

    /// <summary>Canonical order.</summary>
    public static bool operator <=(Expr left, Expr right) => Compare(left, right) <= 0;

    /// <summary>Canonical order.</summary>
    public static bool operator >=(Expr left, Expr right) => Compare(left, right) >= 0;

    private static int Compare(Expr? left, Expr? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    /// <summary>The expression as text in the claims syntax (see <see cref="TextPrinter"/>).</summary>
    public sealed override string ToString() => TextPrinter.Print(this);

    private protected static int CompareSequences(IReadOnlyList<Expr> left, IReadOnlyList<Expr> right)
    {
        Limits.WorkDeadline.Poll();
        var n = Math.Min(left.Count, right.Count);
        for (var i = 0; i < n; i++)
        {
            var c = left[i].CompareTo(right[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    private protected static bool SequenceEquals(IReadOnlyList<Expr> left, IReadOnlyList<Expr> right)
    {
        // Equal DAGs made of distinct nodes compare in time exponential in their depth: poll the time limit.
        Limits.WorkDeadline.Poll();
        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private protected static int SequenceHash(int seed, IReadOnlyList<Expr> items)
    {
        var hash = new HashCode();
        hash.Add(seed);
        foreach (var item in items)
        {
            hash.Add(item.Hash);
        }

        return hash.ToHashCode();
    }
}
