using System.Collections.Immutable;
using System.Globalization;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Parsing;

/// <summary>
/// The walk from a <see cref="SyntaxNode"/> to an <see cref="Expr"/> shared by <see cref="Binder"/> (every
/// size a number: sums expanded, delta folded) and the index calculus's lowering (sizes left symbolic).
/// The shared part is everything the two readings agree on: numbers, functions, operator chains, <c>let</c>
/// expansion (cached per definition and arguments, with its arity check), derivative nesting, derivatives
/// with respect to a <c>let</c> name (see <see cref="LowerDerivative"/>), the "derivative with respect to
/// a non-symbol" rules, and the guards: at most <see cref="Binder.MaxBindSteps"/>
/// nodes, division by a literal 0, and arithmetic or name failures turned into a positioned
/// <see cref="SymbolicSyntaxException"/>. What differs is left to the overrides: sums and products over an
/// index, delta, differentiation, sizes, and what an index with no value in scope means.
/// </summary>
/// <param name="definitions">The <c>let</c> definitions in order; each may use the ones before it.</param>
internal abstract class SyntaxLowering(IReadOnlyList<Definition> definitions)
{
    // Modifier letter small l: a letter (so a valid symbol name) that no claim is expected to write.
    private const string CutPrefix = "\u02E1";

    private readonly Dictionary<(int Definition, string Arguments), Expr> _expanded = [];
    private int _steps;

    /// <summary>Lowers a whole expression with <paramref name="values"/> as the index values in scope;
    /// the node budget starts afresh, the cache of expanded definitions is kept.</summary>
    protected Expr LowerRoot(SyntaxNode node, ImmutableDictionary<string, int> values)
    {
        _steps = 0;
        return Lower(node, new Environment(values, definitions.Count, null, 0, []));
    }

