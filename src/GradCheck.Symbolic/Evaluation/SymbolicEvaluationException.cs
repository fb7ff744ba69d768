using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Evaluation;

/// <summary>An expression could not be evaluated or compiled: a symbol has no value (or no parameter slot).</summary>
public sealed class SymbolicEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SymbolicEvaluationException()
        : base("the expression could not be evaluated")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SymbolicEvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public SymbolicEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a symbol without a value.</summary>
    public SymbolicEvaluationException(Symbol symbol, string message)
        : base(message)
    {
        Symbol = symbol;
    }

    /// <summary>The symbol that had no value, when that was the cause.</summary>
    public Symbol? Symbol { get; }
}
