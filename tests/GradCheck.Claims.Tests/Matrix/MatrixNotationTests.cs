using System.Text.Json;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Reporting;

namespace GradCheck.Claims.Tests.Matrix;

/// <summary>The matrix-notation contract (shared/matrix-notation.md): its examples, its shape errors, the
/// refutation of sides of different shapes, and its JSON additions.</summary>
public class MatrixNotationTests
{
    private static IReadOnlyList<ClaimResult> Check(string text) => ClaimChecker.CheckText(text, "m.claims");

    private static ClaimResult CheckOne(string text)
    {
        var results = Check(text);
        Assert.That(results, Has.Count.EqualTo(1));
        return results[0];
    }

    private static string Claim(params string[] lines) => "claim c\n" + string.Join("\n", lines.Select(l => "  " + l)) + "\nend\n";

    [Test]
    public void Check_ContractExamples_AreProvedForEverySize()
    {
        var results = Check(ContractExamples.MatrixMustWork).ToDictionary(r => r.Name);
        Assert.That(results.Keys, Is.EquivalentTo(new[]
        {
            "softmax-jacobian-matrix", "logistic-regression-l2-gradient", "bp-two-layers", "hadamard-as-diagonal",
            "composed-linear-maps", "ce-hessian-matrix",
        }));
        foreach (var (name, result) in results)
        {
            Assert.That(result.Error, Is.Null, name);
            Assert.That(result.Verdict, Is.AnyOf(Verdict.Proved, Verdict.HoldsNumerically), name);
            Assert.That(result.Steps.Where(s => !s.IsPsd).All(s => s.Verdict == Verdict.Proved && s.ProvedForEveryK), Is.True,
                name + ": every equation proved for every size");
        }

        Assert.That(results["ce-hessian-matrix"].Steps[^1].IsPsd, Is.True, "a bare psd checks the matrix-valued last expression");
        Assert.That(results["ce-hessian-matrix"].Steps[^1].Verdict, Is.AnyOf(Verdict.Proved, Verdict.HoldsNumerically));
    }

    [Test]
    public void Check_SizesWithoutForLines_AreCheckedAtOneToFour()
    {
        var result = CheckOne(ContractExamples.MatrixMustWork.Split("end")[1] + "end\n");
        Assert.That(result.Name, Is.EqualTo("logistic-regression-l2-gradient"));
        Assert.That(result.Syntax!.Matrix!.Sizes["N"], Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(result.Syntax.Matrix.Sizes["D"], Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(result.Steps[0].Instances, Is.EqualTo(4 * (1 + 2 + 3 + 4)), "every (N, D) pair, every entry of the D-vector");
        Assert.That(result.EverySizeRange, Is.EqualTo("D ≥ 1, N ≥ 1"));
    }

    [Test]
    public void Check_ManySizesWithoutForLines_CheckAtMostSixtyFourCombinations()
    {
        var result = CheckOne(Claim("matrix A in R^(P x Q)", "matrix B in R^(Q x R)", "matrix C in R^(R x S)", "(A*B)*C = A*(B*C)"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved));
        var combinations = result.Syntax!.Matrix!.SizeCombinations!;
        Assert.That(combinations, Has.Count.EqualTo(64));
        foreach (var size in new[] { "P", "Q", "R", "S" })
        {
            Assert.That(combinations.Select(c => c[size]).Distinct().Order(), Is.EqualTo(new[] { 1, 2, 3, 4 }), size + " takes every value");
        }
    }

    [TestCase("(A*B)' = B'*A'")]
    [TestCase("(A*B)^T = B^T*A^T")]
    [TestCase("dot(A*x, A*x) = norm(A*x)^2")]
    [TestCase("d/dA trace(A*B) = B'")]
    [TestCase("d/dx ones(M)'*(A*x) = A'*ones(M)")]
    [TestCase("eye(M)*A = A")]
    [TestCase("d/dx logsumexp(A*x) = A'*softmax(A*x)")]
    [TestCase("(A ./ exp(A)) .* exp(A) = A")]
    [TestCase("A - A = zeros(M x N)")]
    [TestCase("A.^2 = A .* A")]
    [TestCase("2*A - A ⊙ ones(M x N) = odot(A, ones(M x N))")]
    // Two nested sums in either order are one sum (the index calculus exchanges them):
    [TestCase("trace(A*B) = trace(B*A)")]
    [TestCase("sum(A .* A) = trace(A'*A)")]
    public void Check_TextbookIdentity_IsProvedForEverySize(string identity)
    {
        var result = CheckOne(Claim("matrix A in R^(M x N)", "matrix B in R^(N x M)", "vector x in R^N", identity));
        Assert.That(result.Error, Is.Null, identity);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), identity);
        Assert.That(result.ProvedForEveryK, Is.True, identity);
    }

