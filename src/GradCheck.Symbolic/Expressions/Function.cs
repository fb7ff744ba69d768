namespace GradCheck.Symbolic.Expressions;

/// <summary>
/// An elementary function applied to one argument. Create with <see cref="Expr.Apply"/> or the named
/// constructors (<see cref="Expr.Exp"/>, <see cref="Expr.Sigmoid"/>, …).
/// </summary>
/// <example><code>Expr.Sigmoid(Expr.Sym("z")).ToString(); // "sigmoid(z)"</code></example>
public sealed record Function : Expr
{
    internal Function(FunctionKind kind, Expr argument)
        : base(HashCode.Combine(6, (int)kind, argument.GetHashCode()))
    {
        Kind = kind;
        Argument = argument;
    }

    /// <summary>Which function.</summary>
    public FunctionKind Kind { get; }

    /// <summary>The argument.</summary>
    public Expr Argument { get; }

    private protected override int Rank => 3;

    /// <summary>Deconstructs into kind and argument.</summary>
    public void Deconstruct(out FunctionKind kind, out Expr argument)
    {
        kind = Kind;
        argument = Argument;
    }

    private protected override int CompareSameRank(Expr other)
    {
        var function = (Function)other;
        var byKind = Kind.CompareTo(function.Kind);
        return byKind != 0 ? byKind : Argument.CompareTo(function.Argument);
    }

    /// <inheritdoc />
    public bool Equals(Function? other) =>
        other is not null
        && (ReferenceEquals(this, other) || (Hash == other.Hash && Kind == other.Kind && Argument.Equals(other.Argument)));

    /// <inheritdoc />
    public override int GetHashCode() => Hash;
}
