using System.Globalization;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Matrix;
using GradCheck.Claims.Syntax;
using GradCheck.Numerics;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Tests.Matrix;

/// <summary>
/// Random matrix expressions (products, transposes, Hadamard products, sums, sigmoid/tanh, diag, sum, scalars) of
/// shapes that agree, at random sizes, against the test's own <c>double[,]</c> evaluation
/// (<see cref="MatrixEvaluator"/>): the lowering's entries, expressions equal by construction (proved), mutants
/// (refuted or a shape error) and derivatives (against finite differences of the matrix evaluation).
/// </summary>
public class MatrixLoweringProperties
{
    private static readonly CheckOptions Fast = CheckOptions.Default with { ClaimTimeLimit = TimeSpan.FromSeconds(20) };

    /// <summary>The lowered syntax of the claim's first expression, with the scope it binds in.</summary>
    private sealed record Lowered(SyntaxNode First, BindingScope Scope);

    private static Lowered Lower(string text)
    {
        var entry = ClaimsParser.Parse(text, "generated.claims").Single();
        Assert.That(entry.Error, Is.Null, text);
        var claim = MatrixLowering.Lower(entry.Claim!);
        var sizes = claim.Fors.ToDictionary(f => f.Size, f => f.From, StringComparer.Ordinal);
        var scope = BindingScope.Empty;
        foreach (var (size, value) in sizes)
        {
            scope = scope.WithSize(size, value);
        }

        foreach (var index in claim.Indices)
        {
            foreach (var name in index.Names)
            {
                scope = scope.WithIndexRange(name, index.From.Value ?? sizes[index.From.Size!], index.To.Value ?? sizes[index.To.Size!]);
            }
        }

        foreach (var let in claim.Lets)
        {
            scope = scope.WithDefinition(new Definition(let.Name, let.IndexParameters, let.Body.Parse()));
        }

        return new Lowered(claim.Chain[0].Parse(), scope);
    }

