namespace GradCheck.Symbolic.Proving;

/// <summary>
/// The signs a quantity can take on the assumed domain, as a set of {−, 0, +}: the prover's sign
/// knowledge (x &gt; 0 gives {+}, a simplex entry {0, +}, e^u always {+}). Sums and products combine
/// conservatively: the result contains every sign the operation could produce.
/// </summary>
internal readonly record struct SignSet
{
    private const byte NegativeBit = 1;
    private const byte ZeroBit = 2;
    private const byte PositiveBit = 4;

    private SignSet(byte bits)
    {
        Bits = bits;
    }

    public static SignSet Positive { get; } = new(PositiveBit);

    public static SignSet Negative { get; } = new(NegativeBit);

    public static SignSet Zero { get; } = new(ZeroBit);

    public static SignSet NonNegative { get; } = new(ZeroBit | PositiveBit);

    public static SignSet NonPositive { get; } = new(NegativeBit | ZeroBit);

    public static SignSet Any { get; } = new(NegativeBit | ZeroBit | PositiveBit);

    private byte Bits { get; }

    /// <summary>Never negative.</summary>
    public bool IsNonNegative => (Bits & NegativeBit) == 0;

    /// <summary>Never positive.</summary>
    public bool IsNonPositive => (Bits & PositiveBit) == 0;

    /// <summary>Always positive.</summary>
    public bool IsPositive => Bits == PositiveBit;

    /// <summary>Always negative.</summary>
    public bool IsNegative => Bits == NegativeBit;

    /// <summary>The sign set of a number with this sign (−1, 0 or 1).</summary>
    public static SignSet Of(int sign) => sign > 0 ? Positive : sign < 0 ? Negative : Zero;

    /// <summary>Either set's signs.</summary>
    public SignSet Union(SignSet other) => new((byte)(Bits | other.Bits));

    /// <summary>The signs in both sets; <see cref="Any"/> when they share none (contradictory assumptions say nothing).</summary>
    public SignSet Intersect(SignSet other) => (Bits & other.Bits) == 0 ? Any : new((byte)(Bits & other.Bits));

    /// <summary>The signs of a product of a factor from each set.</summary>
    public static SignSet operator *(SignSet a, SignSet b)
    {
        var bits = 0;
        foreach (var x in a.Signs())
        {
            foreach (var y in b.Signs())
            {
                bits |= Of(x * y).Bits;
            }
        }

        return new((byte)bits);
    }

    /// <summary>The signs of uⁿ for an integer n ≠ 0 (an even power is never negative).</summary>
    public SignSet Power(int n) => int.IsEvenInteger(n) ? new((byte)((IsNonPositive && IsNonNegative ? 0 : PositiveBit) | (Bits & ZeroBit))) : this;

    /// <summary>The signs of a sum of terms from each set: all ≥ 0 with one &gt; 0 is &gt; 0, and so on.</summary>
    public static SignSet Sum(IEnumerable<SignSet> terms)
    {
        bool nonNegative = true, nonPositive = true, somePositive = false, someNegative = false;
        foreach (var t in terms)
        {
            nonNegative &= t.IsNonNegative;
            nonPositive &= t.IsNonPositive;
            somePositive |= t.IsPositive;
            someNegative |= t.IsNegative;
        }

        return nonNegative && nonPositive ? Zero
            : nonNegative ? (somePositive ? Positive : NonNegative)
            : nonPositive ? (someNegative ? Negative : NonPositive)
            : Any;
    }

    private IEnumerable<int> Signs()
    {
        if ((Bits & NegativeBit) != 0)
        {
            yield return -1;
        }

        if ((Bits & ZeroBit) != 0)
        {
            yield return 0;
        }

        if ((Bits & PositiveBit) != 0)
        {
            yield return 1;
        }
    }
}
