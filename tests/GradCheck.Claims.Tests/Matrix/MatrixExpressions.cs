using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace GradCheck.Claims.Tests.Matrix;

/// <summary>The shape of a generated matrix expression: each dimension is the literal "1" or a size name (P, Q, R).</summary>
public sealed record MShape(string Rows, string Columns)
{
    public static readonly MShape Scalar = new("1", "1");

    public bool IsScalar => Rows == "1" && Columns == "1";

    public MShape Transposed => new(Columns, Rows);

    public (int Rows, int Columns) At(IReadOnlyDictionary<string, int> sizes) => (Value(Rows, sizes), Value(Columns, sizes));

    public static int Value(string dimension, IReadOnlyDictionary<string, int> sizes) => dimension == "1" ? 1 : sizes[dimension];

    public override string ToString() => Rows + "×" + Columns;
}

/// <summary>
/// A matrix expression of the test's own, independent of the claims front end: it prints as claims text, knows its
/// shape, and evaluates as actual <c>double[,]</c> matrices (<see cref="MatrixEvaluator"/>), so the lowering and the
/// checker can be compared with a plain entry-by-entry computation.
/// </summary>
public abstract record MNode
{
    /// <summary>The shape, or null when the operands do not agree (a mutant can be ill-shaped).</summary>
    public abstract MShape? Shape { get; }

    /// <summary>The claims text, fully parenthesised.</summary>
    public abstract string Text { get; }

    public abstract IEnumerable<MNode> Children { get; }

    public IEnumerable<MNode> Preorder() => new[] { this }.Concat(Children.SelectMany(c => c.Preorder()));

    public sealed override string ToString() => Text;
}

/// <summary>A declared vector (<c>vector vP1 in R^P</c>), matrix (<c>matrix MPQ1 in R^(P x Q)</c>) or scalar symbol.</summary>
public sealed record MLeaf(string Name, MShape Declared) : MNode
{
    public override MShape Shape => Declared;

    public override string Text => Name;

    public override IEnumerable<MNode> Children => [];

    public bool IsVector => Declared.Columns == "1" && Declared.Rows != "1";

    public bool IsMatrix => Declared.Columns != "1" && Declared.Rows != "1";

    /// <summary>The declaration line, or null for a scalar symbol.</summary>
    public string? Declaration => IsVector ? $"vector {Name} in R^{Declared.Rows}"
        : IsMatrix ? $"matrix {Name} in R^({Declared.Rows} x {Declared.Columns})"
        : null;

    /// <summary>The leaf for a shape: M for a matrix, v for a vector, s for a scalar, then the dimensions and a variant.</summary>
    public static MLeaf For(MShape shape, int variant) =>
        shape.IsScalar ? new MLeaf("s" + variant.ToString(CultureInfo.InvariantCulture), shape)
        : shape.Columns == "1" ? new MLeaf("v" + shape.Rows + variant.ToString(CultureInfo.InvariantCulture), shape)
        : new MLeaf("M" + shape.Rows + shape.Columns + variant.ToString(CultureInfo.InvariantCulture), shape);
}

public sealed record MNum(int Value) : MNode
{
    public override MShape Shape => MShape.Scalar;

    public override string Text => Value.ToString(CultureInfo.InvariantCulture);

    public override IEnumerable<MNode> Children => [];
}

public sealed record MTranspose(MNode Operand) : MNode
{
    public override MShape? Shape => Operand.Shape?.Transposed;

    public override string Text => "(" + Operand.Text + ")'";

    public override IEnumerable<MNode> Children => [Operand];
}

/// <summary>A matrix product, or a scaling when one side is a scalar.</summary>
public sealed record MProduct(MNode Left, MNode Right) : MNode
{
    public override MShape? Shape
    {
        get
        {
            if (Left.Shape is not { } l || Right.Shape is not { } r)
            {
                return null;
            }

            return l.IsScalar ? r : r.IsScalar ? l : l.Columns == r.Rows ? new MShape(l.Rows, r.Columns) : null;
        }
    }

