namespace GradCheck.Numerics;

/// <summary>
/// Standard normal draws for the random projections of the fast checks: xoshiro256** for the
/// uniforms (a few ns each; System.Random with a seed uses its slower legacy generator) and
/// Marsaglia's polar method (no trigonometry), so a 159,010-entry direction costs about a
/// millisecond. Seeded by SplitMix64, reproducible across runs and platforms.
/// </summary>
internal sealed class Gaussian
{
    private ulong _s0, _s1, _s2, _s3;

    public Gaussian(int seed)
    {
        var x = (ulong)(uint)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public double[] Vector(int length)
    {
        var v = new double[length];
        Fill(v);
        return v;
    }

    public void Fill(Span<double> v)
    {
        var length = v.Length;
        for (var i = 0; i < length; i += 2)
        {
            double u, w, s;
            do
            {
                u = (2 * Uniform()) - 1;
                w = (2 * Uniform()) - 1;
                s = (u * u) + (w * w);
            }
            while (s >= 1 || s == 0);

            var factor = Math.Sqrt(-2 * Math.Log(s) / s);
            v[i] = u * factor;
            if (i + 1 < length)
            {
                v[i + 1] = w * factor;
            }
        }
    }

    /// <summary>A double uniform on [0, 1) from the top 53 bits of xoshiro256**.</summary>
    private double Uniform()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return (result >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
