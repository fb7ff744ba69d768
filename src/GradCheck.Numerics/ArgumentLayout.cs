using System.Globalization;
using System.Text;

namespace GradCheck.Numerics;

/// <summary>
/// Lays several arrays of double, of any rank (a <c>double[,]</c> weight matrix, a <c>double[]</c> bias,
/// a <c>double[,,,]</c> convolution kernel), end to end in one flat vector, row-major within each, and
/// back; names each flat index after its argument (<c>W[1, 2]</c>, <c>b[0]</c>).
/// </summary>
internal sealed class ArgumentLayout
{
    private readonly int[][] _shapes;
    private readonly string[] _names;
    private readonly int[] _offsets;

    private ArgumentLayout(int[][] shapes, string[] names)
    {
        _shapes = shapes;
        _names = names;
        _offsets = new int[shapes.Length + 1];
        for (var a = 0; a < shapes.Length; a++)
        {
            _offsets[a + 1] = checked(_offsets[a] + shapes[a].Aggregate(1, (p, d) => checked(p * d)));
        }
    }

    /// <summary>Total number of entries.</summary>
    public int Length => _offsets[^1];

    /// <summary>The layout of <paramref name="points"/>; each must be a non-null array of double.</summary>
    /// <exception cref="ArgumentException">An argument is not an array of double.</exception>
    public static ArgumentLayout Of(object?[] points, string?[] names)
    {
        var shapes = new int[points.Length][];
        var labels = new string[points.Length];
        for (var a = 0; a < points.Length; a++)
        {
            var array = AsDoubleArray(points[a], names[a] ?? $"argument {a + 1}");
            shapes[a] = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
            labels[a] = string.IsNullOrWhiteSpace(names[a]) ? string.Create(CultureInfo.InvariantCulture, $"x{a + 1}") : names[a]!;
        }

        return new ArgumentLayout(shapes, labels);
    }

    /// <summary>The arrays, checked against the layout's shapes, copied end to end.</summary>
    /// <exception cref="ArgumentException">An array is not of double, or its shape differs from its argument's.</exception>
    public double[] Flatten(object?[] arrays, string what)
    {
        var flat = new double[Length];
        for (var a = 0; a < arrays.Length; a++)
        {
            var array = AsDoubleArray(arrays[a], $"{what} for {_names[a]}");
            var shape = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
            if (!shape.SequenceEqual(_shapes[a]))
            {
                throw new ArgumentException(
                    $"The {what} for {_names[a]} has shape {Shape(shape)}, but {_names[a]} has shape {Shape(_shapes[a])}.", what);
            }

            Buffer.BlockCopy(array, 0, flat, _offsets[a] * sizeof(double), array.Length * sizeof(double));
        }

        return flat;
    }

    /// <summary>Fresh arrays of the arguments' shapes holding <paramref name="flat"/>'s entries.</summary>
    public Array[] Unflatten(double[] flat)
    {
        var arrays = new Array[_shapes.Length];
        for (var a = 0; a < arrays.Length; a++)
        {
            arrays[a] = Array.CreateInstance(typeof(double), _shapes[a]);
            Buffer.BlockCopy(flat, _offsets[a] * sizeof(double), arrays[a], 0, (_offsets[a + 1] - _offsets[a]) * sizeof(double));
        }

        return arrays;
    }

    /// <summary>The name of flat entry <paramref name="index"/>: its argument and its index there (<c>W[1, 2]</c>).</summary>
    public string Label(int index)
    {
        var a = 0;
        while (index >= _offsets[a + 1])
        {
            a++;
        }

        var rest = index - _offsets[a];
        var shape = _shapes[a];
        var position = new int[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            position[d] = rest % shape[d];
            rest /= shape[d];
        }

        return string.Create(CultureInfo.InvariantCulture, $"{_names[a]}[{string.Join(", ", position)}]");
    }

    private static Array AsDoubleArray(object? value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value is not Array array || array.GetType().GetElementType() != typeof(double))
        {
            throw new ArgumentException(
                $"{name} is a {value.GetType().Name}; shaped checks take arrays of double of any rank (double[], double[,], …).", name);
        }

        return array;
    }

    private static string Shape(int[] shape)
    {
        var text = new StringBuilder("(");
        text.AppendJoin(", ", shape);
        return text.Append(')').ToString();
    }
}
