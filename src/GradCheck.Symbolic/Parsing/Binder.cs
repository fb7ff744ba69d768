using System.Collections.Immutable;
using GradCheck.Symbolic.Differentiation;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Parsing;

/// <summary>
/// Lowers a <see cref="SyntaxNode"/> to an <see cref="Expr"/> in a <see cref="BindingScope"/>:
/// subscripts become concrete integers, sizes become numbers, <c>let</c> names are replaced by their
/// bound bodies, <c>sum</c>/<c>prod</c> are expanded over their index's range, <c>delta</c> folds to
/// 1 or 0, and derivatives are taken with <see cref="Differentiator"/>.
/// </summary>
/// <remarks>
/// Every error is a <see cref="SymbolicSyntaxException"/> at the offending node: an index used
/// without <c>index</c>, an index with no value, a definition used with the wrong number of indices
/// (in a derivative's variable too), a derivative with respect to a non-symbol (a size or an index),
/// division of a number by 0. A derivative with respect to a <c>let</c> name (<c>d/dz1 C</c>) is the
/// derivative of C with z1's definition cut (z1 a free variable of C, the definitions downstream of it
/// kept), evaluated afterwards at z1's definition.
/// </remarks>
/// <example>
/// <code>
/// var scope = BindingScope.Empty.WithIndexRange("k", 1, 2).WithIndexRange("i", 1, 2).WithIndexValue("i", 1)
///     .WithDefinition(new Definition("s", ["k"], ExpressionParser.Parse("exp(z_k) / sum(k, exp(z_k))")));
/// var e = Binder.Bind(ExpressionParser.Parse("s_i"), scope);   // exp(z_1)/(exp(z_1) + exp(z_2))
/// </code>
/// </example>
public static class Binder
{
    /// <summary>The most nodes a binding may visit (sums and definitions expand); beyond it the text is rejected.</summary>
    public const int MaxBindSteps = 500_000;

    /// <summary>The deepest nesting of derivatives accepted (each order can multiply an expression's size).</summary>
    public const int MaxDerivativeOrder = 8;

