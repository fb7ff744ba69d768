namespace GradCheck.Numerics;

/// <summary>
/// A finite-difference estimate of a matrix of derivatives (a Jacobian or a Hessian), stored flat
/// and row-major: entry (r, c) is at index r·<see cref="Columns"/> + c. For a Jacobian of
/// f: ℝⁿ → ℝᵐ the rows are the m outputs and the columns the n inputs.
/// </summary>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">Number of columns.</param>
/// <param name="Values">The estimates, row-major.</param>
/// <param name="Errors">Their absolute error estimates, row-major (∞ where no estimate could be formed).</param>
public sealed record MatrixEstimate(int Rows, int Columns, IReadOnlyList<double> Values, IReadOnlyList<double> Errors)
{
    /// <summary>The estimate of entry (<paramref name="row"/>, <paramref name="column"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The indices are outside the matrix.</exception>
    public DerivativeEstimate At(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        var index = (row * Columns) + column;
        return new DerivativeEstimate(Values[index], Errors[index]);
    }
}
