using System.Globalization;

namespace GradCheck.Numerics;

/// <summary>Which one-sided derivative a claimed value must match where the function has a kink.</summary>
public enum SubgradientConvention
{
    /// <summary>Do not check kink entries: report them as "not differentiable here" and move on.</summary>
    None,

    /// <summary>The claimed value must equal the left derivative (ReLU′(0) = 0, PyTorch's choice, for ReLU in its input).</summary>
    Left,

    /// <summary>The claimed value must equal the right derivative (ReLU′(0) = 1 for ReLU in its input).</summary>
    Right,

    /// <summary>
    /// The claimed value must equal one of the two one-sided derivatives. This is the convention to
    /// use for parameters of a ReLU network coded with ReLU′(0) = 0: whether that is the left or
    /// right derivative in a weight depends on the sign of the input that weight multiplies.
    /// </summary>
    EitherSide,

    /// <summary>The claimed value must lie between the one-sided derivatives (a Clarke subgradient in that coordinate).</summary>
    Between,
}

/// <summary>
/// Options of the gradient, Jacobian and Hessian checks. The defaults decide from estimated
/// errors alone; <see cref="AbsoluteTolerance"/> and <see cref="RelativeTolerance"/> add slack
/// on top for users who want it.
/// </summary>
/// <remarks>
/// An entry passes when |claimed − numeric| ≤ tolerance, where
/// tolerance = <see cref="Safety"/>·(estimated finite-difference error)
/// + <see cref="ClaimedRoundingUlps"/>·u·(|claimed| + max |claimed|)
/// + <see cref="AbsoluteTolerance"/> + <see cref="RelativeTolerance"/>·|numeric|,
/// with u the unit roundoff of the claimed values (2⁻⁵³ for double, 2⁻²⁴ for float).
/// </remarks>
public sealed record GradientCheckOptions
{
    /// <summary>The default options.</summary>
    public static GradientCheckOptions Default { get; } = new();

    /// <summary>
    /// The difference formula. With <see cref="DifferenceMethod.Central"/> (the default),
    /// <see cref="DifferenceMethod.Forward"/> or <see cref="DifferenceMethod.FivePoint"/> each entry
    /// is first compared with one quick estimate and passes if it agrees within that estimate's
    /// rounding bound; an entry that does not is re-estimated by Richardson extrapolation, whose
    /// error estimate decides. With <see cref="DifferenceMethod.Richardson"/> every entry is
    /// extrapolated.
    /// </summary>
    public DifferenceMethod Method { get; init; } = DifferenceMethod.Central;

    /// <summary>Multiplier of the estimated finite-difference error in the tolerance (default 4, at least 1).</summary>
    public double Safety { get; init; } = 4;

    /// <summary>
    /// How many units of roundoff (of the claimed values' own precision) the claimed values may carry,
    /// relative to |claimed| + max|claimed| (default 64).
    /// </summary>
    public double ClaimedRoundingUlps { get; init; } = 64;

    /// <summary>
    /// Relative rounding noise of the function's values, |δf| ≤ this·|f| (default 16ε ≈ 3.6e−15).
    /// Raise it for functions that are noisier than a few ulps (long sums, iterative solvers).
    /// </summary>
    public double FunctionRelativeNoise { get; init; } = 16 * Steps.Epsilon;

    /// <summary>Absolute rounding noise of the function's values (default 0).</summary>
    public double FunctionAbsoluteNoise { get; init; }

    /// <summary>Extra absolute slack added to every tolerance (default 0).</summary>
    public double AbsoluteTolerance { get; init; }

    /// <summary>Extra slack relative to |numeric| added to every tolerance (default 0).</summary>
    public double RelativeTolerance { get; init; }

    /// <summary>
    /// When an entry disagrees, compare one-sided Richardson estimates from both sides: if they
    /// disagree with each other the entry is at (or within a step of) a kink and is reported as
    /// not differentiable there instead of failing (default true; gradient checks only).
    /// </summary>
    public bool DetectKinks { get; init; } = true;

    /// <summary>
    /// Which subgradient a claimed value must match at a kink (default <see cref="SubgradientConvention.None"/>:
    /// not checked). With a convention every entry is also probed from both sides (about 24 more
    /// evaluations each), because at an exact kink the central difference equals the mean of the
    /// one-sided derivatives and would otherwise pass a claimed value that happens to equal it.
    /// </summary>
    public SubgradientConvention Subgradient { get; init; } = SubgradientConvention.None;

    /// <summary>
    /// Entries checked in parallel (default 1). Above 1 the function is called concurrently on
    /// distinct arrays, so it must be thread-safe.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>
    /// The gradient entries to check (default null: all). Checking m entries drawn at random from
    /// a gradient in which a fraction ρ of entries is wrong misses every wrong one with probability
    /// (1 − ρ)^m at most; the report's entries are the selected ones, with their original indices.
    /// Gradient and vector–Jacobian checks only.
    /// </summary>
    public IReadOnlyList<int>? Entries { get; init; }

    /// <summary>Random projections in fast mode (default 2).</summary>
    public int Projections { get; init; } = 2;

    /// <summary>Seed of the fast mode's random directions (default 12345), so failures reproduce.</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>
    /// For float32 checks: how many float32 units of roundoff, relative to max(|reference|, |f32|),
    /// the float32 function value may differ from the float64 reference (default 4096).
    /// </summary>
    public double ValueRoundingUlps { get; init; } = 4096;

    /// <summary>Entries listed in a report's message, worst first (default 10).</summary>
    public int MaxEntriesInMessage { get; init; } = 10;

    internal NoiseModel Noise => new(FunctionRelativeNoise, FunctionAbsoluteNoise);

    internal void Validate()
    {
        static void NonNegative(double v, string name)
        {
            if (!(v >= 0) || double.IsPositiveInfinity(v))
            {
                throw new ArgumentOutOfRangeException(name, v.ToString(CultureInfo.InvariantCulture), $"{name} must be finite and non-negative.");
            }
        }

        if (!(Safety >= 1) || !double.IsFinite(Safety))
        {
            throw new ArgumentOutOfRangeException(nameof(Safety), Safety.ToString(CultureInfo.InvariantCulture), "Safety must be finite and at least 1.");
        }

        NonNegative(ClaimedRoundingUlps, nameof(ClaimedRoundingUlps));
        NonNegative(FunctionRelativeNoise, nameof(FunctionRelativeNoise));
        NonNegative(FunctionAbsoluteNoise, nameof(FunctionAbsoluteNoise));
        NonNegative(AbsoluteTolerance, nameof(AbsoluteTolerance));
        NonNegative(RelativeTolerance, nameof(RelativeTolerance));
        NonNegative(ValueRoundingUlps, nameof(ValueRoundingUlps));
        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be at least 1.");
        }

        if (Projections < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Projections), Projections, "Projections must be at least 1.");
        }

        if (MaxEntriesInMessage < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEntriesInMessage), MaxEntriesInMessage, "MaxEntriesInMessage must not be negative.");
        }
    }
}
