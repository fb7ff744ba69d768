namespace GradCheck.Numerics;

/// <summary>Standard normal draws (Box–Muller) for the random projections of the fast checks.</summary>
internal static class Gaussian
{
    public static double[] Vector(Random random, int length)
    {
        var v = new double[length];
        for (var i = 0; i < length; i += 2)
        {
            var u1 = 1.0 - random.NextDouble(); // (0, 1]: the log stays finite
            var u2 = random.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1));
            v[i] = radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < length)
            {
                v[i + 1] = radius * Math.Sin(2 * Math.PI * u2);
            }
        }

        return v;
    }
}