    /// <summary>Entry (i, j) (1-based) of a lowered expression of the given shape, evaluated at the leaves' values.</summary>
    private static double EntryOf(Lowered lowered, MShape shape, int i, int j, Dictionary<string, double[,]> leaves)
    {
        var scope = lowered.Scope;
        if (shape.Rows != "1")
        {
            scope = scope.WithIndexValue(MatrixLowering.RowPrefix + shape.Rows, i);
        }

        if (shape.Columns != "1")
        {
            scope = scope.WithIndexValue(MatrixLowering.ColumnPrefix + shape.Columns, j);
        }

        var bound = Binder.Bind(lowered.First, scope);
        var point = bound.Symbols().ToDictionary(s => s, s => s.Indices.Length switch
        {
            0 => leaves[s.Name][0, 0],
            1 => leaves[s.Name][s.Indices[0] - 1, 0],
            _ => leaves[s.Name][s.Indices[0] - 1, s.Indices[1] - 1],
        });
        return Evaluator.Evaluate(bound, point);
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * (1 + Math.Abs(b));

    private static string Show(double[,] m) =>
        "[" + string.Join("; ", Enumerable.Range(0, m.GetLength(0)).Select(i =>
            string.Join(" ", Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j].ToString("G6", CultureInfo.InvariantCulture))))) + "]";

    [FsCheck.NUnit.Property(MaxTest = 150)]
    public Property Lowering_RandomExpression_EveryEntryIsTheMatrixEvaluationsEntry() =>
        Prop.ForAll(Arb.From(MatrixGenerators.Case), c =>
        {
            var e = c.Expression;
            var shape = e.Shape!;
            var leaves = c.Values(c.Seed, e);
            var expected = MatrixEvaluator.Evaluate(e, leaves);
            var lowered = Lower(c.Claim(e, e));
            var (rows, columns) = shape.At(c.Sizes);
            var actual = new double[rows, columns];
            for (var i = 1; i <= rows; i++)
            {
                for (var j = 1; j <= columns; j++)
                {
                    actual[i - 1, j - 1] = EntryOf(lowered, shape, i, j, leaves);
                }
            }

            var agree = Enumerable.Range(0, rows).All(i => Enumerable.Range(0, columns).All(j => Close(actual[i, j], expected[i, j])));
            return agree.Label($"{c}: lowered {Show(actual)}, matrices {Show(expected)}");
        });

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public Property Check_ExpressionsEqualByConstruction_AreProved() =>
        Prop.ForAll(Arb.From(MatrixGenerators.Case), c =>
        {
            var random = new Random(c.Seed);
            var applied = 0;
            var rewritten = Rewrite(c.Expression, random, ref applied);
            if (applied == 0)
            {
                rewritten = c.Expression.Shape!.IsScalar ? new MProduct(new MNum(1), c.Expression) : new MTranspose(new MTranspose(c.Expression));
            }

            // The rewrites are identities: the test's own evaluation says so first.
            var leaves = c.Values(c.Seed, c.Expression);
            var (left, right) = (MatrixEvaluator.Evaluate(c.Expression, leaves), MatrixEvaluator.Evaluate(rewritten, leaves));
            Assert.That(rewritten.Shape, Is.EqualTo(c.Expression.Shape), "a rewrite keeps the shape");
            Assert.That(Enumerable.Range(0, left.GetLength(0)).All(i => Enumerable.Range(0, left.GetLength(1)).All(j => Close(right[i, j], left[i, j]))),
                $"the test's rewrite of {c.Expression} to {rewritten} is an identity");

            var text = c.Claim(c.Expression, rewritten);
            var result = ClaimChecker.CheckText(text, "generated.claims", Fast).Single();
            return (result.Verdict is Verdict.Proved or Verdict.HoldsNumerically)
                .Label($"{text}→ {result.Verdict} {result.Error?.Message} (first refuted step {result.FirstRefutedStep})");
        });

    /// <summary>A student's slips: a dropped transpose, swapped factors, a dropped Hadamard factor, a flipped
    /// sign, a variable of a size one too large.</summary>
    public enum Slip
    {
        DroppedTranspose,
        SwappedFactors,
        DroppedHadamardFactor,
        FlippedSign,
        SizeOffByOne,
    }

    [FsCheck.NUnit.Property(MaxTest = 80)]
    public Property Check_Mutant_IsRefutedOrAShapeError() =>
        Prop.ForAll(Arb.From(MatrixGenerators.Case), Arb.From(Gen.Elements(Enum.GetValues<Slip>())), (c, slip) =>
        {
            var random = new Random(c.Seed);
            var (mutant, extraSizes) = Mutate(c, slip, random);
            if (mutant is null)
            {
                return true.Label($"{slip} does not apply to {c.Expression}");
            }

            var sized = c with { Sizes = c.Sizes.Concat(extraSizes).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) };
            var text = sized.Claim(c.Expression, mutant);
            var result = ClaimChecker.CheckText(text, "generated.claims", Fast).Single();
            var label = $"{slip}: {text}→ {result.Verdict} {result.Error?.Message}";
            if (mutant.Shape is null)
            {
                // The operands no longer agree: an input error that names the shapes.
                return (result.Verdict == Verdict.Error && Regex.IsMatch(result.Error!.Message, "cannot|takes|must be")).Label(label);
            }

            if (mutant.Shape != c.Expression.Shape)
            {
                // Sides of different shapes are refuted (matrix-notation contract), never an error or a proof.
                return (result.Verdict == Verdict.Refuted && result.FirstRefutedStep == 1).Label(label);
            }

            // Same shape: refuted exactly when the matrices differ (the test's own evaluation is the oracle).
            var differs = false;
            for (var k = 0; k < 3 && !differs; k++)
            {
                var leaves = sized.Values(c.Seed + k, c.Expression, mutant);
                var (a, b) = (MatrixEvaluator.Evaluate(c.Expression, leaves), MatrixEvaluator.Evaluate(mutant, leaves));
                differs = Enumerable.Range(0, a.GetLength(0)).Any(i => Enumerable.Range(0, a.GetLength(1)).Any(j => Math.Abs(a[i, j] - b[i, j]) > 1e-6 * (1 + Math.Abs(a[i, j]))));
            }

            return differs
                ? (result.Verdict == Verdict.Refuted && result.FirstRefutedStep == 1).Label(label)
                : (result.Verdict != Verdict.Refuted).Label(label + " (the mutant equals the original)");
        });

    /// <summary>What is differentiated: the gradient of a scalar by a vector or matrix, the Jacobian of a vector by a
    /// vector, the Hessian of a scalar by a vector.</summary>
    public enum DerivativeKind
    {
        Gradient,
        Jacobian,
        Hessian,
    }

    /// <summary>A case whose expression has a vector or matrix leaf to differentiate by (for a Jacobian, a vector
    /// expression and a vector leaf).</summary>
    private static Gen<(MatrixCase Case, DerivativeKind Kind)> DerivativeCases =>
        from kind in Gen.Elements(Enum.GetValues<DerivativeKind>())
        from rows in Gen.Elements(MatrixGenerators.SizeNames)
        from shape in kind == DerivativeKind.Jacobian ? Gen.Constant(new MShape(rows, "1")) : MatrixGenerators.Shape
        from depth in Gen.Choose(1, 3)
        from node in MatrixGenerators.Node(shape, depth)
        from sizes in MatrixGenerators.Sizes
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select (new MatrixCase(node, sizes, seed), kind);

    [FsCheck.NUnit.Property(MaxTest = 120)]
    public Property Lowering_Derivative_AgreesWithFiniteDifferencesOfTheMatrixEvaluation() =>
        Prop.ForAll(Arb.From(DerivativeCases), pair =>
        {
            var (c, kind) = pair;
            var e = c.Expression;
            var variables = e.Preorder().OfType<MLeaf>()
                .Where(l => l.IsVector || (l.IsMatrix && kind == DerivativeKind.Gradient))
                .DistinctBy(l => l.Name).OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
            if (variables.Count == 0)
            {
                return true.Label($"no variable to take the {kind} by");
            }

            var x = variables[c.Seed % variables.Count];
            var f = kind == DerivativeKind.Jacobian || e.Shape!.IsScalar ? e : new MSum(e);
            var leaves = c.Values(c.Seed, e);
            var operator_ = kind == DerivativeKind.Hessian ? $"d2/d{x.Name}2" : $"d/d{x.Name}";
            var lowered = Lower(c.Claim($"{operator_} ({f.Text}) = {operator_} ({f.Text})", [f]));

            // The checker's derivative entry by entry: the gradient has x's shape, the Jacobian is (size of f) × (size
            // of x), the Hessian (size of x) × (size of x); row-major.
            var shape = kind switch
            {
                DerivativeKind.Gradient => x.Declared,
                DerivativeKind.Jacobian => new MShape(f.Shape!.Rows, x.Declared.Rows),
                _ => new MShape(x.Declared.Rows, x.Declared.Rows),
            };
            var (rows, columns) = shape.At(c.Sizes);
            var claimed = new double[rows * columns];
            for (var i = 1; i <= rows; i++)
            {
                for (var j = 1; j <= columns; j++)
                {
                    claimed[((i - 1) * columns) + j - 1] = EntryOf(lowered, shape, i, j, leaves);
                }
            }

            var (xr, xc) = x.Declared.At(c.Sizes);
            var at = leaves[x.Name].Cast<double>().ToArray(); // row-major
            double[] Values(double[] point)
            {
                var moved = new Dictionary<string, double[,]>(leaves, StringComparer.Ordinal);
                var m = new double[xr, xc];
                for (var k = 0; k < point.Length; k++)
                {
                    m[k / xc, k % xc] = point[k];
                }

                moved[x.Name] = m;
                return MatrixEvaluator.Evaluate(f, moved).Cast<double>().ToArray();
            }

            var report = kind switch
            {
                DerivativeKind.Gradient => GradientChecker.Check(p => Values(p)[0], at, claimed),
                DerivativeKind.Jacobian => JacobianChecker.Check(Values, at, claimed),
                _ => HessianChecker.Check(p => Values(p)[0], at, claimed),
            };
            return report.Passed.Label($"{operator_} of {f} at {string.Join(", ", c.Sizes.Select(p => p.Key + " = " + p.Value))}: {report.Message}");
        });

    /// <summary>Rewrites nodes (children first, each with probability 1/2) by identities of matrix algebra.</summary>
    private static MNode Rewrite(MNode node, Random random, ref int applied)
    {
        node = node switch
        {
            MTranspose t => t with { Operand = Rewrite(t.Operand, random, ref applied) },
            MProduct p => new MProduct(Rewrite(p.Left, random, ref applied), Rewrite(p.Right, random, ref applied)),
            MHadamard h => new MHadamard(Rewrite(h.Left, random, ref applied), Rewrite(h.Right, random, ref applied)),
            MAdd a => a with { Left = Rewrite(a.Left, random, ref applied), Right = Rewrite(a.Right, random, ref applied) },
            MMap m => m with { Operand = Rewrite(m.Operand, random, ref applied) },
            MDiag d => new MDiag(Rewrite(d.Vector, random, ref applied)),
            MSum s => new MSum(Rewrite(s.Operand, random, ref applied)),
            _ => node,
        };

        static MNode T(MNode n) => n.Shape!.IsScalar ? n : new MTranspose(n);
        var candidates = new List<MNode>();
        if (!node.Shape!.IsScalar)
        {
            candidates.Add(new MTranspose(new MTranspose(node)));                                       // A = (A')'
        }

        switch (node)
        {
            case MTranspose { Operand: MProduct p }:
                candidates.Add(new MProduct(T(p.Right), T(p.Left)));                                    // (AB)' = B'A'
                break;
            case MTranspose { Operand: MAdd a }:
                candidates.Add(new MAdd(T(a.Left), T(a.Right), a.Minus));                               // (A ± B)' = A' ± B'
                break;
            case MTranspose { Operand: MHadamard h }:
                candidates.Add(new MHadamard(T(h.Left), T(h.Right)));                                   // (A ⊙ B)' = A' ⊙ B'
                break;
            case MTranspose { Operand: MMap m }:
                candidates.Add(new MMap(m.Function, T(m.Operand)));                                     // σ(A)' = σ(A')
                break;
            case MTranspose { Operand: MTranspose inner }:
                candidates.Add(inner.Operand);                                                          // (A')' = A
                break;
            case MTranspose { Operand: MDiag d }:
                candidates.Add(d);                                                                      // diag(v)' = diag(v)
                break;
            case MProduct { Right: MAdd a } p:
                candidates.Add(new MAdd(new MProduct(p.Left, a.Left), new MProduct(p.Left, a.Right), a.Minus)); // A(B ± C) = AB ± AC
                break;
            case MProduct { Left: MAdd a } p:
                candidates.Add(new MAdd(new MProduct(a.Left, p.Right), new MProduct(a.Right, p.Right), a.Minus)); // (A ± B)C = AC ± BC
                break;
            case MProduct { Left: MProduct inner } p:
                candidates.Add(new MProduct(inner.Left, new MProduct(inner.Right, p.Right)));           // (AB)C = A(BC)
                break;
            case MProduct { Right: MProduct inner } p:
                candidates.Add(new MProduct(new MProduct(p.Left, inner.Left), inner.Right));            // A(BC) = (AB)C
                break;
            case MHadamard h:
                candidates.Add(new MHadamard(h.Right, h.Left));                                         // A ⊙ B = B ⊙ A
                break;
            case MAdd { Minus: false } a:
                candidates.Add(new MAdd(a.Right, a.Left, false));                                       // A + B = B + A
                break;
            case MSum { Operand: MAdd a }:
                candidates.Add(new MAdd(new MSum(a.Left), new MSum(a.Right), a.Minus));                 // sum(A ± B) = sum(A) ± sum(B)
                break;
            case MSum { Operand: MTranspose t }:
                candidates.Add(new MSum(t.Operand));                                                    // sum(A') = sum(A)
                break;
        }

        if (node is MProduct { Left: MDiag diag } product && product.Right.Shape is { Columns: "1" })
        {
            candidates.Add(new MHadamard(diag.Vector, product.Right));                                  // diag(v) w = v ⊙ w
        }

        candidates.RemoveAll(n => n.Shape != node.Shape);
        if (candidates.Count > 0 && random.Next(2) == 0)
        {
            applied++;
            return candidates[random.Next(candidates.Count)];
        }

        return node;
    }

    /// <summary>The expression with one slip at a random place where it applies, and any size the slip adds; null when it applies nowhere.</summary>
    private static (MNode? Mutant, IReadOnlyDictionary<string, int> ExtraSizes) Mutate(MatrixCase c, Slip slip, Random random)
    {
        var none = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = c.Expression.Preorder().ToList();
        var sites = slip switch
        {
            Slip.DroppedTranspose => nodes.OfType<MTranspose>().Cast<MNode>().ToList(),
            Slip.SwappedFactors => nodes.OfType<MProduct>().Cast<MNode>().ToList(),
            Slip.DroppedHadamardFactor => nodes.OfType<MHadamard>().Cast<MNode>().ToList(),
            Slip.FlippedSign => nodes.OfType<MAdd>().Cast<MNode>().ToList(),
            _ => nodes.OfType<MLeaf>().Where(l => l.IsVector || l.IsMatrix).Cast<MNode>().ToList(),
        };
        if (sites.Count == 0)
        {
            return (null, none);
        }

        var site = sites[random.Next(sites.Count)];
        var extra = none;
        MNode replacement;
        switch (site)
        {
            case MTranspose t:
                replacement = t.Operand;
                break;
            case MProduct p:
                replacement = new MProduct(p.Right, p.Left);
                break;
            case MHadamard h:
                replacement = random.Next(2) == 0 ? h.Left : h.Right;
                break;
            case MAdd a:
                replacement = a with { Minus = !a.Minus };
                break;
            default:
                {
                    // The same kind of variable, one of whose dimensions is a size S one larger than it should be.
                    var leaf = (MLeaf)site;
                    var rows = leaf.Declared.Rows != "1" && (leaf.IsVector || random.Next(2) == 0);
                    var dimension = rows ? leaf.Declared.Rows : leaf.Declared.Columns;
                    extra = new Dictionary<string, int>(StringComparer.Ordinal) { ["S"] = MShape.Value(dimension, c.Sizes) + 1 };
                    replacement = MLeaf.For(rows ? leaf.Declared with { Rows = "S" } : leaf.Declared with { Columns = "S" }, 1);
                    break;
                }
        }

        return (Replace(c.Expression, site, replacement), extra);
    }

    private static MNode Replace(MNode node, MNode site, MNode replacement) => ReferenceEquals(node, site) ? replacement : node switch
    {
        MTranspose t => t with { Operand = Replace(t.Operand, site, replacement) },
        MProduct p => new MProduct(Replace(p.Left, site, replacement), Replace(p.Right, site, replacement)),
        MHadamard h => new MHadamard(Replace(h.Left, site, replacement), Replace(h.Right, site, replacement)),
        MAdd a => a with { Left = Replace(a.Left, site, replacement), Right = Replace(a.Right, site, replacement) },
        MMap m => m with { Operand = Replace(m.Operand, site, replacement) },
        MDiag d => new MDiag(Replace(d.Vector, site, replacement)),
        MSum s => new MSum(Replace(s.Operand, site, replacement)),
        _ => node,
    };
}