    public override string Text => "(" + Left.Text + "*" + Right.Text + ")";

    public override IEnumerable<MNode> Children => [Left, Right];
}

public sealed record MHadamard(MNode Left, MNode Right) : MNode
{
    public override MShape? Shape => Entrywise(Left.Shape, Right.Shape);

    public override string Text => "(" + Left.Text + " .* " + Right.Text + ")";

    public override IEnumerable<MNode> Children => [Left, Right];

    /// <summary>Same shapes, or one side a scalar (broadcast).</summary>
    public static MShape? Entrywise(MShape? l, MShape? r) =>
        l is null || r is null ? null : l == r || r.IsScalar ? l : l.IsScalar ? r : null;
}

public sealed record MAdd(MNode Left, MNode Right, bool Minus) : MNode
{
    public override MShape? Shape => MHadamard.Entrywise(Left.Shape, Right.Shape);

    public override string Text => "(" + Left.Text + (Minus ? " - " : " + ") + Right.Text + ")";

    public override IEnumerable<MNode> Children => [Left, Right];
}

/// <summary>An entrywise function: sigmoid or tanh (smooth and bounded, so finite differences apply everywhere).</summary>
public sealed record MMap(string Function, MNode Operand) : MNode
{
    public override MShape? Shape => Operand.Shape;

    public override string Text => Function + "(" + Operand.Text + ")";

    public override IEnumerable<MNode> Children => [Operand];
}

public sealed record MDiag(MNode Vector) : MNode
{
    public override MShape? Shape => Vector.Shape is { Columns: "1" } v && v.Rows != "1" ? new MShape(v.Rows, v.Rows) : null;

    public override string Text => "diag(" + Vector.Text + ")";

    public override IEnumerable<MNode> Children => [Vector];
}

/// <summary>sum(A): the sum of every entry.</summary>
public sealed record MSum(MNode Operand) : MNode
{
    public override MShape? Shape => Operand.Shape is null ? null : MShape.Scalar;

    public override string Text => "sum(" + Operand.Text + ")";

    public override IEnumerable<MNode> Children => [Operand];
}

/// <summary>Evaluates an <see cref="MNode"/> as <c>double[,]</c> matrices (a scalar is 1×1), with the textbook definitions.</summary>
public static class MatrixEvaluator
{
    public static double[,] Evaluate(MNode node, IReadOnlyDictionary<string, double[,]> leaves) => node switch
    {
        MLeaf leaf => leaves[leaf.Name],
        MNum n => new double[,] { { n.Value } },
        MTranspose t => Transpose(Evaluate(t.Operand, leaves)),
        MProduct p => Product(Evaluate(p.Left, leaves), Evaluate(p.Right, leaves)),
        MHadamard h => Entrywise(Evaluate(h.Left, leaves), Evaluate(h.Right, leaves), (a, b) => a * b),
        MAdd a => Entrywise(Evaluate(a.Left, leaves), Evaluate(a.Right, leaves), a.Minus ? (x, y) => x - y : (x, y) => x + y),
        MMap m => Map(Evaluate(m.Operand, leaves), m.Function == "sigmoid" ? x => 1 / (1 + Math.Exp(-x)) : Math.Tanh),
        MDiag d => Diag(Evaluate(d.Vector, leaves)),
        MSum s => new double[,] { { Sum(Evaluate(s.Operand, leaves)) } },
        _ => throw new ArgumentException("unknown node " + node),
    };

