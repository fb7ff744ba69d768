using System.Collections.Immutable;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Indexed;

/// <summary>
/// Lowers a <see cref="SyntaxNode"/> to an expression of the <see cref="IndexAlgebra"/> with every
/// symbolic size left symbolic: a free index keeps one code for the whole claim, a sum over 1..K binds
/// a fresh code and is reduced at once, sums and products over fixed ranges are expanded as the
/// <see cref="Binder"/> does, derivatives go through <see cref="IndexAlgebra.Differentiate"/>.
/// </summary>
/// <remarks>The walk, its guards and its errors of the text itself (an undeclared index, a derivative with
/// respect to a size, a division by 0, an expansion too large) are the <see cref="Binder"/>'s
/// (<see cref="SyntaxLowering"/>): <see cref="SymbolicSyntaxException"/>s at the node, worded alike.
/// Constructs the calculus leaves alone are <see cref="IndexedUnsupportedException"/>s.</remarks>
internal sealed class IndexedLowering(IndexAlgebra algebra, IndexedScope scope, IReadOnlyDictionary<string, int> fixedValues)
    : SyntaxLowering(scope.Definitions)
{
    private readonly Dictionary<string, int> _freeCodes = new(StringComparer.Ordinal);

    /// <summary>Free index name → its code, for the indices met so far.</summary>
    public IReadOnlyDictionary<string, int> FreeCodes => _freeCodes;

    /// <summary>Lowers a top-level expression (free indices get their claim-wide codes).</summary>
    public Expr Lower(SyntaxNode node) => LowerRoot(node, fixedValues.ToImmutableDictionary(StringComparer.Ordinal));

    protected override Expr LowerIndexed(SyntaxNode at, string index, SyntaxNode body, Environment env, bool product)
    {
        if (!scope.Indices.TryGetValue(index, out var range))
        {
            throw UndeclaredRange(at, index);
        }

        if (range.Size is not { } size)
        {
            return Expand(range.From, range.To.GetValueOrDefault(), index, body, env, product);
        }

        if (product)
        {
            throw new IndexedUnsupportedException("prod over the symbolic range 1.." + size);
        }

        var code = algebra.NewVariable(size);
        return algebra.Sum(code, Lower(body, env with { Values = env.Values.SetItem(index, code) }));
    }

    protected override Expr Delta(int left, int right) => IndexAlgebra.Delta(left, right);

    protected override Expr Differentiate(Expr f, Symbol variable) => algebra.Differentiate(f, variable);

    protected override Expr SubstituteName(Expr e, string name, Func<ImmutableArray<int>, Expr> expansion) =>
        algebra.SubstituteName(e, name, expansion);

    protected override bool IsSize(string name) => scope.Sizes.ContainsKey(name);

    protected override Expr SizeAsExpression(string size) => IndexAlgebra.SizeSymbol(size);

    protected override int SizeAsIndex(SubscriptSyntax entry, string size) =>
        throw new IndexedUnsupportedException("the size '" + size + "' is used as an index value");

    protected override bool IsDeclaredIndex(string name) => scope.Indices.ContainsKey(name);

    protected override void CheckSymbolName(string name)
    {
        if (name is IndexAlgebra.DeltaName or IndexAlgebra.SumName)
        {
            throw new IndexedUnsupportedException("the symbol name '" + name + "' is the calculus's own");
        }
    }

    protected override int LiteralIndex(int literal) =>
        IndexAlgebra.IsLiteral(literal) ? literal : throw new IndexedUnsupportedException("the literal index " + literal + " is too large");

    protected override Expr IndexAsNumber(NameSyntax name, int value) =>
        IndexAlgebra.IsLiteral(value) ? Expr.Num(value) : throw new IndexedUnsupportedException("the index '" + name.Name + "' is used as a number");

    /// <summary>A free index's claim-wide code (one fresh variable of its size the first time it is met).</summary>
    protected override int ResolveUnbound(SubscriptSyntax entry, string name, Environment env)
    {
        if (!scope.Indices.TryGetValue(name, out var range))
        {
            throw UndeclaredIndex(entry, name);
        }

        if (env.InDefinition is not null)
        {
            throw NoValue(entry.Line, entry.Column, name, env);
        }

        if (range.Size is not { } size)
        {
            throw new IndexedUnsupportedException("the free index '" + name + "' has a fixed range but no value");
        }

        if (!_freeCodes.TryGetValue(name, out var code))
        {
            code = algebra.NewVariable(size);
            _freeCodes[name] = code;
        }

        return code;
    }
}
