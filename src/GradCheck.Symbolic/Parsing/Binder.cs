using System.Collections.Immutable;
using System.Globalization;
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
/// without <c>index</c>, an index with no value, a definition used with the wrong number of indices,
/// a derivative with respect to a non-symbol (a <c>let</c> name, a size or an index), division of a
/// number by 0.
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
        return new Session(scope).Bind(node, new Environment(scope.IndexValues, scope.Definitions.Count, null, 0));
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

    /// <param name="Values">Index values visible here.</param>
    /// <param name="VisibleDefinitions">How many definitions (from the start of the list) are visible.</param>
    /// <param name="InDefinition">The definition whose body is being bound, if any (for messages).</param>
    /// <param name="DerivativeOrder">How many derivatives enclose this node.</param>
    private sealed record Environment(
        ImmutableDictionary<string, int> Values, int VisibleDefinitions, Definition? InDefinition, int DerivativeOrder);

    private sealed class Session(BindingScope scope)
    {
        private readonly Dictionary<(int Definition, string Arguments), Expr> _expanded = [];
        private int _steps;

        public Expr Bind(SyntaxNode node, Environment env)
        {
            if (++_steps > MaxBindSteps)
            {
                throw new SymbolicSyntaxException(node.Line, node.Column, string.Create(CultureInfo.InvariantCulture,
                    $"the expansion of sums and definitions is too large (more than {MaxBindSteps} nodes)"));
            }

            try
            {
                return node switch
                {
                    NumberSyntax number => Expr.Num(new Rational(number.Numerator, number.Denominator)),
                    NameSyntax name => BindName(name, env),
                    CallSyntax call => Expr.Apply(Kind(call), Bind(call.Argument, env)),
                    UnarySyntax unary => unary.Operator == '-' ? -Bind(unary.Operand, env) : Bind(unary.Operand, env),
                    BinarySyntax { Operator: '+' or '-' } binary => BindAdditive(binary, env),
                    BinarySyntax { Operator: '*' or '/' } binary => BindMultiplicative(binary, env),
                    BinarySyntax { Operator: '^' } binary => Expr.Pow(Bind(binary.Left, env), Bind(binary.Right, env)),
                    IndexSumSyntax sum => Expr.Add(Expand(sum, sum.Index, sum.Body, env)),
                    IndexProductSyntax product => Expr.Multiply(Expand(product, product.Index, product.Body, env)),
                    DeltaSyntax delta => Resolve(delta.Left, env) == Resolve(delta.Right, env) ? Expr.One : Expr.Zero,
                    DerivativeSyntax derivative => BindDerivative(derivative, env),
                    _ => throw new SymbolicSyntaxException(node.Line, node.Column, "unsupported syntax " + node.GetType().Name),
                };
            }
            catch (DivideByZeroException)
            {
                throw new SymbolicSyntaxException(node.Line, node.Column, "division by zero in '" + node + "'");
            }
            catch (OverflowException)
            {
                throw new SymbolicSyntaxException(node.Line, node.Column, "a number in '" + node + "' is too large");
            }
            catch (ArgumentException invalid)
            {
                // A name or index the expression nodes refuse (e.g. a negative index value given in the scope).
                throw new SymbolicSyntaxException(node.Line, node.Column, invalid.Message);
            }
        }

        private static FunctionKind Kind(CallSyntax call) => call.Function switch
        {
            "exp" => FunctionKind.Exp,
            "ln" => FunctionKind.Ln,
            "sqrt" => FunctionKind.Sqrt,
            "sigmoid" => FunctionKind.Sigmoid,
            "tanh" => FunctionKind.Tanh,
            "relu" => FunctionKind.Relu,
            "abs" => FunctionKind.Abs,
            "sign" => FunctionKind.Sign,
            "step" => FunctionKind.Step,
            "softplus" => FunctionKind.Softplus,
            _ => throw new SymbolicSyntaxException(call.Line, call.Column, "unknown function '" + call.Function + "'"),
        };

        private Expr BindAdditive(BinarySyntax top, Environment env)
        {
            var terms = new List<Expr>();
            SyntaxNode node = top;
            while (node is BinarySyntax { Operator: '+' or '-' } binary)
            {
                var right = Bind(binary.Right, env);
                terms.Add(binary.Operator == '+' ? right : -right);
                node = binary.Left;
            }

            terms.Add(Bind(node, env));
            terms.Reverse();
            return Expr.Add(terms);
        }

        private Expr BindMultiplicative(BinarySyntax top, Environment env)
        {
            var factors = new List<Expr>();
            SyntaxNode node = top;
            while (node is BinarySyntax { Operator: '*' or '/' } binary)
            {
                var right = Bind(binary.Right, env);
                if (binary.Operator == '/' && right is Number { Value.IsZero: true })
                {
                    throw new SymbolicSyntaxException(binary.Right.Line, binary.Right.Column, "division by zero");
                }

                factors.Add(binary.Operator == '*' ? right : Expr.Pow(right, Expr.MinusOne));
                node = binary.Left;
            }

            factors.Add(Bind(node, env));
            factors.Reverse();
            return Expr.Multiply(factors);
        }

        private List<Expr> Expand(SyntaxNode at, string index, SyntaxNode body, Environment env)
        {
            if (!scope.IndexRanges.TryGetValue(index, out var range))
            {
                throw new SymbolicSyntaxException(at.Line, at.Column, "index '" + index + "' used without `index` (declare its range: index "
                    + index + " in 1..K)");
            }

            var items = new List<Expr>(Math.Max(0, range.To - range.From + 1));
            for (var value = range.From; value <= range.To; value++)
            {
                items.Add(Bind(body, env with { Values = env.Values.SetItem(index, value) }));
            }

            return items;
        }

        private Expr BindName(NameSyntax name, Environment env)
        {
            var definition = FindDefinition(name.Name, env);
            if (definition is { } found)
            {
                return ExpandDefinition(name, found.Definition, found.Position, env);
            }

            if (name.Subscripts.IsEmpty)
            {
                if (scope.Sizes.TryGetValue(name.Name, out var size))
                {
                    return Expr.Num(size);
                }

                if (env.Values.TryGetValue(name.Name, out var value))
                {
                    return Expr.Num(value);
                }

                if (scope.IndexRanges.ContainsKey(name.Name))
                {
                    throw NoValue(name.Line, name.Column, name.Name, env);
                }

                return Expr.Sym(name.Name);
            }

            if (scope.Sizes.ContainsKey(name.Name))
            {
                throw new SymbolicSyntaxException(name.Line, name.Column, "'" + name.Name + "' is a size and takes no subscript");
            }

            return Expr.Sym(name.Name, name.Subscripts.Select(s => Resolve(s, env)).ToArray());
        }

        private Expr ExpandDefinition(NameSyntax use, Definition definition, int position, Environment env)
        {
            var parameters = definition.IndexParameters;
            if (use.Subscripts.Length != parameters.Count)
            {
                var form = parameters.Count == 0
                    ? definition.Name
                    : definition.Name + "_" + (parameters.Count == 1 ? parameters[0] : "{" + string.Join(",", parameters) + "}");
                throw new SymbolicSyntaxException(use.Line, use.Column, string.Create(CultureInfo.InvariantCulture,
                    $"'{definition.Name}' is defined with {parameters.Count} ind{(parameters.Count == 1 ? "ex" : "ices")} ({form}) but used with {use.Subscripts.Length}"));
            }

            var arguments = use.Subscripts.Select(s => Resolve(s, env)).ToArray();
            var key = (position, string.Join(",", arguments));
            if (_expanded.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var values = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);
            for (var k = 0; k < arguments.Length; k++)
            {
                values = values.SetItem(parameters[k], arguments[k]);
            }

            var bound = Bind(definition.Body, new Environment(values, position, definition, env.DerivativeOrder));
            _expanded[key] = bound;
            return bound;
        }

        private Expr BindDerivative(DerivativeSyntax derivative, Environment env)
        {
            var variables = derivative.Variables.Select(v => ResolveVariable(v, env)).ToList();
            var order = env.DerivativeOrder + variables.Count;
            if (order > MaxDerivativeOrder)
            {
                throw new SymbolicSyntaxException(derivative.Line, derivative.Column, string.Create(CultureInfo.InvariantCulture,
                    $"derivatives nested more than {MaxDerivativeOrder} deep"));
            }

            var result = Bind(derivative.Body, env with { DerivativeOrder = order });
            foreach (var variable in variables)
            {
                result = Differentiator.Differentiate(result, variable);
            }

            return result;
        }

        private Symbol ResolveVariable(NameSyntax variable, Environment env)
        {
            string? why = null;
            if (FindDefinition(variable.Name, env) is not null)
            {
                why = "'" + variable.Name + "' is defined by let";
            }
            else if (variable.Subscripts.IsEmpty && scope.Sizes.ContainsKey(variable.Name))
            {
                why = "'" + variable.Name + "' is a size";
            }
            else if (variable.Subscripts.IsEmpty && (env.Values.ContainsKey(variable.Name) || scope.IndexRanges.ContainsKey(variable.Name)))
            {
                why = "'" + variable.Name + "' is an index";
            }

            if (why is not null)
            {
                throw new SymbolicSyntaxException(variable.Line, variable.Column, "derivative with respect to a non-symbol: " + why);
            }

            return Expr.Sym(variable.Name, variable.Subscripts.Select(s => Resolve(s, env)).ToArray());
        }

        private int Resolve(SubscriptSyntax entry, Environment env)
        {
            if (entry.Variable is not { } name)
            {
                return entry.Literal;
            }

            if (env.Values.TryGetValue(name, out var value))
            {
                return value;
            }

            if (scope.Sizes.TryGetValue(name, out var size))
            {
                return size;
            }

            if (scope.IndexRanges.ContainsKey(name) || scope.IndexValues.ContainsKey(name))
            {
                throw NoValue(entry.Line, entry.Column, name, env);
            }

            throw new SymbolicSyntaxException(entry.Line, entry.Column, "index '" + name + "' used without `index` (declare it: index "
                + name + " in 1..K)");
        }

        private static SymbolicSyntaxException NoValue(int line, int column, string index, Environment env) =>
            new(line, column, env.InDefinition is { } d
                ? "index '" + index + "' has no value in the definition of '" + d.Name + "': give it as an index parameter (let "
                  + d.Name + "_" + index + " = …)"
                : "index '" + index + "' has no value here (bind it with sum(" + index + ", …) or give it a value)");

        private (Definition Definition, int Position)? FindDefinition(string name, Environment env)
        {
            for (var k = Math.Min(env.VisibleDefinitions, scope.Definitions.Count) - 1; k >= 0; k--)
            {
                if (scope.Definitions[k].Name == name)
                {
                    return (scope.Definitions[k], k);
                }
            }

            return null;
        }
    }
}
