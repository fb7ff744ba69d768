using System.Runtime.CompilerServices;

namespace GradCheck.Numerics;

/// <content>
/// Gradients with respect to several arguments of any shape: a loss of a <c>double[,]</c> weight
/// matrix and a <c>double[]</c> bias is checked as it is written, without flattening it by hand.
/// </content>
public static partial class GradientChecker
{
    /// <summary>
    /// Checks the gradient of a function of a matrix: <paramref name="claimed1"/>[i, j] = ∂f/∂x1[i, j].
    /// (For higher ranks, or several arguments, see <see cref="Check{T1, T2}"/>.)
    /// </summary>
    /// <param name="f">The function; it receives a fresh matrix at every call.</param>
    /// <param name="x1">The point (finite, non-empty); it is not modified.</param>
    /// <param name="claimed1">The claimed gradient, same shape as <paramref name="x1"/>.</param>
    /// <param name="options">Options; <see cref="GradientCheckOptions.Entries"/> counts entries row-major.</param>
    /// <param name="name1">The argument's name in the report (the caller's expression by default).</param>
    /// <returns>The report, its entries named like <c>W[1, 2]</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is not an array of double, a claimed gradient's shape differs from its argument's, or the point is empty or not finite.</exception>
    public static GradientCheckReport Check(Func<double[,], double> f, double[,] x1, double[,] claimed1, GradientCheckOptions? options = null,
        [CallerArgumentExpression(nameof(x1))] string? name1 = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Shaped(a => f((double[,])a[0]), [x1], [claimed1], [name1], options);
    }

    /// <summary>
    /// Checks the gradient of a function of two arrays of double of any rank, such as a loss of a
    /// weight matrix <c>double[,]</c> and a bias <c>double[]</c>: <paramref name="claimed1"/> = ∂f/∂x1
    /// and <paramref name="claimed2"/> = ∂f/∂x2, entry by entry.
    /// </summary>
    /// <typeparam name="T1">An array type with element double.</typeparam>
    /// <typeparam name="T2">An array type with element double.</typeparam>
    /// <param name="f">The function; it receives fresh arrays of the arguments' shapes at every call.</param>
    /// <param name="x1">The first argument's value (finite); not modified.</param>
    /// <param name="x2">The second argument's value (finite); not modified.</param>
    /// <param name="claimed1">The claimed ∂f/∂x1, shaped like <paramref name="x1"/>.</param>
    /// <param name="claimed2">The claimed ∂f/∂x2, shaped like <paramref name="x2"/>.</param>
    /// <param name="options">Options; <see cref="GradientCheckOptions.Entries"/> counts x1's entries row-major, then x2's.</param>
    /// <param name="name1">x1's name in the report (the caller's expression by default).</param>
    /// <param name="name2">x2's name in the report.</param>
    /// <returns>The report, its entries named like <c>W[1, 2]</c> and <c>b[0]</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is not an array of double, a claimed gradient's shape differs from its argument's, or the point is empty or not finite.</exception>
    public static GradientCheckReport Check<T1, T2>(Func<T1, T2, double> f, T1 x1, T2 x2, T1 claimed1, T2 claimed2,
        GradientCheckOptions? options = null,
        [CallerArgumentExpression(nameof(x1))] string? name1 = null, [CallerArgumentExpression(nameof(x2))] string? name2 = null)
        where T1 : class
        where T2 : class
    {
        ArgumentNullException.ThrowIfNull(f);
        return Shaped(a => f((T1)(object)a[0], (T2)(object)a[1]), [x1, x2], [claimed1, claimed2], [name1, name2], options);
    }

    /// <summary>Checks the gradient of a function of three arrays of double of any rank (weights, biases and a third parameter).</summary>
    /// <typeparam name="T1">An array type with element double.</typeparam>
    /// <typeparam name="T2">An array type with element double.</typeparam>
    /// <typeparam name="T3">An array type with element double.</typeparam>
    /// <param name="f">The function; it receives fresh arrays of the arguments' shapes at every call.</param>
    /// <param name="x1">The first argument's value.</param>
    /// <param name="x2">The second argument's value.</param>
    /// <param name="x3">The third argument's value.</param>
    /// <param name="claimed1">The claimed ∂f/∂x1.</param>
    /// <param name="claimed2">The claimed ∂f/∂x2.</param>
    /// <param name="claimed3">The claimed ∂f/∂x3.</param>
    /// <param name="options">Options; <see cref="GradientCheckOptions.Entries"/> counts the arguments' entries in order, row-major.</param>
    /// <param name="name1">x1's name in the report.</param>
    /// <param name="name2">x2's name in the report.</param>
    /// <param name="name3">x3's name in the report.</param>
    /// <returns>The report, its entries named after the arguments.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is not an array of double, a claimed gradient's shape differs from its argument's, or the point is empty or not finite.</exception>
    public static GradientCheckReport Check<T1, T2, T3>(Func<T1, T2, T3, double> f, T1 x1, T2 x2, T3 x3,
        T1 claimed1, T2 claimed2, T3 claimed3, GradientCheckOptions? options = null,
        [CallerArgumentExpression(nameof(x1))] string? name1 = null, [CallerArgumentExpression(nameof(x2))] string? name2 = null,
        [CallerArgumentExpression(nameof(x3))] string? name3 = null)
        where T1 : class
        where T2 : class
        where T3 : class
    {
        ArgumentNullException.ThrowIfNull(f);
        return Shaped(a => f((T1)(object)a[0], (T2)(object)a[1], (T3)(object)a[2]),
            [x1, x2, x3], [claimed1, claimed2, claimed3], [name1, name2, name3], options);
    }

    private static GradientCheckReport Shaped(Func<Array[], double> f, object?[] points, object?[] claimed, string?[] names,
        GradientCheckOptions? options)
    {
        var layout = ArgumentLayout.Of(points, names);
        var x = layout.Flatten(points, "point");
        var gradient = layout.Flatten(claimed, "claimed gradient");
        return Check(flat => f(layout.Unflatten(flat)), x, gradient, options).WithLabels(layout.Label);
    }
}