    /// <summary>Lowers one node.</summary>
    protected Expr Lower(SyntaxNode node, Environment env)
    {
        Limits.WorkDeadline.Poll();
        if (++_steps > Binder.MaxBindSteps)
        {
            throw new SymbolicSyntaxException(node.Line, node.Column, string.Create(CultureInfo.InvariantCulture,
                $"the expansion of sums and definitions is too large (more than {Binder.MaxBindSteps} nodes)"));
        }

        try
        {
            return node switch
            {
                NumberSyntax number => Expr.Num(new Rational(number.Numerator, number.Denominator)),
                NameSyntax name => LowerName(name, env),
                CallSyntax call => Expr.Apply(Kind(call), Lower(call.Argument, env)),
                UnarySyntax unary => unary.Operator == '-' ? -Lower(unary.Operand, env) : Lower(unary.Operand, env),
                BinarySyntax { Operator: '+' or '-' } binary => LowerAdditive(binary, env),
                BinarySyntax { Operator: '*' or '/' } binary => LowerMultiplicative(binary, env),
                BinarySyntax { Operator: '^' } binary => LowerPower(binary, env),
                IndexSumSyntax sum => LowerIndexed(sum, sum.Index, sum.Body, env, product: false),
                IndexProductSyntax product => LowerIndexed(product, product.Index, product.Body, env, product: true),
                DeltaSyntax delta => Delta(Resolve(delta.Left, env), Resolve(delta.Right, env)),
                DerivativeSyntax derivative => LowerDerivative(derivative, env),
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

    /// <summary><c>sum</c> (or <c>prod</c> when <paramref name="product"/>) of <paramref name="body"/> over <paramref name="index"/>.</summary>
    protected abstract Expr LowerIndexed(SyntaxNode at, string index, SyntaxNode body, Environment env, bool product);

    /// <summary><c>delta</c> of two resolved index values.</summary>
    protected abstract Expr Delta(int left, int right);

    /// <summary>The derivative of <paramref name="f"/> with respect to <paramref name="variable"/>.</summary>
    protected abstract Expr Differentiate(Expr f, Symbol variable);

    /// <summary>Whether <paramref name="name"/> is a size symbol.</summary>
    protected abstract bool IsSize(string name);

    /// <summary>A bare size name as an expression.</summary>
    protected abstract Expr SizeAsExpression(string size);

    /// <summary>A size name written as a subscript.</summary>
    protected abstract int SizeAsIndex(SubscriptSyntax entry, string size);

    /// <summary>Whether <paramref name="name"/> is a declared index variable (a bare use of it is its value, not a symbol).</summary>
    protected abstract bool IsDeclaredIndex(string name);

    /// <summary>A subscript variable with no value in <paramref name="env"/> that is not a size.</summary>
    protected abstract int ResolveUnbound(SubscriptSyntax entry, string name, Environment env);

    /// <summary>A literal subscript; as written unless the override refuses it.</summary>
    protected virtual int LiteralIndex(int literal) => literal;

    /// <summary>A bare index name used as a number, given its resolved value.</summary>
    protected virtual Expr IndexAsNumber(NameSyntax name, int value) => Expr.Num(value);

    /// <summary>
    /// Replaces every symbol named <paramref name="name"/> in <paramref name="e"/> by <paramref name="expansion"/> of its
    /// indices (the binder: a plain substitution; the index calculus: inside its opaque sums too).
    /// </summary>
    protected abstract Expr SubstituteName(Expr e, string name, Func<ImmutableArray<int>, Expr> expansion);

    /// <summary>The name of the symbol that stands for the <c>let</c> name <paramref name="name"/> while its definition is
    /// cut: a prefix no claim writes, so the symbol can never be confused with a symbol of the same name used
    /// where the definition is not visible. It never leaves the lowering: the derivative substitutes it back.</summary>
    protected static string CutName(string name) => CutPrefix + name;

    /// <summary>Sees the base of every <c>^</c> before the power is built; nothing by default. (Building can fold away a
    /// domain: (√x)² is x.)</summary>
    protected virtual void ObservePowerBase(Expr lowered, Environment env)
    {
    }

    private Expr LowerPower(BinarySyntax binary, Environment env)
    {
        var @base = Lower(binary.Left, env);
        ObservePowerBase(@base, env);
        return Expr.Pow(@base, Lower(binary.Right, env));
    }

    /// <summary>Refuses a symbol name the override reserves; nothing by default.</summary>
    protected virtual void CheckSymbolName(string name)
    {
    }

    /// <summary>The items of a sum or product over a fixed range, combined.</summary>
    protected Expr Expand(int from, int to, string index, SyntaxNode body, Environment env, bool product)
    {
        var items = new List<Expr>(Math.Max(0, to - from + 1));
        for (var value = from; value <= to; value++)
        {
            items.Add(Lower(body, env with { Values = env.Values.SetItem(index, value) }));
        }

        return product ? Expr.Multiply(items) : Expr.Add(items);
    }

    /// <summary>The error for a <c>sum</c>/<c>prod</c> over an index with no declared range.</summary>
    protected static SymbolicSyntaxException UndeclaredRange(SyntaxNode at, string index) =>
        new(at.Line, at.Column, "index '" + index + "' used without `index` (declare its range: index " + index + " in 1..K)");

    /// <summary>The error for a subscript variable that is not a declared index.</summary>
    protected static SymbolicSyntaxException UndeclaredIndex(SubscriptSyntax entry, string name) =>
        new(entry.Line, entry.Column, "index '" + name + "' used without `index` (declare it: index " + name + " in 1..K)");

    /// <summary>The error for a declared index with no value where it is used.</summary>
    protected static SymbolicSyntaxException NoValue(int line, int column, string index, Environment env) =>
        new(line, column, env.InDefinition is { } d
            ? "index '" + index + "' has no value in the definition of '" + d.Name + "': give it as an index parameter (let "
              + d.Name + "_" + index + " = …)"
            : "index '" + index + "' has no value here (bind it with sum(" + index + ", …) or give it a value)");

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

    // Operator chains are walked iteratively: a long a+b+c+… is a deep left spine.
    private Expr LowerAdditive(BinarySyntax top, Environment env)
    {
        var terms = new List<Expr>();
        SyntaxNode node = top;
        while (node is BinarySyntax { Operator: '+' or '-' } binary)
        {
            var right = Lower(binary.Right, env);
            terms.Add(binary.Operator == '+' ? right : -right);
            node = binary.Left;
        }

        terms.Add(Lower(node, env));
        terms.Reverse();
        return Expr.Add(terms);
    }

    private Expr LowerMultiplicative(BinarySyntax top, Environment env)
    {
        var factors = new List<Expr>();
        SyntaxNode node = top;
        while (node is BinarySyntax { Operator: '*' or '/' } binary)
        {
            var right = Lower(binary.Right, env);
            if (binary.Operator == '/' && right is Number { Value.IsZero: true })
            {
                throw new SymbolicSyntaxException(binary.Right.Line, binary.Right.Column, "division by zero");
            }

            factors.Add(binary.Operator == '*' ? right : Expr.Pow(right, Expr.MinusOne));
            node = binary.Left;
        }

        factors.Add(Lower(node, env));
        factors.Reverse();
        return Expr.Multiply(factors);
    }

    private Expr LowerName(NameSyntax name, Environment env)
    {
        if (FindDefinition(name.Name, env) is { } found)
        {
            var arguments = DefinitionArguments(name, found.Definition, env);
            return env.Cut.Contains(found.Position)
                ? Expr.Sym(CutName(found.Definition.Name), arguments)
                : ExpandDefinition(found.Definition, found.Position, arguments, env);
        }

        CheckSymbolName(name.Name);
        if (name.Subscripts.IsEmpty)
        {
            if (IsSize(name.Name))
            {
                return SizeAsExpression(name.Name);
            }

            return env.Values.ContainsKey(name.Name) || IsDeclaredIndex(name.Name)
                ? IndexAsNumber(name, Resolve(new SubscriptSyntax(name.Line, name.Column, name.Name, 0), env))
                : Expr.Sym(name.Name);
        }

        if (IsSize(name.Name))
        {
            throw new SymbolicSyntaxException(name.Line, name.Column, "'" + name.Name + "' is a size and takes no subscript");
        }

        return Expr.Sym(name.Name, name.Subscripts.Select(s => Resolve(s, env)).ToArray());
    }

    /// <summary>The index values of a use of a definition, after its arity check.</summary>
    private int[] DefinitionArguments(NameSyntax use, Definition definition, Environment env)
    {
        using var phase = Limits.WorkDeadline.Enter("let expansion");
        var parameters = definition.IndexParameters;
        if (use.Subscripts.Length != parameters.Count)
        {
            var form = parameters.Count == 0
                ? definition.Name
                : definition.Name + "_" + (parameters.Count == 1 ? parameters[0] : "{" + string.Join(",", parameters) + "}");
            throw new SymbolicSyntaxException(use.Line, use.Column, string.Create(CultureInfo.InvariantCulture,
                $"'{definition.Name}' is defined with {parameters.Count} ind{(parameters.Count == 1 ? "ex" : "ices")} ({form}) but used with {use.Subscripts.Length}"));
        }

        return use.Subscripts.Select(s => Resolve(s, env)).ToArray();
    }

    private Expr ExpandDefinition(Definition definition, int position, IReadOnlyList<int> arguments, Environment env)
    {
        // Only the cut definitions before this one can change its expansion (it sees no later one).
        var cut = env.Cut.Where(p => p < position).ToImmutableSortedSet();
        var key = (position, string.Join(",", arguments) + "|" + string.Join(",", cut));
        if (_expanded.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var parameters = definition.IndexParameters;
        var values = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < arguments.Count; k++)
        {
            values = values.SetItem(parameters[k], arguments[k]);
        }

        var bound = Lower(definition.Body, new Environment(values, position, definition, env.DerivativeOrder, cut));
        _expanded[key] = bound;
        return bound;
    }

    /// <summary>
    /// A derivative. With respect to a symbol, the derivative of the lowered body. With respect to a <c>let</c>
    /// name (<c>d/dz1 C</c>, <c>d/dz2_j C</c>): the body is lowered with that definition cut, so its uses are
    /// the symbol <see cref="CutName"/> with their index values while the definitions downstream of it are kept;
    /// the derivative is taken with respect to that symbol, and then every such symbol is replaced by the
    /// definition at its indices (in the enclosing environment, so an outer cut stays a symbol). All the
    /// variables of one operator share the cut: <c>d2/dz1 dx C</c> is ∂²C/∂z1∂x with z1 and x independent.
    /// A name the body does not depend on gives 0.
    /// </summary>
    private Expr LowerDerivative(DerivativeSyntax derivative, Environment env)
    {
        var variables = derivative.Variables.Select(v => ResolveVariable(v, env)).ToList();
        var order = env.DerivativeOrder + variables.Count;
        if (order > Binder.MaxDerivativeOrder)
        {
            throw new SymbolicSyntaxException(derivative.Line, derivative.Column, string.Create(CultureInfo.InvariantCulture,
                $"derivatives nested more than {Binder.MaxDerivativeOrder} deep"));
        }

        // Only definitions this operator cuts are substituted back here; one an enclosing derivative cut
        // stays a symbol for that derivative.
        var newlyCut = variables.Where(v => v.Cut is { } p && !env.Cut.Contains(p.Position)).Select(v => v.Cut!.Value).Distinct().ToList();
        var inner = env with { DerivativeOrder = order, Cut = env.Cut.Union(newlyCut.Select(c => c.Position)) };
        var result = Lower(derivative.Body, inner);
        foreach (var (variable, _) in variables)
        {
            result = Differentiate(result, variable);
        }

        foreach (var (definition, position) in newlyCut)
        {
            result = SubstituteName(result, CutName(definition.Name), arguments => ExpandDefinition(definition, position, arguments, env));
        }

        return result;
    }

    /// <summary>The symbol to differentiate by, and the definition it cuts when the variable is a <c>let</c> name.</summary>
    private (Symbol Symbol, (Definition Definition, int Position)? Cut) ResolveVariable(NameSyntax variable, Environment env)
    {
        CheckSymbolName(variable.Name);
        if (FindDefinition(variable.Name, env) is { } found)
        {
            return (Expr.Sym(CutName(found.Definition.Name), DefinitionArguments(variable, found.Definition, env)), found);
        }

        string? why = null;
        if (variable.Subscripts.IsEmpty && IsSize(variable.Name))
        {
            why = "'" + variable.Name + "' is a size";
        }
        else if (variable.Subscripts.IsEmpty && (env.Values.ContainsKey(variable.Name) || IsDeclaredIndex(variable.Name)))
        {
            why = "'" + variable.Name + "' is an index";
        }

        if (why is not null)
        {
            throw new SymbolicSyntaxException(variable.Line, variable.Column, "derivative with respect to a non-symbol: " + why);
        }

        return (Expr.Sym(variable.Name, variable.Subscripts.Select(s => Resolve(s, env)).ToArray()), null);
    }

    private int Resolve(SubscriptSyntax entry, Environment env)
    {
        if (entry.Variable is not { } name)
        {
            return LiteralIndex(entry.Literal);
        }

        if (env.Values.TryGetValue(name, out var value))
        {
            return value;
        }

        return IsSize(name) ? SizeAsIndex(entry, name) : ResolveUnbound(entry, name, env);
    }

    private (Definition Definition, int Position)? FindDefinition(string name, Environment env)
    {
        for (var k = Math.Min(env.VisibleDefinitions, definitions.Count) - 1; k >= 0; k--)
        {
            if (definitions[k].Name == name)
            {
                return (definitions[k], k);
            }
        }

        return null;
    }

    /// <param name="Values">Index values visible here (numbers, or the calculus's codes).</param>
    /// <param name="VisibleDefinitions">How many definitions (from the start of the list) are visible.</param>
    /// <param name="InDefinition">The definition whose body is being lowered, if any (for messages).</param>
    /// <param name="DerivativeOrder">How many derivatives enclose this node.</param>
    /// <param name="Cut">The positions of the definitions cut by enclosing derivatives with respect to a <c>let</c>
    /// name: a use of one is a symbol (<see cref="CutName"/>), not its body.</param>
    protected sealed record Environment(
        ImmutableDictionary<string, int> Values, int VisibleDefinitions, Definition? InDefinition, int DerivativeOrder, ImmutableSortedSet<int> Cut);
}