    private static double[,] Transpose(double[,] a)
    {
        var r = new double[a.GetLength(1), a.GetLength(0)];
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                r[j, i] = a[i, j];
            }
        }

        return r;
    }

    private static bool IsScalar(double[,] a) => a.GetLength(0) == 1 && a.GetLength(1) == 1;

    private static double[,] Product(double[,] a, double[,] b)
    {
        if (IsScalar(a))
        {
            return Map(b, x => a[0, 0] * x);
        }

        if (IsScalar(b))
        {
            return Map(a, x => x * b[0, 0]);
        }

        var (m, k, n) = (a.GetLength(0), a.GetLength(1), b.GetLength(1));
        if (b.GetLength(0) != k)
        {
            throw new ArgumentException("inner dimensions differ");
        }

        var r = new double[m, n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var t = 0; t < k; t++)
                {
                    s += a[i, t] * b[t, j];
                }

                r[i, j] = s;
            }
        }

        return r;
    }

    private static double[,] Entrywise(double[,] a, double[,] b, Func<double, double, double> f)
    {
        if (IsScalar(b))
        {
            return Map(a, x => f(x, b[0, 0]));
        }

        if (IsScalar(a))
        {
            return Map(b, y => f(a[0, 0], y));
        }

        var r = new double[a.GetLength(0), a.GetLength(1)];
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                r[i, j] = f(a[i, j], b[i, j]);
            }
        }

        return r;
    }

    private static double[,] Map(double[,] a, Func<double, double> f)
    {
        var r = new double[a.GetLength(0), a.GetLength(1)];
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                r[i, j] = f(a[i, j]);
            }
        }

        return r;
    }

    private static double[,] Diag(double[,] v)
    {
        var n = v.GetLength(0);
        var r = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            r[i, i] = v[i, 0];
        }

        return r;
    }

    private static double Sum(double[,] a)
    {
        var s = 0.0;
        foreach (var x in a)
        {
            s += x;
        }

        return s;
    }
}

/// <summary>A generated claim: an expression over declared leaves at fixed sizes.</summary>
public sealed record MatrixCase(MNode Expression, IReadOnlyDictionary<string, int> Sizes, int Seed)
{
    public override string ToString() => Expression.Text + " at " + string.Join(", ", Sizes.Select(s => s.Key + " = " + s.Value));

    /// <summary>Random values for every leaf of the given expressions (entries in [-1.5, 1.5]).</summary>
    public Dictionary<string, double[,]> Values(int seed, params MNode[] expressions)
    {
        var random = new Random(seed);
        var values = new Dictionary<string, double[,]>(StringComparer.Ordinal);
        foreach (var leaf in expressions.SelectMany(e => e.Preorder()).OfType<MLeaf>().DistinctBy(l => l.Name).OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            var (rows, columns) = leaf.Declared.At(Sizes);
            var m = new double[rows, columns];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    m[i, j] = -1.5 + 3 * random.NextDouble();
                }
            }

            values[leaf.Name] = m;
        }

        return values;
    }

    /// <summary>The claim <c>LEFT = RIGHT</c> with its declarations and one `for` line per size used.</summary>
    public string Claim(MNode left, MNode right, IReadOnlyDictionary<string, int>? extraSizes = null) =>
        Claim(left.Text + " = " + right.Text, [left, right], extraSizes);

    /// <summary>A claim with the given chain, declaring the leaves of <paramref name="uses"/> and their sizes.</summary>
    public string Claim(string chain, IEnumerable<MNode> uses, IReadOnlyDictionary<string, int>? extraSizes = null)
    {
        var b = new StringBuilder("claim generated\n");
        var leaves = uses.SelectMany(e => e.Preorder()).OfType<MLeaf>().DistinctBy(l => l.Name).ToList();
        foreach (var leaf in leaves.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            if (leaf.Declaration is { } d)
            {
                b.Append("  ").Append(d).Append('\n');
            }
        }

        var sizes = new Dictionary<string, int>(Sizes, StringComparer.Ordinal);
        foreach (var (k, v) in extraSizes ?? new Dictionary<string, int>())
        {
            sizes[k] = v;
        }

        foreach (var size in leaves.SelectMany(l => new[] { l.Declared.Rows, l.Declared.Columns }).Where(d => d != "1").Distinct().Order(StringComparer.Ordinal))
        {
            b.Append(CultureInfo.InvariantCulture, $"  for {size} in {sizes[size]}..{sizes[size]}\n");
        }

        b.Append("  ").Append(chain).Append("\nend\n");
        return b.ToString();
    }
}

