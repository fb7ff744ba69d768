using System.Runtime.CompilerServices;

namespace GradCheck.Numerics;

/// <content>Assertions over shaped arguments (see <see cref="GradientChecker.Check{T1, T2}"/>).</content>
public static partial class GradCheckAssert
{
    /// <summary>Asserts the gradient of a function of a matrix.</summary>
    /// <inheritdoc cref="GradientChecker.Check(Func{double[,], double}, double[,], double[,], GradientCheckOptions?, string?)" path="/param"/>
    /// <returns>The passing report.</returns>
    /// <exception cref="GradientCheckException">The check failed; the message lists the worst entries by name (<c>W[1, 2]</c>).</exception>
    public static GradientCheckReport Gradient(Func<double[,], double> f, double[,] x1, double[,] claimed1, GradientCheckOptions? options = null,
        [CallerArgumentExpression(nameof(x1))] string? name1 = null) =>
        Passing(GradientChecker.Check(f, x1, claimed1, options, name1));

    /// <summary>
    /// Asserts the gradient of a function of two arrays of double of any rank, such as a loss of a
    /// weight matrix and a bias: <c>GradCheckAssert.Gradient((W, b) => Loss(W, b), W, b, dW, db)</c>.
    /// </summary>
    /// <inheritdoc cref="GradientChecker.Check{T1, T2}" path="/typeparam"/>
    /// <inheritdoc cref="GradientChecker.Check{T1, T2}" path="/param"/>
    /// <returns>The passing report.</returns>
    /// <exception cref="GradientCheckException">The check failed; the message lists the worst entries by name (<c>W[1, 2]</c>, <c>b[0]</c>).</exception>
    public static GradientCheckReport Gradient<T1, T2>(Func<T1, T2, double> f, T1 x1, T2 x2, T1 claimed1, T2 claimed2,
        GradientCheckOptions? options = null,
        [CallerArgumentExpression(nameof(x1))] string? name1 = null, [CallerArgumentExpression(nameof(x2))] string? name2 = null)
        where T1 : class
        where T2 : class =>
        Passing(GradientChecker.Check(f, x1, x2, claimed1, claimed2, options, name1, name2));

    /// <summary>Asserts the gradient of a function of three arrays of double of any rank.</summary>
    /// <inheritdoc cref="GradientChecker.Check{T1, T2, T3}" path="/typeparam"/>
    /// <inheritdoc cref="GradientChecker.Check{T1, T2, T3}" path="/param"/>
    /// <returns>The passing report.</returns>
    /// <exception cref="GradientCheckException">The check failed.</exception>
    public static GradientCheckReport Gradient<T1, T2, T3>(Func<T1, T2, T3, double> f, T1 x1, T2 x2, T3 x3,
        T1 claimed1, T2 claimed2, T3 claimed3, GradientCheckOptions? options = null,
        [CallerArgumentExpression(nameof(x1))] string? name1 = null, [CallerArgumentExpression(nameof(x2))] string? name2 = null,
        [CallerArgumentExpression(nameof(x3))] string? name3 = null)
        where T1 : class
        where T2 : class
        where T3 : class =>
        Passing(GradientChecker.Check(f, x1, x2, x3, claimed1, claimed2, claimed3, options, name1, name2, name3));
}
