using System.Collections.Immutable;
using System.Globalization;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Indexed;

/// <summary>
/// Lowers a <see cref="SyntaxNode"/> to an expression of the <see cref="IndexAlgebra"/> with every
/// symbolic size left symbolic: a free index keeps one code for the whole claim, a sum over 1..K binds
/// a fresh code and is reduced at once, sums and products over fixed ranges are expanded as the
/// <see cref="Binder"/> does, derivatives go through <see cref="IndexAlgebra.Differentiate"/>.
/// </summary>
/// <remarks>Errors of the text itself (an undeclared index, a derivative with respect to a let name)
/// are <see cref="SymbolicSyntaxException"/>s at the node, worded as the binder words them; constructs
/// the calculus leaves alone are <see cref="IndexedUnsupportedException"/>s.</remarks>
internal sealed class IndexedLowering(IndexAlgebra algebra, IndexedScope scope, IReadOnlyDictionary<string, int> fixedValues)
{
    private readonly Dictionary<string, int> _freeCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Definition, string Arguments), Expr> _expanded = [];

    /// <summary>Free index name → its code, for the indices met so far.</summary>
    public IReadOnlyDictionary<string, int> FreeCodes => _freeCodes;

    /// <summary>Lowers a top-level expression (free indices get their claim-wide codes).</summary>
    public Expr Lower(SyntaxNode node) =>
        Lower(node, new Environment(fixedValues.ToImmutableDictionary(StringComparer.Ordinal), scope.Definitions.Count, null, 0));

    private sealed record Environment(ImmutableDictionary<string, int> Values, int VisibleDefinitions, Definition? InDefinition, int DerivativeOrder);

    private Expr Lower(SyntaxNode node, Environment env)
    {
        try
        {
            return node switch
            {
                NumberSyntax number => Expr.Num(new Rational(number.Numerator, number.Denominator)),
                NameSyntax name => LowerName(name, env),
                CallSyntax call => Expr.Apply(Kind(call), Lower(call.Argument, env)),
                UnarySyntax unary => unary.Operator == '-' ? -Lower(unary.Operand, env) : Lower(unary.Operand, env),
                BinarySyntax { Operator: '+' } binary => Lower(binary.Left, env) + Lower(binary.Right, env),
                BinarySyntax { Operator: '-' } binary => Lower(binary.Left, env) - Lower(binary.Right, env),
                BinarySyntax { Operator: '*' } binary => Lower(binary.Left, env) * Lower(binary.Right, env),
                BinarySyntax { Operator: '/' } binary => Lower(binary.Left, env) / Lower(binary.Right, env),
                BinarySyntax { Operator: '^' } binary => Expr.Pow(Lower(binary.Left, env), Lower(binary.Right, env)),
                IndexSumSyntax sum => LowerSum(sum, sum.Index, sum.Body, env, product: false),
                IndexProductSyntax product => LowerSum(product, product.Index, product.Body, env, product: true),
                DeltaSyntax delta => IndexAlgebra.Delta(Resolve(delta.Left, env), Resolve(delta.Right, env)),
                DerivativeSyntax derivative => LowerDerivative(derivative, env),
                _ => throw new SymbolicSyntaxException(node.Line, node.Column, "unsupported syntax " + node.GetType().Name),
            };
        }
        catch (DivideByZeroException)
        {
            throw new SymbolicSyntaxException(node.Line, node.Column, "division by zero in '" + node + "'");
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

    private Expr LowerSum(SyntaxNode at, string index, SyntaxNode body, Environment env, bool product)
    {
        var range = RangeOf(at.Line, at.Column, index);
        if (range.Size is { } size)
        {
            if (product)
            {
                throw new IndexedUnsupportedException("prod over the symbolic range 1.." + size);
            }

            var code = algebra.NewVariable(size);
            return algebra.Sum(code, Lower(body, env with { Values = env.Values.SetItem(index, code) }));
        }

        var items = new List<Expr>();
        for (var value = range.From; value <= range.To.GetValueOrDefault(); value++)
        {
            items.Add(Lower(body, env with { Values = env.Values.SetItem(index, value) }));
        }

        return product ? Expr.Multiply(items) : Expr.Add(items);
    }

    private IndexRange RangeOf(int line, int column, string index) =>
        scope.Indices.TryGetValue(index, out var range)
            ? range
            : throw new SymbolicSyntaxException(line, column, "index '" + index + "' used without `index` (declare its range: index "
                + index + " in 1..K)");

    private Expr LowerName(NameSyntax name, Environment env)
    {
        if (FindDefinition(name.Name, env) is { } found)
        {
            return ExpandDefinition(name, found.Definition, found.Position, env);
        }

        if (name.Name is IndexAlgebra.DeltaName or IndexAlgebra.SumName)
        {
            throw new IndexedUnsupportedException("the symbol name '" + name.Name + "' is the calculus's own");
        }

        if (scope.Sizes.ContainsKey(name.Name))
        {
            return name.Subscripts.IsEmpty
                ? IndexAlgebra.SizeSymbol(name.Name)
                : throw new SymbolicSyntaxException(name.Line, name.Column, "'" + name.Name + "' is a size and takes no subscript");
        }

        if (name.Subscripts.IsEmpty)
        {
            if (!env.Values.ContainsKey(name.Name) && !scope.Indices.ContainsKey(name.Name))
            {
                return Expr.Sym(name.Name);
            }

            var code = Resolve(new SubscriptSyntax(name.Line, name.Column, name.Name, 0), env);
            return IndexAlgebra.IsLiteral(code)
                ? Expr.Num(code)
                : throw new IndexedUnsupportedException("the index '" + name.Name + "' is used as a number");
        }

        return Expr.Sym(name.Name, name.Subscripts.Select(s => Resolve(s, env)).ToArray());
    }

    private Expr ExpandDefinition(NameSyntax use, Definition definition, int position, Environment env)
    {
        var parameters = definition.IndexParameters;
        if (use.Subscripts.Length != parameters.Count)
        {
            throw new SymbolicSyntaxException(use.Line, use.Column, string.Create(CultureInfo.InvariantCulture,
                $"'{definition.Name}' is defined with {parameters.Count} indices but used with {use.Subscripts.Length}"));
        }

        var arguments = use.Subscripts.Select(s => Resolve(s, env)).ToArray();
        var key = (position, string.Join(",", arguments));
        if (_expanded.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var values = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < arguments.Length; m++)
        {
            values = values.SetItem(parameters[m], arguments[m]);
        }

        var bound = Lower(definition.Body, new Environment(values, position, definition, env.DerivativeOrder));
        _expanded[key] = bound;
        return bound;
    }

    private Expr LowerDerivative(DerivativeSyntax derivative, Environment env)
    {
        var variables = derivative.Variables.Select(v => ResolveVariable(v, env)).ToList();
        var order = env.DerivativeOrder + variables.Count;
        if (order > Binder.MaxDerivativeOrder)
        {
            throw new SymbolicSyntaxException(derivative.Line, derivative.Column, string.Create(CultureInfo.InvariantCulture,
                $"derivatives nested more than {Binder.MaxDerivativeOrder} deep"));
        }

        var result = Lower(derivative.Body, env with { DerivativeOrder = order });
        foreach (var variable in variables)
        {
            result = algebra.Differentiate(result, variable);
        }

        return result;
    }

    private Symbol ResolveVariable(NameSyntax variable, Environment env)
    {
        string? why = null;
        if (variable.Name is IndexAlgebra.DeltaName or IndexAlgebra.SumName)
        {
            throw new IndexedUnsupportedException("the symbol name '" + variable.Name + "' is the calculus's own");
        }

        if (FindDefinition(variable.Name, env) is not null)
        {
            why = "'" + variable.Name + "' is defined by let";
        }
        else if (scope.Sizes.ContainsKey(variable.Name))
        {
            why = "'" + variable.Name + "' is a size";
        }
        else if (variable.Subscripts.IsEmpty && (env.Values.ContainsKey(variable.Name) || scope.Indices.ContainsKey(variable.Name)))
        {
            why = "'" + variable.Name + "' is an index";
        }

        if (why is not null)
        {
            throw new SymbolicSyntaxException(variable.Line, variable.Column, "derivative with respect to a non-symbol: " + why);
        }

        return Expr.Sym(variable.Name, variable.Subscripts.Select(s => Resolve(s, env)).ToArray());
    }

    /// <summary>The code of a subscript entry: a literal, a bound or fixed index's value, or a free index's claim-wide code.</summary>
    private int Resolve(SubscriptSyntax entry, Environment env)
    {
        if (entry.Variable is not { } name)
        {
            return IndexAlgebra.IsLiteral(entry.Literal)
                ? entry.Literal
                : throw new IndexedUnsupportedException("the literal index " + entry.Literal + " is too large");
        }

        if (env.Values.TryGetValue(name, out var value))
        {
            return value;
        }

        if (scope.Sizes.ContainsKey(name))
        {
            throw new IndexedUnsupportedException("the size '" + name + "' is used as an index value");
        }

        var range = RangeOf(entry.Line, entry.Column, name);
        if (env.InDefinition is { } d)
        {
            throw new SymbolicSyntaxException(entry.Line, entry.Column, "index '" + name + "' has no value in the definition of '"
                + d.Name + "': give it as an index parameter (let " + d.Name + "_" + name + " = …)");
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