    /// <summary>Binds <paramref name="node"/> in <paramref name="scope"/>.</summary>
    /// <param name="node">The syntax tree (from <see cref="ExpressionParser"/>).</param>
    /// <param name="scope">Indices, sizes and definitions.</param>
    /// <returns>The expression, with every index concrete.</returns>
    /// <exception cref="SymbolicSyntaxException">The node cannot be bound (with the position and the reason).</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Expr Bind(SyntaxNode node, BindingScope scope)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(scope);
        return new Session(scope, null).Bind(node);
    }

    /// <summary>Binds <paramref name="node"/> in <paramref name="scope"/> and collects the preconditions of its
    /// derivatives: every function differentiated, and every root inside a derivative's body that building the
    /// expression folded away ((√x)² is x). A derivative says nothing where what it differentiates has no real value:
    /// d/dx ln(x) is 1/x, but only for x &gt; 0.</summary>
    /// <param name="node">The syntax tree.</param>
    /// <param name="scope">Indices, sizes and definitions.</param>
    /// <param name="preconditions">Receives the preconditions (possibly repeated).</param>
    /// <returns>The expression, with every index concrete.</returns>
    /// <exception cref="SymbolicSyntaxException">The node cannot be bound.</exception>
    public static Expr Bind(SyntaxNode node, BindingScope scope, ICollection<Expr> preconditions)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(preconditions);
        return new Session(scope, preconditions).Bind(node);
    }

    /// <summary>
    /// The index variables <paramref name="node"/> uses free: in subscripts, <c>delta</c>, derivative
    /// variables and as bare names, not bound by an enclosing <c>sum</c>/<c>prod</c>. A use of a
    /// definition contributes only the indices written at the use site (<c>s_j</c> gives j). Sizes
    /// are not indices.
    /// </summary>
    /// <param name="node">The syntax tree.</param>
    /// <param name="scope">Supplies the sizes, declared indices and definitions.</param>
    /// <returns>The free index names, in ordinal order.</returns>
    public static IReadOnlySet<string> FreeIndices(SyntaxNode node, BindingScope scope)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(scope);
        var free = new SortedSet<string>(StringComparer.Ordinal);
        CollectFree(node, scope, ImmutableHashSet.Create<string>(StringComparer.Ordinal), free);
        return free;
    }

    private static void CollectFree(SyntaxNode node, BindingScope scope, ImmutableHashSet<string> bound, SortedSet<string> free)
    {
        void Entry(SubscriptSyntax entry)
        {
            if (entry.Variable is { } v && !bound.Contains(v) && !scope.Sizes.ContainsKey(v))
            {
                free.Add(v);
            }
        }

        // Walk operator chains iteratively: a long a+b+c+… is a deep left spine.
        while (true)
        {
            switch (node)
            {
                case NameSyntax name:
                    if (name.Subscripts.IsEmpty && !bound.Contains(name.Name) && !scope.Sizes.ContainsKey(name.Name)
                        && !scope.Definitions.Any(d => d.Name == name.Name)
                        && (scope.IndexRanges.ContainsKey(name.Name) || scope.IndexValues.ContainsKey(name.Name)))
                    {
                        free.Add(name.Name);
                    }

                    foreach (var entry in name.Subscripts)
                    {
                        Entry(entry);
                    }

                    return;
                case DeltaSyntax delta:
                    Entry(delta.Left);
                    Entry(delta.Right);
                    return;
                case CallSyntax call:
                    node = call.Argument;
                    continue;
                case UnarySyntax unary:
                    node = unary.Operand;
                    continue;
                case BinarySyntax binary:
                    CollectFree(binary.Right, scope, bound, free);
                    node = binary.Left;
                    continue;
                case IndexSumSyntax sum:
                    bound = bound.Add(sum.Index);
                    node = sum.Body;
                    continue;
                case IndexProductSyntax product:
                    bound = bound.Add(product.Index);
                    node = product.Body;
                    continue;
                case DerivativeSyntax derivative:
                    foreach (var variable in derivative.Variables)
                    {
                        CollectFree(variable, scope, bound, free);
                    }

                    node = derivative.Body;
                    continue;
                default:
                    return;
            }
        }
    }

    /// <summary>The fixed-size reading: sums and products expanded over their index's range, delta folded,
    /// sizes and index values as numbers, derivatives by <see cref="Differentiator"/>.</summary>
    private sealed class Session(BindingScope scope, ICollection<Expr>? preconditions) : SyntaxLowering(scope.Definitions)
    {
        public Expr Bind(SyntaxNode node) => LowerRoot(node, scope.IndexValues);

        protected override Expr LowerIndexed(SyntaxNode at, string index, SyntaxNode body, Environment env, bool product) =>
            scope.IndexRanges.TryGetValue(index, out var range)
                ? Expand(range.From, range.To, index, body, env, product)
                : throw UndeclaredRange(at, index);

        protected override Expr Delta(int left, int right) => left == right ? Expr.One : Expr.Zero;

        protected override Expr Differentiate(Expr f, Symbol variable)
        {
            using var phase = Limits.WorkDeadline.Enter("differentiation");
            preconditions?.Add(f);
            return Differentiator.Differentiate(f, variable);
        }

        protected override void ObservePowerBase(Expr lowered, Environment env)
        {
            // Inside a derivative's body, a root about to be raised to a power may fold away with its domain.
            if (preconditions is not null && env.DerivativeOrder > 0 && lowered is Power { Exponent: Number { Value.IsInteger: false } })
            {
                preconditions.Add(lowered);
            }
        }

        protected override Expr SubstituteName(Expr e, string name, Func<ImmutableArray<int>, Expr> expansion) =>
            e.Substitute(e.Symbols().Where(s => s.Name == name).ToDictionary(s => s, s => expansion(s.Indices)));

        protected override bool IsSize(string name) => scope.Sizes.ContainsKey(name);

        protected override Expr SizeAsExpression(string size) => Expr.Num(scope.Sizes[size]);

        protected override int SizeAsIndex(SubscriptSyntax entry, string size) => scope.Sizes[size];

        protected override bool IsDeclaredIndex(string name) => scope.IndexRanges.ContainsKey(name);

        protected override int ResolveUnbound(SubscriptSyntax entry, string name, Environment env) =>
            scope.IndexRanges.ContainsKey(name) || scope.IndexValues.ContainsKey(name)
                ? throw NoValue(entry.Line, entry.Column, name, env)
                : throw UndeclaredIndex(entry, name);
    }
}
