using System.Collections.Immutable;
using GradCheck.Symbolic.Differentiation;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Indexed;

/// <summary>
/// The index calculus over ordinary expressions. An index variable is an integer code in a symbol's
/// index list (literal indices are themselves, variables are codes ≥ <see cref="VariableBase"/>), so
/// <c>z_i</c> is the symbol z with i's code; <c>delta(i, j)</c> is the symbol δ with both codes; a sum
/// over a symbolic range that no rule removes is an opaque atom symbol Σ (see <see cref="SumAtom"/>).
/// The smart constructors then keep everything canonical, and the existing differentiator and prover
/// apply unchanged.
/// </summary>
/// <remarks>
/// Rules, each an identity for every size ≥ the scope's smallest:
/// <list type="bullet">
/// <item>sum(k, c) = K·c for c free of k; linearity (the summand is expanded over k-dependent sums and
/// factors free of k are taken out);</item>
/// <item>sum(k, delta(k, a)·f(k)) = f(a) when a certainly lies in k's range (an index of the same size,
/// or a literal no larger than the smallest size); otherwise the delta stays inside an opaque sum;</item>
/// <item>exp(u)·exp(v) = exp(u + v) inside a summand, so the factor exp(c) of exp(z_k + c) comes out;</item>
/// <item>d/dz_j z_k = delta(k, j), and d/dz_j sum(k, f) = sum(k, d/dz_j f) (the chain rule over every
/// symbol named z and every atom of an expression);</item>
/// <item>sum(k, y_k) = 1 for a vector assumed to sum to 1 over k's range.</item>
/// </list>
/// Anything left opaque is treated by the prover as an independent real, which is sound: an identity
/// over independent reals holds for every value they actually take.
/// </remarks>
internal sealed class IndexAlgebra
{
    /// <summary>Codes of index variables start here; smaller indices are literal values.</summary>
    public const int VariableBase = 1 << 20;

    /// <summary>The name of the Kronecker delta symbol δ(a, b).</summary>
    public const string DeltaName = "δ";

    /// <summary>The name of the opaque sum atoms Σ_id.</summary>
    public const string SumName = "Σ";

    // Canonical codes of bound indices inside atom bodies: CanonicalBase + nesting height.
    private const int CanonicalBase = 1 << 29;
    private const int MaxTermsPerSum = 20_000;
    private const int MaxExpandedPower = 8;

    private readonly CancellationToken _cancellation;
    private readonly IReadOnlyDictionary<string, int> _minimumSizes;
    private readonly HashSet<(string Vector, string Size)> _unitSums;
    private readonly Dictionary<int, string> _sizeOfVariable = [];
    private readonly List<SumAtom> _atoms = [];
    private readonly Dictionary<(string Size, Expr Body), SumAtom> _atomsByBody = [];
    private readonly Dictionary<Expr, ImmutableSortedSet<int>> _codes = [];
    private readonly Dictionary<(int Atom, Symbol Target), Expr> _atomDerivatives = [];
    private int _nextCode = VariableBase;

    /// <param name="minimumSizes">Size symbol → the smallest size the identities must hold for.</param>
    /// <param name="unitSums">Vectors with sum 1 over the range 1..Size.</param>
    /// <param name="cancellation">Stops a long reduction (<see cref="OperationCanceledException"/>).</param>
    public IndexAlgebra(IReadOnlyDictionary<string, int> minimumSizes, IEnumerable<(string Vector, string Size)> unitSums, CancellationToken cancellation)
    {
        _cancellation = cancellation;
        _minimumSizes = minimumSizes;
        _unitSums = [.. unitSums];
    }

    /// <summary>The atoms made so far.</summary>
    public IReadOnlyList<SumAtom> Atoms => _atoms;

    /// <summary>True for a literal index value (not a variable's code).</summary>
    public static bool IsLiteral(int code) => code < VariableBase;

