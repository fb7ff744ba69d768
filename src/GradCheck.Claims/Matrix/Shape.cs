using System.Globalization;
using GradCheck.Claims.Syntax;

namespace GradCheck.Claims.Matrix;

/// <summary>
/// The shape of a matrix-notation expression: rows × columns, each a size symbol or a fixed number. A
/// vector of size K is K×1, a transposed vector 1×K, a scalar 1×1 (so <c>w'*w</c> is a scalar).
/// </summary>
/// <param name="Rows">The number of rows.</param>
/// <param name="Columns">The number of columns.</param>
internal sealed record Shape(Dimension Rows, Dimension Columns)
{
    /// <summary>The shape of a scalar.</summary>
    public static readonly Shape Scalar = new(Dimension.One, Dimension.One);

    /// <summary>True for a 1×1 shape.</summary>
    public bool IsScalar => Rows.IsOne && Columns.IsOne;

    /// <summary>True for a column vector (n×1 with n not fixed at 1).</summary>
    public bool IsColumnVector => Columns.IsOne && !Rows.IsOne;

    /// <summary>True for a row vector (1×n with n not fixed at 1).</summary>
    public bool IsRowVector => Rows.IsOne && !Columns.IsOne;

    /// <summary>A column vector of the given size.</summary>
    public static Shape Vector(Dimension size) => new(size, Dimension.One);

    /// <summary>The transpose's shape.</summary>
    public Shape Transposed => new(Columns, Rows);

    /// <summary>The shape as the JSON report writes it: <c>scalar</c>, <c>K</c> (a vector), <c>1 x K</c>, <c>H x D</c>.</summary>
    public string ToJson() => IsScalar ? "scalar" : IsColumnVector ? Rows.ToString() : Rows + " x " + Columns;

    /// <summary>The shape at given sizes, as a report says it: <c>3×3</c>, <c>3×1</c>, <c>scalar</c>.</summary>
    public string At(IReadOnlyDictionary<string, int> sizes) => IsScalar
        ? "scalar"
        : string.Create(CultureInfo.InvariantCulture, $"{Rows.At(sizes)}×{Columns.At(sizes)}");

    /// <summary>True when the two shapes have the same rows and columns at the given sizes.</summary>
    public bool SameAt(Shape other, IReadOnlyDictionary<string, int> sizes) =>
        Rows.At(sizes) == other.Rows.At(sizes) && Columns.At(sizes) == other.Columns.At(sizes);

    /// <summary>The shape in words, for error messages: "a scalar", "a vector of size K", "a row vector of size K (1×K)", "a H×D matrix".</summary>
    public string Describe() =>
        IsScalar ? "a scalar"
        : IsColumnVector ? "a vector of size " + Rows
        : IsRowVector ? "a row vector of size " + Columns + " (1×" + Columns + ")"
        : "a " + Rows + "×" + Columns + " matrix";
}
