using System.Text;
using GradCheck.Claims.Documents;
using GradCheck.Claims.Reporting;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Tests.Documents;

/// <summary>The seeds as documents (docs/homework), the LaTeX printer's round trip and bad input.</summary>
public class DocumentSeedTests
{
    private static string Homework(string name)
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GradCheck.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "docs", "homework", name);
    }

    [TestCase("seed-000.md")]
    [TestCase("seed-001.md")]
    [TestCase("seed-002.md")]
    [TestCase("seed-003.md")]
    [TestCase("seed-004.md")]
    public void Seed_EveryEquationIsReadOrNotCheckedWithAReason_AndTheCopyIsCurrent(string name)
    {
        var path = Homework(name);
        var result = DocumentChecker.Check(File.ReadAllText(path), name);
        Assert.That(result.Equations, Is.Not.Empty);
        Assert.That(result.AnnotationErrors, Is.Empty);
        Assert.That(result.Equations.Where(e => e.Status == EquationStatus.NotChecked).Select(e => e.Reason),
            Has.All.Not.Null.And.All.Not.Empty);
        Assert.That(File.ReadAllText(Path.ChangeExtension(path, ".checked.md")), Is.EqualTo(DocumentReport.WriteAnnotated(result)),
            "docs/homework is stale: run gradcheck docs");
    }

    [Test]
    public void Seed000_TheWrongStepsAreRefutedAt8_20_26_31_42To44_55_58And68()
    {
        var result = DocumentChecker.Check(File.ReadAllText(Homework("seed-000.md")), "seed-000.md");
        // (26) drops the parentheses around the summand and adds a 1/n (the catalogue refutes it too); (24) is an
        // expectation, which is not read, so (25), the step from it, is not checked rather than refuted. (31) restates
        // (28)-(29) with a 1/n and y_l for the one-hot y_{i,j}; the catalogue's multinoulli-nll-as-written refutes it too.
        // (20) swaps the indices of BP4 against the student's own z_i = sum_m w_{mi} a_m + b of (19) (C a cost left
        // unspecified); (42) writes e^{2 z_k} with a free k for e^{z_j} e^{z_j} and (43), (44) are steps from it. (58)
        // flips the sign of h in the derivative of the first term of (54), whose left side the text names in words
        // (`left` gives it); the catalogue's logistic-first-term-as-written refutes it too. (8) substitutes (7) for
        // δ^{l+1} and writes δ^{l+3} for δ^{l+2} (Σ'(z) read as diag(σ'(z)) by an annotation; the catalogue's
        // error-recursion-as-written).
        Assert.That(result.Equations.Where(e => e.Status == EquationStatus.Refuted).Select(e => e.Label),
            Is.EqualTo(new[] { "8", "20", "26", "31", "42", "43", "44", "55", "58", "68" }));
        Assert.That(result.Equations.Single(e => e.Label == "25").Status, Is.EqualTo(EquationStatus.NotChecked));
    }

    [Test]
    public void Seed003_HoldsEverywhereItIsChecked()
    {
        // The case i = j is stated in prose ("If j = i"); the annotation `case j = i` checks it there only.
        var result = DocumentChecker.Check(File.ReadAllText(Homework("seed-003.md")), "seed-003.md");
        Assert.That(result.Count(EquationStatus.Refuted), Is.Zero);
        Assert.That(result.Checked, Is.GreaterThanOrEqualTo(21));
    }

    // Coverage as measured (docs/homework/README.md): equations checked of those that hold a derivative or an identity.
    [TestCase("seed-000.md", 35, 53)]
    [TestCase("seed-001.md", 25, 29)]
    [TestCase("seed-002.md", 54, 58)]
    [TestCase("seed-003.md", 25, 29)]
    [TestCase("seed-004.md", 15, 16)]
    public void Seed_Coverage(string name, int checkedCount, int derivations)
    {
        var result = DocumentChecker.Check(File.ReadAllText(Homework(name)), name);
        var counted = result.Equations.Where(e => e.IsDerivationOrIdentity).ToList();
        Assert.That((counted.Count(e => e.Status is EquationStatus.Proved or EquationStatus.ProvedForEverySize
            or EquationStatus.HoldsNumerically or EquationStatus.Refuted), counted.Count), Is.EqualTo((checkedCount, derivations)));
    }

    [Test]
    public void Seed002_TheWrongStepsAreRefutedWhereTheyStand()
    {
        // Q1 (2): the gradient of −J for that of J (64, and again at the first row of 68), y_k where Q1 has no y, s_k for
        // s_i, Σ_{k≠i} s_k for (N − 1)s_i (68); Q2 (2): the constants combined wrongly in the update (175); Q3 (1): the
        // sum of y_k to N, where the classes run to K (207). Q1 (2) again: ∂J/∂W and ∂J/∂c use that wrong ∂J/∂z (76, 80).
        var result = DocumentChecker.Check(File.ReadAllText(Homework("seed-002.md")), "seed-002.md");
        Assert.That(result.Equations.Where(e => e.Status == EquationStatus.Refuted).Select(e => e.Line),
            Is.EqualTo(new[] { 64, 68, 68, 68, 68, 76, 80, 177, 207 }));
    }

    [Test]
    public void Seed001And004_RefutedWhereTheyAreWrong()
    {
        // 1.b: the expansion of ∂Cⁿ/∂z_k differentiates ln ŷ_k by the other z_{k'} where the sum needs ln ŷ_{k'} by z_k
        // (126); the steps after it follow from it and are proved (the catalogue's softmax-cross-entropy-steps-as-written).
        // 146 merges y_k ŷ_k + Σ_{k'≠k} y_{k'} ŷ_{k'} into y_k Σ_{k'=k}^K ŷ_{k'} (wrong), and 148 takes Σ_{k'=k}^K y_k,
        // which as written is (K − k + 1) y_k, for 1. Line 76 of 1.a, -(y - f) x = -(y - yhat) x, is proved: f is yhat
        // by (1.2), as the annotation `read f as yhatn` says (it was refuted while f and yhat were two symbols).
        var seed001 = DocumentChecker.Check(File.ReadAllText(Homework("seed-001.md")), "seed-001.md");
        Assert.That(seed001.Equations.Where(e => e.Status == EquationStatus.Refuted).Select(e => e.Line), Is.EqualTo(new[] { 126, 146, 148 }));
        Assert.That(seed001.Equations.Single(e => e.Line == 146).RefutedStep, Is.EqualTo(1));
        Assert.That(seed001.Equations.Where(e => e.Line is 130 or 134 or 138 or 142).Select(e => e.Status),
            Has.All.EqualTo(EquationStatus.ProvedForEverySize));

        // 1.3.2: ½(y − ỹ)² rewritten as ½(y − Σ w_i x_i)², dropping the bias of ỹ = b + Σ w_i x_i
        var seed004 = DocumentChecker.Check(File.ReadAllText(Homework("seed-004.md")), "seed-004.md");
        Assert.That(seed004.Equations.Where(e => e.Status == EquationStatus.Refuted).Select(e => e.Line), Is.EqualTo(new[] { 225 }));
    }

    [Test]
    public void Seeds_TheirAnnotatedCopiesAreTheSeedsWithAnnotationsOnly()
    {
        // The originals live beside the repository (../shared/seeds), not in it: a clone elsewhere cannot compare.
        var seeds = Path.Combine(Path.GetDirectoryName(Homework("x"))!, "..", "..", "..", "shared", "seeds");
        if (!Directory.Exists(seeds))
        {
            Assert.Ignore($"the seeds folder is not beside the repository ({Path.GetFullPath(seeds)})");
        }

        foreach (var n in new[] { "000", "001", "002", "003", "004" })
        {
            var seed = Directory.GetFiles(seeds, n + "_*.txt").SingleOrDefault();
            Assert.That(seed, Is.Not.Null, $"seed {n} is missing from {seeds}");

            var withoutAnnotations = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Homework($"seed-{n}.md")),
                @"<!-- gradcheck:[^>]*-->\n\n?", "");
            Assert.That(withoutAnnotations, Is.EqualTo(File.ReadAllText(seed!)), n);
        }
    }

    // ---- the printer's round trip: random claims printed as LaTeX read back to an equal expression

    // Names with a digit suffix (W1) print as W_{1}, which a reader of LaTeX takes for an entry; the printer keeps
    // that form for the generated docs, so the round trip uses names without one.
    private static readonly string[] Names = ["x", "y", "z", "a", "b", "lambda", "theta", "yhat"];

    /// <summary>The expression with + and · flattened, so a + (b − c) and (a + b) − c, which print alike, compare equal.</summary>
    private static string Flat(SyntaxNode node)
    {
        switch (node)
        {
            case BinarySyntax { Operator: '+' or '-' }:
                {
                    var terms = new List<string>();
                    Terms(node, '+', terms);
                    return "(+ " + string.Join(" ", terms) + ")";
                }

            case BinarySyntax { Operator: '*' }:
                {
                    var factors = new List<string>();
                    Factors(node, factors);
                    return "(* " + string.Join(" ", factors) + ")";
                }

            case BinarySyntax b:
                return "(" + b.Operator + " " + Flat(b.Left) + " " + Flat(b.Right) + ")";
            case UnarySyntax u:
                return "(neg " + Flat(u.Operand) + ")";
            case CallSyntax c:
                return c.Function + "(" + Flat(c.Argument) + ")";
            case IndexSumSyntax sum:
                return "sum(" + sum.Index + ", " + Flat(sum.Body) + ")";
            case DerivativeSyntax d:
                return "d(" + Flat(d.Body) + ", " + string.Join(",", d.Variables) + ")";
            default:
                return node.ToString();
        }

        static void Terms(SyntaxNode n, char sign, List<string> terms)
        {
            if (n is BinarySyntax { Operator: '+' or '-' } b)
            {
                Terms(b.Left, sign, terms);
                Terms(b.Right, b.Operator == '+' ? sign : sign == '+' ? '-' : '+', terms);
            }
            else
            {
                terms.Add(sign + Flat(n));
            }
        }

        static void Factors(SyntaxNode n, List<string> factors)
        {
            if (n is BinarySyntax { Operator: '*' } b)
            {
                Factors(b.Left, factors);
                Factors(b.Right, factors);
            }
            else
            {
                factors.Add(Flat(n));
            }
        }
    }

    private static string RandomExpression(Random random, int depth)
    {
        if (depth <= 0 || random.Next(4) == 0)
        {
            return random.Next(5) switch
            {
                0 => random.Next(1, 9).ToString(System.Globalization.CultureInfo.InvariantCulture),
                1 => Names[random.Next(Names.Length)] + "_" + "ijk"[random.Next(3)],
                _ => Names[random.Next(Names.Length)],
            };
        }

        string Sub() => RandomExpression(random, depth - 1);
        return random.Next(11) switch
        {
            0 => $"({Sub()} + {Sub()})",
            1 => $"({Sub()} - {Sub()})",
            2 => $"({Sub()} * {Sub()})",
            3 => $"({Sub()} / {Sub()})",
            4 => $"({Sub()})^{random.Next(2, 4)}",
            5 => $"-({Sub()})",
            6 => $"{new[] { "exp", "ln", "sigmoid", "tanh", "sqrt" }[random.Next(5)]}({Sub()})",
            7 => $"sum(k, {Sub()})",
            8 => $"(d/dx {Sub()})",
            9 => "delta(i, j)",
            _ => $"diff({Sub()}, x, y)",
        };
    }

    [Test]
    public void LatexPrinter_RandomClaims_ReadBackToAnEqualExpression()
    {
        var random = new Random(20240611);
        var failures = new List<string>();
        for (var n = 0; n < 500; n++)
        {
            var text = RandomExpression(random, 4);
            var expected = ExpressionParser.Parse(text);
            var latex = SyntaxLatex.Print(expected);
            var document = "$$" + latex + " = 0$$";
            var read = DocumentChecker.ReadSide(document, 2, 2 + latex.Length);
            if (read is null || Flat(read) != Flat(expected))
            {
                failures.Add($"{text}\n  latex: {latex}\n  read:  {read}\n  want:  {expected}");
            }
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(5)));
    }

    // ---- bad input: positioned messages, never an exception

    [Test]
    public void BadInput_NeverThrows()
    {
        var random = new Random(7);
        var junk = new StringBuilder();
        for (var i = 0; i < 20000; i++)
        {
            junk.Append((char)random.Next(0, 0x250));
        }

        var inputs = new[]
        {
            junk.ToString(),
            "$$" + string.Concat(Enumerable.Repeat(@"\frac{", 3000)) + "$$",
            "$$" + new string('(', 5000) + "$$",
            "$$" + new string('{', 5000) + "x = 1$$",
            "$$ \\frac{d}{dx} x^{2 = 1 $$ <!-- gradcheck: let = -->",
            "$$" + string.Concat(Enumerable.Repeat("x_1^2_3'''", 200)) + " = 1$$",
        };
        foreach (var input in inputs)
        {
            Assert.DoesNotThrow(() => DocumentChecker.Check(input, "junk.md"));
        }
    }

    [Test, CancelAfter(60000)]
    public void LargeDocument_FiveMegabytes_IsReadWithoutError()
    {
        var paragraph = "Some words about the derivation, with inline math $x^2$ and no display.\n\n";
        var text = new StringBuilder();
        while (text.Length < 5_000_000)
        {
            text.Append(paragraph);
        }

        text.Append("$$\\frac{d}{dx} x^2 = 2x$$\n");
        var result = DocumentChecker.Check(text.ToString(), "big.md");
        Assert.That(result.Equations.Select(e => e.Status), Is.EqualTo(new[] { EquationStatus.Proved }));
    }
}