    /// <summary>A fresh index variable ranging over 1..<paramref name="size"/>.</summary>
    public int NewVariable(string size)
    {
        if (_nextCode >= CanonicalBase - 1)
        {
            throw new IndexedUnsupportedException("too many index variables");
        }

        _sizeOfVariable[_nextCode] = size;
        return _nextCode++;
    }

    /// <summary>
    /// True when the index <paramref name="code"/> lies in <paramref name="range"/> for every size the proof
    /// covers: a literal within the fixed range or within 1..(smallest size), or a variable over the same size.
    /// </summary>
    public bool CertainlyIn(int code, IndexRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.Size is not { } size)
        {
            return IsLiteral(code) && code >= range.From && code <= range.To;
        }

        return IsLiteral(code)
            ? code >= range.From && _minimumSizes.TryGetValue(size, out var smallest) && code <= smallest
            : _sizeOfVariable.TryGetValue(code, out var other) && other == size;
    }

    /// <summary>The size symbol of a symbolic range.</summary>
    public static Symbol SizeSymbol(string size) => Expr.Sym(size);

    /// <summary>delta(a, b): 1 for the same code, 0 for two different literals, else the symbol δ.</summary>
    public static Expr Delta(int a, int b) =>
        a == b ? Expr.One : IsLiteral(a) && IsLiteral(b) ? Expr.Zero : Expr.Sym(DeltaName, Math.Min(a, b), Math.Max(a, b));

    /// <summary>True for a delta symbol.</summary>
    public static bool IsDelta(Symbol symbol) => symbol.Name == DeltaName && symbol.Indices.Length == 2;

    /// <summary>The atom a symbol stands for, if it is one.</summary>
    public bool TryGetAtom(Symbol symbol, out SumAtom atom)
    {
        if (symbol.Name == SumName && symbol.Indices is [var id] && id < _atoms.Count)
        {
            atom = _atoms[id];
            return true;
        }

        atom = null!;
        return false;
    }

    /// <summary>The index variables' codes free in <paramref name="e"/> (inside atoms too; literals excluded).</summary>
    public ImmutableSortedSet<int> Codes(Expr e)
    {
        if (_codes.TryGetValue(e, out var known))
        {
            return known;
        }

        var codes = e switch
        {
            Number => [],
            Symbol s when TryGetAtom(s, out var atom) => atom.FreeCodes,
            Symbol s => [.. s.Indices.Where(i => !IsLiteral(i))],
            _ => e.Children.Aggregate(ImmutableSortedSet<int>.Empty, (all, child) => all.Union(Codes(child))),
        };
        _codes[e] = codes;
        return codes;
    }

    /// <summary>
    /// Renames index codes by <paramref name="map"/> everywhere, inside atoms too (which are reduced
    /// again). A delta of two codes known to differ — both literals, or each a literal or in
    /// <paramref name="distinct"/> — becomes 0.
    /// </summary>
    public Expr Rename(Expr e, IReadOnlyDictionary<int, int> map, IReadOnlySet<int>? distinct = null)
    {
        bool Touches(int code) => map.ContainsKey(code) || (distinct?.Contains(code) ?? false);
        return Expr.Rebuild(e, node => node switch
        {
            _ when !Codes(node).Any(Touches) => node,
            Symbol s => RenameSymbol(s, map, distinct),
            _ => null,
        }, []);
    }

    private Expr RenameSymbol(Symbol s, IReadOnlyDictionary<int, int> map, IReadOnlySet<int>? distinct)
    {
        int Map(int code) => map.TryGetValue(code, out var to) ? to : code;
        bool Known(int code) => IsLiteral(code) || (distinct?.Contains(code) ?? false);
        if (TryGetAtom(s, out var atom))
        {
            var local = NewVariable(atom.Size);
            var inner = new Dictionary<int, int>(map) { [atom.Bound] = local };
            return Sum(local, Rename(atom.Body, inner, distinct));
        }

        if (IsDelta(s))
        {
            var (a, b) = (Map(s.Indices[0]), Map(s.Indices[1]));
            return a != b && Known(a) && Known(b) ? Expr.Zero : Delta(a, b);
        }

        return Expr.Sym(s.Name, s.Indices.Select(Map).ToArray());
    }

    /// <summary>
    /// Replaces every symbol named <paramref name="name"/> by <paramref name="expansion"/> of its index codes,
    /// inside atoms too: an atom whose body mentions the name is rebuilt as Rename does (a fresh local variable
    /// for its bound index, so the expansion sees an index of the right size, then <see cref="Sum"/> of the
    /// substituted body, reduced again).
    /// </summary>
    public Expr SubstituteName(Expr e, string name, Func<ImmutableArray<int>, Expr> expansion)
    {
        var mentions = new Dictionary<Expr, bool>();
        bool Mentions(Expr node)
        {
            if (!mentions.TryGetValue(node, out var found))
            {
                found = node.Symbols().Any(s => s.Name == name || (TryGetAtom(s, out var atom) && Mentions(atom.Body)));
                mentions[node] = found;
            }

            return found;
        }

        return Expr.Rebuild(e, node =>
        {
            _cancellation.ThrowIfCancellationRequested();
            if (!Mentions(node))
            {
                return node;
            }

            if (node is not Symbol s)
            {
                return null;
            }

            if (!TryGetAtom(s, out var atom))
            {
                return expansion(s.Indices);
            }

            var local = NewVariable(atom.Size);
            var body = Rename(atom.Body, new Dictionary<int, int> { [atom.Bound] = local });
            return Sum(local, SubstituteName(body, name, expansion));
        }, []);
    }

    /// <summary>sum(k, body) over k's range 1..Size, reduced by the rules of <see cref="IndexAlgebra"/>.</summary>
    /// <param name="k">The code of the bound index (a variable made by <see cref="NewVariable"/>).</param>
    /// <param name="body">The summand.</param>
    public Expr Sum(int k, Expr body)
    {
        _cancellation.ThrowIfCancellationRequested();
        var size = _sizeOfVariable[k];
        if (!Codes(body).Contains(k))
        {
            return SizeSymbol(size) * body;
        }

        var results = new List<Expr>();
        foreach (var term in Expand(body, k))
        {
            var factors = term is Product p ? [.. p.Factors] : new List<Expr> { term };
            var contraction = FindContraction(factors, k);
            if (contraction is var (position, partner))
            {
                factors.RemoveAt(position);
                results.Add(Rename(Expr.Multiply(factors), new Dictionary<int, int> { [k] = partner }));
                continue;
            }

            var (free, dependent) = Split(factors, k);
            results.Add(dependent.Count == 0
                ? SizeSymbol(size) * Expr.Multiply(free)
                : Expr.Multiply(free) * Atom(k, size, Expr.Multiply(dependent)));
        }

        return Expr.Add(results);
    }

    /// <summary>A factor delta(k, a) (or a positive power of it) with a in k's range, and a.</summary>
    private (int Position, int Partner)? FindContraction(List<Expr> factors, int k)
    {
        for (var position = 0; position < factors.Count; position++)
        {
            var (delta, exponent) = factors[position] is Power { Base: Symbol b, Exponent: var e } ? (b, e) : (factors[position] as Symbol, Expr.One);
            if (delta is null || !IsDelta(delta) || !delta.Indices.Contains(k))
            {
                continue;
            }

            // delta² = delta; 1/delta is not defined where delta = 0.
            if (exponent is not Number { Value: { IsInteger: true, Sign: > 0 } })
            {
                throw new IndexedUnsupportedException("a Kronecker delta raised to the power " + exponent);
            }

            var partner = delta.Indices[0] == k ? delta.Indices[1] : delta.Indices[0];
            if (InRange(partner, k))
            {
                return (position, partner);
            }
        }

        return null;
    }

    /// <summary>True when the index <paramref name="code"/> certainly lies in the range of <paramref name="k"/> for every size.</summary>
    private bool InRange(int code, int k)
    {
        var size = _sizeOfVariable[k];
        return IsLiteral(code)
            ? code >= 1 && code <= _minimumSizes[size]
            : _sizeOfVariable.TryGetValue(code, out var other) && other == size;
    }

    /// <summary>
    /// Splits a term's factors into those free of k and those depending on it; the exponentials are
    /// merged first (exp(u)·exp(v) = exp(u + v)) and their argument split the same way, so that
    /// exp(z_k)·exp(−z_k) cancels and exp(c) of exp(z_k + c) comes out.
    /// </summary>
    private (List<Expr> Free, List<Expr> Dependent) Split(List<Expr> factors, int k)
    {
        var free = new List<Expr>();
        var dependent = new List<Expr>();
        var exponents = new List<Expr>();
        foreach (var factor in factors)
        {
            if (factor is Function { Kind: FunctionKind.Exp } exp)
            {
                exponents.AddRange(Expand(exp.Argument, k));
            }
            else
            {
                (Codes(factor).Contains(k) ? dependent : free).Add(factor);
            }
        }

        free.Add(Expr.Exp(Expr.Add(exponents.Where(e => !Codes(e).Contains(k)))));
        var dependentExp = Expr.Exp(Expr.Add(exponents.Where(e => Codes(e).Contains(k))));
        if (Codes(dependentExp).Contains(k))
        {
            dependent.Add(dependentExp);
        }
        else
        {
            free.Add(dependentExp);
        }

        return (free, dependent);
    }

    /// <summary>The terms of <paramref name="e"/> with every sum that depends on k multiplied out.</summary>
    private List<Expr> Expand(Expr e, int k)
    {
        if (!Codes(e).Contains(k))
        {
            return [e];
        }

        List<Expr> terms;
        switch (e)
        {
            case Expressions.Sum s:
                terms = [.. s.Terms.SelectMany(t => Expand(t, k))];
                break;
            case Product p:
                terms = [Expr.One];
                foreach (var factor in p.Factors)
                {
                    terms = Distribute(terms, Expand(factor, k));
                }

                break;
            case Power { Base: Expressions.Sum b, Exponent: Number { Value: { IsInteger: true } n } }
                when n.Sign > 0 && n <= MaxExpandedPower:
                var parts = Expand(b, k);
                terms = [Expr.One];
                for (var m = 0; m < (int)n.Numerator; m++)
                {
                    terms = Distribute(terms, parts);
                }

                break;
            default:
                return [e];
        }

        // A product of non-sums can combine back into a sum (sqrt(u)·sqrt(u) = u): expand again.
        return terms.Any(t => t is Expressions.Sum) ? [.. terms.SelectMany(t => t is Expressions.Sum ? Expand(t, k) : [t])] : terms;
    }

    private static List<Expr> Distribute(List<Expr> left, List<Expr> right)
    {
        if ((long)left.Count * right.Count > MaxTermsPerSum)
        {
            throw new IndexedUnsupportedException("a summand expands to more than " + MaxTermsPerSum + " terms");
        }

        return [.. left.SelectMany(a => right.Select(b => a * b))];
    }

    /// <summary>The opaque atom for sum(k, dependent) (or 1 for a vector assumed to sum to 1).</summary>
    private Expr Atom(int k, string size, Expr dependent)
    {
        var inner = dependent.Symbols().Select(s => TryGetAtom(s, out var a) ? a.Height : -1).DefaultIfEmpty(-1).Max();
        var height = inner + 1;
        var bound = CanonicalBase + height;
        var body = Rename(dependent, new Dictionary<int, int> { [k] = bound });
        if (body is Symbol { Indices: [var only] } entry && only == bound && _unitSums.Contains((entry.Name, size)))
        {
            return Expr.One;
        }

        if (body is Symbol innerSymbol && TryGetAtom(innerSymbol, out var innerSum) && innerSum.Height == height - 1 && Swappable(innerSum, bound))
        {
            // A double sum sum(k, sum(m, f)) and sum(m, sum(k, f)) are one sum (finite ranges that do not depend on
            // each other): of the two orders, the one whose inner summand prints first is the atom, so either way
            // of writing it (trace(A*B) and trace(B*A)) meets the same atom.
            var swapped = Rename(innerSum.Body, new Dictionary<int, int> { [innerSum.Bound] = bound, [bound] = innerSum.Bound });
            var asWritten = string.Join("|", size, innerSum.Size, innerSum.Body);
            var reordered = string.Join("|", innerSum.Size, size, swapped);
            if (string.CompareOrdinal(reordered, asWritten) < 0)
            {
                var swappedInner = AtomOf(size, innerSum.Bound, swapped, innerSum.Height);
                return AtomOf(innerSum.Size, bound, swappedInner, height);
            }
        }

        return AtomOf(size, bound, body, height);
    }

    /// <summary>True when every factor of the inner sum's summand depends on both bound indices, so the summand
    /// is also a valid atom body with the order of the two sums exchanged.</summary>
    private bool Swappable(SumAtom inner, int outerBound) =>
        (inner.Body is Product p ? p.Factors.AsEnumerable() : [inner.Body])
            .All(f => Codes(f) is var codes && codes.Contains(inner.Bound) && codes.Contains(outerBound));

    /// <summary>The atom of a sum whose summand <paramref name="body"/> already has its bound index renamed to
    /// the canonical <paramref name="bound"/>: the known one, or a new one.</summary>
    private Symbol AtomOf(string size, int bound, Expr body, int height)
    {
        if (_atomsByBody.TryGetValue((size, body), out var known))
        {
            return known.Symbol;
        }

        var positive = (body is Product p ? p.Factors.AsEnumerable() : [body]).All(IsPositive);
        var atom = new SumAtom(_atoms.Count, size, bound, body, Codes(body).Remove(bound), height, positive, Expr.Sym(SumName, _atoms.Count));
        _atoms.Add(atom);
        _atomsByBody[(size, body)] = atom;
        return atom.Symbol;
    }

    private bool IsPositive(Expr factor) => factor switch
    {
        Number n => n.Value.Sign > 0,
        Function { Kind: FunctionKind.Exp } => true,
        Symbol s => TryGetAtom(s, out var atom) && atom.Positive,
        _ => false,
    };

    /// <summary>
    /// d f / d <paramref name="target"/> by the chain rule over every symbol with the target's name and
    /// arity (each times the deltas of their indices) and every atom (times the atom's derivative).
    /// </summary>
    public Expr Differentiate(Expr f, Symbol target)
    {
        _cancellation.ThrowIfCancellationRequested();
        var terms = new List<Expr>();
        foreach (var symbol in f.Symbols())
        {
            Expr link;
            if (TryGetAtom(symbol, out var atom))
            {
                link = AtomDerivative(atom, target);
            }
            else if (symbol.Name == target.Name && symbol.Indices.Length == target.Indices.Length)
            {
                link = Expr.Multiply(symbol.Indices.Select((code, m) => Delta(code, target.Indices[m])));
            }
            else
            {
                continue;
            }

            if (link is not Number { Value.IsZero: true })
            {
                terms.Add(Differentiator.Differentiate(f, symbol) * link);
            }
        }

        return Expr.Add(terms);
    }

    private Expr AtomDerivative(SumAtom atom, Symbol target)
    {
        if (_atomDerivatives.TryGetValue((atom.Id, target), out var known))
        {
            return known;
        }

        var local = NewVariable(atom.Size);
        var body = Rename(atom.Body, new Dictionary<int, int> { [atom.Bound] = local });
        var derivative = Sum(local, Differentiate(body, target));
        _atomDerivatives[(atom.Id, target)] = derivative;
        return derivative;
    }
}
