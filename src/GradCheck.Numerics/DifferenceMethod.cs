namespace GradCheck.Numerics;

/// <summary>The finite-difference formula used for a derivative or a check.</summary>
public enum DifferenceMethod
{
    /// <summary>(f(x+h) − f(x)) / h, step ≈ √ε·scale; first-order truncation error.</summary>
    Forward,

    /// <summary>(f(x+h) − f(x−h)) / 2h, step ≈ ε^(1/3)·scale; second-order truncation error.</summary>
    Central,

    /// <summary>(−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h, step ≈ ε^(1/5)·scale; fourth order.</summary>
    FivePoint,

    /// <summary>
    /// Ridders' Richardson extrapolation of central differences over steps h₀, h₀/2, h₀/4, …
    /// with the error estimated from the extrapolation tableau (as FiniteDifferences.jl's
    /// <c>extrapolate_fdm</c>); typically 10–13 correct digits in float64.
    /// </summary>
    Richardson,
}
