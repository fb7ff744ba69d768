using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Expressions;

/// <content>Parsing text in the claims syntax.</content>
public abstract partial record Expr
{
    /// <summary>
    /// Parses and binds an expression with no indices, sizes or definitions in scope:
    /// <c>Expr.Parse("d/dz sigmoid(z)")</c>. The inverse of <see cref="object.ToString"/>.
    /// </summary>
    /// <param name="text">The expression in the claims syntax.</param>
    /// <returns>The bound expression.</returns>
    /// <exception cref="SymbolicSyntaxException">The text is not an expression, or cannot be bound (with line, column and reason).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static Expr Parse(string text) => Binder.Bind(ExpressionParser.Parse(text), BindingScope.Empty);
}