/// <summary>FsCheck generators of well-shaped matrix expressions at random sizes.</summary>
public static class MatrixGenerators
{
    public static readonly string[] SizeNames = ["P", "Q", "R"];

    private static readonly string[] Dimensions = ["1", "P", "Q", "R"];

    public static Gen<IReadOnlyDictionary<string, int>> Sizes =>
        from p in Gen.Choose(1, 3)
        from q in Gen.Choose(1, 3)
        from r in Gen.Choose(1, 3)
        select (IReadOnlyDictionary<string, int>)new Dictionary<string, int>(StringComparer.Ordinal) { ["P"] = p, ["Q"] = q, ["R"] = r };

    public static Gen<MShape> Shape =>
        from rows in Gen.Elements(Dimensions)
        from columns in Gen.Elements(Dimensions)
        select new MShape(rows, columns);

    /// <summary>An expression of the given shape, at most <paramref name="depth"/> operators deep.</summary>
    public static Gen<MNode> Node(MShape shape, int depth)
    {
        var leaf = Leaf(shape);
        if (depth <= 0)
        {
            return leaf;
        }

        var sub = depth - 1;
        var options = new List<(int, Gen<MNode>)>
        {
            (2, leaf),
            (3, from inner in Gen.Elements(Dimensions)
                from l in Node(new MShape(shape.Rows, inner), sub)
                from r in Node(new MShape(inner, shape.Columns), sub)
                select (MNode)new MProduct(l, r)),
            (2, from l in Node(shape, sub) from r in Node(shape, sub) select (MNode)new MHadamard(l, r)),
            (2, from l in Node(shape, sub) from r in Node(shape, sub) from minus in Gen.Elements(false, true) select (MNode)new MAdd(l, r, minus)),
            (1, from f in Gen.Elements("sigmoid", "tanh") from a in Node(shape, sub) select (MNode)new MMap(f, a)),
            (1, from c in Gen.Choose(2, 3) from a in Node(shape, sub) select (MNode)new MProduct(new MNum(c), a)),
        };
        if (!shape.IsScalar)
        {
            options.Add((2, Node(shape.Transposed, sub).Select(a => (MNode)new MTranspose(a))));
        }

        if (shape.Rows == shape.Columns && shape.Rows != "1")
        {
            options.Add((1, Node(new MShape(shape.Rows, "1"), sub).Select(v => (MNode)new MDiag(v))));
        }

        if (shape.IsScalar)
        {
            options.Add((2, from s in Shape where !s.IsScalar from a in Node(s, sub) select (MNode)new MSum(a)));
        }

        return Gen.Frequency(options.ToArray());
    }

    /// <summary>A leaf: one of two declared names per shape (so leaves repeat, as in A'*A); a row vector is a transposed vector.</summary>
    private static Gen<MNode> Leaf(MShape shape)
    {
        if (shape.IsScalar)
        {
            return Gen.Frequency((3, Gen.Choose(1, 2).Select(v => (MNode)MLeaf.For(shape, v))), (1, Gen.Choose(1, 3).Select(c => (MNode)new MNum(c))));
        }

        return shape.Rows == "1"
            ? Gen.Choose(1, 2).Select(v => (MNode)new MTranspose(MLeaf.For(shape.Transposed, v)))
            : Gen.Choose(1, 2).Select(v => (MNode)MLeaf.For(shape, v));
    }

    /// <summary>A random well-shaped expression (depth 1..3) at random sizes.</summary>
    public static Gen<MatrixCase> Case =>
        from shape in Shape
        from depth in Gen.Choose(1, 3)
        from node in Node(shape, depth)
        from sizes in Sizes
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select new MatrixCase(node, sizes, seed);
}