    // These need more than exchanging two adjacent sums (a squared sum multiplied out into a double sum, three sums
    // rotated), which the index calculus does not do yet: proved at every size checked, not for every size at once.
    [TestCase("norm(A*x)^2 = x'*A'*A*x")]
    [TestCase("trace(A*B*A*B) = trace(B*A*B*A)")]
    public void Check_IdentityNeedingSumInterchange_IsProvedAtEverySizeChecked(string identity)
    {
        var result = CheckOne(Claim("matrix A in R^(M x N)", "matrix B in R^(N x M)", "vector x in R^N", identity));
        Assert.That(result.Error, Is.Null, identity);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), identity);
    }

    [TestCase("d/dx (x'*C*x) = (C + C')*x")]
    [TestCase("d2/dx2 (x'*C*x) = C + C'")]
    [TestCase("d/dx norm(x)^2 = 2*x")]
    [TestCase("d/dC (x'*C*x) = x*x'")]
    [TestCase("d/dx (C*x) = C")]
    [TestCase("d/dx sigmoid(C*x) = diag(sigmoid(C*x) .* (1 - sigmoid(C*x)))*C")]
    public void Check_SquareMatrixIdentity_IsProvedForEverySize(string identity)
    {
        var result = CheckOne(Claim("matrix C in R^(N x N)", "vector x in R^N", identity));
        Assert.That(result.Error, Is.Null, identity);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), identity);
        Assert.That(result.ProvedForEveryK, Is.True, identity);
    }

    // Mutations a student makes: each must be refuted (or, where shapes cannot agree, be a shape error).
    [TestCase("d/dx (x'*C*x) = 2*C*x", "a dropped transpose term (C is not symmetric)")]
    [TestCase("d/dx (C*x) = C'", "a transposed factor")]
    [TestCase("d/dx (x'*C*x) = (C + C')*x + x", "an extra term")]
    [TestCase("d/dx sigmoid(C*x) = diag(sigmoid(C*x))*C", "a missing Hadamard factor")]
    [TestCase("d/dx norm(x)^2 = x", "a missing factor 2")]
    public void Check_MutatedIdentity_IsRefuted(string identity, string mutation)
    {
        var result = CheckOne(Claim("matrix C in R^(N x N)", "vector x in R^N", identity));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted), mutation);
        Assert.That(result.Steps[0].Counterexample, Is.Not.Null, mutation);
    }

    [Test]
    public void Check_SwappedFactors_IsRefutedAtAnEntry()
    {
        var result = CheckOne(Claim("matrix W1 in R^(B x B)", "matrix W2 in R^(B x B)", "vector x in R^B", "d/dx (W2*(W1*x)) = W1*W2"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.Steps[0].Shape, Is.EqualTo("B x B"));
        Assert.That(EntryLabels.Entry(result.Steps[0].Instance), Has.Count.EqualTo(2), "the refuted instance names its entry");
    }

    [Test]
    public void Check_SidesOfDifferentShapes_AreRefutedNotRejected()
    {
        var result = CheckOne(Claim("vector z in R^K", "for K in 2..3", "let s = softmax(z)", "d/dz s = s"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.FirstRefutedStep, Is.EqualTo(1));
        var step = result.Steps[0];
        Assert.That(step.Counterexample!.Reason, Does.Contain("left is 2×2, right is 2×1"));
        Assert.That(step.Instance, Is.EqualTo(new Dictionary<string, int> { ["K"] = 2 }));
        Assert.That(TextReport.Write([result]), Does.Contain("left is 2×2, right is 2×1"));
    }

    [Test]
    public void Check_SidesOfDifferentSizes_AreRefutedWhereTheSizesDiffer()
    {
        var result = CheckOne(Claim("vector u in R^K", "vector v in R^D", "for K in 2..3", "for D in 2..3", "u = v"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.Steps[0].Counterexample!.Reason, Does.Contain("left is 3×1, right is 2×1"));
        Assert.That(result.Steps[0].Instance, Is.EqualTo(new Dictionary<string, int> { ["D"] = 2, ["K"] = 3 }));
    }

    [Test]
    public void Check_RowAgainstColumnVector_IsRefuted()
    {
        var result = CheckOne(Claim("vector u in R^K", "for K in 2..2", "u' = u"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.Steps[0].Counterexample!.Reason, Does.Contain("left is 1×2, right is 2×1"));
    }

    [TestCase("W*x = W*x", 4, 3, "cannot multiply a 3×2 matrix by a vector of size 4 (W * x)")]
    [TestCase("W + x = x", 4, 3, "cannot add a vector of size 4 to a 3×2 matrix")]
    [TestCase("d/dW (W*y) = W", 4, 3, "would be a 3-way tensor")]
    [TestCase("softmax(W) = W", 4, 3, "softmax takes a vector, but W is a 3×2 matrix")]
    [TestCase("trace(W) = 1", 4, 3, "trace takes a square matrix")]
    [TestCase("diag(W) = W", 4, 3, "diag takes a vector")]
    [TestCase("W^2 = W", 4, 3, "cannot raise a 3×2 matrix to a power")]
    [TestCase("x_{1,2} = 1", 4, 3, "an entry takes one index")]
    [TestCase("ones(Q) = x", 4, 8, "'Q' is not a size")]
    [TestCase("W ./ y = W", 4, 3, "the shapes must be the same")]
    [TestCase("dot(x, y) = 1", 4, 3, "dot takes two vectors of the same size")]
    [TestCase("x / y = x", 4, 3, "cannot divide by a vector of size 2")]
    public void Check_ShapeError_IsAPositionedErrorNamingBothShapes(string chain, int line, int column, string message)
    {
        var result = CheckOne(Claim("matrix W in R^(3 x 2)", "vector x in R^4", "vector y in R^2", chain));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error), chain);
        Assert.That(result.Error!.Message, Does.Contain(message), chain);
        Assert.That((result.Error.Line, result.Error.Column), Is.EqualTo((line + 1, column)), chain);
        Assert.That(ExitCodes.For([result]), Is.EqualTo(ExitCodes.Error));
    }

    [TestCase("vector z in R^", "expected the vector's size")]
    [TestCase("matrix W in R^(H D)", "expected 'x' between the rows and columns")]
    [TestCase("vector exp in R^K", "built-in name")]
    [TestCase("vector z in Q^K", "expected R^")]
    public void Parse_BadDeclaration_IsAPositionedError(string declaration, string message)
    {
        var result = CheckOne(Claim(declaration, "z = z"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(result.Error!.Message, Does.Contain(message));
        Assert.That(result.Error.Line, Is.EqualTo(2));
    }

    [Test]
    public void Check_BarePsdOfAVector_IsAnError()
    {
        var result = CheckOne(Claim("vector z in R^K", "z = z", "psd"));
        Assert.That(result.Error!.Message, Does.Contain("`psd` needs a square matrix"));
    }

    [Test]
    public void Check_SimplexWithoutOverOnAnUndeclaredUnusedName_IsAnError()
    {
        var result = CheckOne(Claim("vector z in R^K", "assume q simplex", "z = z"));
        Assert.That(result.Error!.Message, Does.Contain("needs 'q' declared as a vector"));
    }

    [Test]
    public void Json_MatrixClaim_HasSizesShapeAndEntry()
    {
        var results = Check(Claim("vector z in R^K", "for K in 2..3", "let s = softmax(z)", "d/dz s = diag(s) + s*s'"));
        using var document = JsonDocument.Parse(JsonReport.Write(results));
        var claim = document.RootElement.GetProperty("claims")[0];
        Assert.That(claim.GetProperty("sizes").GetProperty("K").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 2, 3 }));
        var step = claim.GetProperty("steps")[0];
        Assert.That(step.GetProperty("verdict").GetString(), Is.EqualTo("refuted"));
        Assert.That(step.GetProperty("shape").GetString(), Is.EqualTo("K x K"));
        Assert.That(step.GetProperty("entry").GetArrayLength(), Is.EqualTo(2));
        var instance = step.GetProperty("instance");
        Assert.That(instance.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "K" }), "the entry is not an index of the instance");
        Assert.That(step.GetProperty("refutedAt")[0].GetProperty("entry").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void Json_IndexNotationClaim_HasNoMatrixFields()
    {
        var results = Check(ContractExamples.MustWork);
        var json = JsonReport.Write(results);
        Assert.That(json, Does.Not.Contain("\"shape\""));
        Assert.That(json, Does.Not.Contain("\"sizes\""));
        Assert.That(json, Does.Not.Contain("\"entry\""));
    }

    [Test]
    public void Check_IndexAndMatrixNotationMixed_AgreeEntryByEntry()
    {
        var result = CheckOne(Claim("vector z in R^K", "index i, j, k in 1..K", "for K in 2..3", "let s = softmax(z)",
            "d/dz_j s_i = s_i*(delta(i, j) - s_j)"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), "z_k is entry k of the declared z, s_i entry i of the vector let s");
        Assert.That(result.ProvedForEveryK, Is.True);
    }

    [Test]
    public void Check_FixedSizes_AreAllowed()
    {
        var result = CheckOne(Claim("matrix W in R^(2 x 3)", "vector x in R^3", "d/dx (W*x) = W"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(result.Steps[0].Instances, Is.EqualTo(6), "one instance per entry of the 2×3 Jacobian");
    }

    [Test]
    public void Check_OneByOneProduct_IsAScalar()
    {
        var result = CheckOne(Claim("vector w in R^D", "w'*w = sum(w .* w)", "= norm(w)^2"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(result.Steps.Select(s => s.Shape), Is.EqualTo(new[] { "scalar", "scalar" }));
    }
}
