using GradCheck.Symbolic.Indexed;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Symbolic.Tests.Indexed;

public sealed class IndexedProverTests
{
    private const string Softmax = "exp(z_i)/sum(k, exp(z_k))";

    /// <summary>Indices i, j, k, m in 1..K (K ≥ 2) and the given definitions ("s_i" = body).</summary>
    internal static IndexedScope Scope(params (string Name, string Body)[] lets)
    {
        var scope = IndexedScope.Empty.WithSize("K", 2);
        foreach (var index in new[] { "i", "j", "k", "m" })
        {
            scope = scope.WithIndex(index, IndexRange.Symbolic("K"));
        }

        foreach (var (name, body) in lets)
        {
            var parts = name.Split('_', 2);
            var parameters = parts.Length == 1 ? [] : parts[1].Trim('{', '}').Split(',');
            scope = scope.WithDefinition(new Definition(parts[0], parameters, ExpressionParser.Parse(body)));
        }

        return scope;
    }

    internal static IndexedProofResult Prove(string left, string right, IndexedScope scope) =>
        IndexedProver.Prove(ExpressionParser.Parse(left), ExpressionParser.Parse(right), scope);

    private static IndexedScope SoftmaxScope() => Scope(("s_i", Softmax));

    private static IndexedScope CrossEntropyScope() =>
        Scope(("s_k", "exp(z_k)/sum(k, exp(z_k))"), ("J", "-sum(k, y_k*ln(s_k))"));

    [Test]
    public void Prove_SoftmaxJacobian_ProvedForEveryKInTwoCases()
    {
        var result = Prove("d/dz_j s_i", "s_i*(delta(i, j) - s_j)", SoftmaxScope());

        Assert.That(result.ProvedForEverySize, Is.True, result.Method);
        Assert.That(result.Cases, Is.EqualTo(2));
        Assert.That(result.Method, Does.Contain("K ≥ 2"));
    }

    [TestCase("s_i*(delta(i, j) + s_j)")]
    [TestCase("s_i*(1 - s_j)")]
    [TestCase("s_i*(delta(i, j) - s_i)")]
    [TestCase("-s_i*s_j")]
    [TestCase("s_j*(delta(i, j) - s_i)*2")]
    public void Prove_SoftmaxJacobianFalseNeighbour_NotProved(string wrong)
    {
        var result = Prove("d/dz_j s_i", wrong, SoftmaxScope());

        Assert.That(result.ProvedForEverySize, Is.False, result.Method);
        Assert.That(result.Method, Does.StartWith("not proved for every size: in the case "));
    }

    [Test]
    public void Prove_SoftmaxJacobianWithoutDelta_FailsInTheEqualCase()
    {
        var result = Prove("d/dz_j s_i", "-s_i*s_j", SoftmaxScope());

        Assert.That(result.Method, Does.Contain("in the case i = j"));
    }

    [Test]
    public void Prove_CrossEntropyGradientUnderSimplex_Proved()
    {
        var scope = CrossEntropyScope().WithUnitSum("y", "k");

        var result = Prove("d/dz_j J", "s_j - y_j", scope);

        Assert.That(result.ProvedForEverySize, Is.True, result.Method);
    }

    [Test]
    public void Prove_CrossEntropyGradientWithoutSimplex_ProvedInTheGeneralForm()
    {
        var result = Prove("d/dz_j J", "s_j*sum(k, y_k) - y_j", CrossEntropyScope());

        Assert.That(result.ProvedForEverySize, Is.True, result.Method);
    }

    [TestCase("s_j - y_j")]
    [TestCase("s_j*sum(k, y_k) + y_j")]
    [TestCase("s_j*sum(k, y_k*s_k) - y_j")]
    public void Prove_CrossEntropyGradientWrongWithoutSimplex_NotProved(string wrong)
    {
        var result = Prove("d/dz_j J", wrong, CrossEntropyScope());

        Assert.That(result.ProvedForEverySize, Is.False, result.Method);
    }

    [TestCase("sum(i, s_i)", "1")]
    [TestCase("exp(z_i + c)/sum(k, exp(z_k + c))", "s_i")]
    [TestCase("sum(k, delta(k, j)*exp(z_k))", "exp(z_j)")]
    [TestCase("sum(k, delta(j, k)*sigmoid(z_k)*(1 - sigmoid(z_k))*g_k)", "g_j*sigmoid(z_j)*(1 - sigmoid(z_j))")]
    [TestCase("sum(i, delta(i, j) - s_j)", "1 - K*s_j")]
    [TestCase("d/dz_j sum(i, ln(s_i))", "1 - K*s_j")]
    [TestCase("d/dz_j (z_i - ln(sum(k, exp(z_k))))", "delta(i, j) - exp(z_j)/sum(m, exp(z_m))")]
    [TestCase("d2/dz_i dz_j (-ln(s_1))", "s_i*(delta(i, j) - s_j)")]
    [TestCase("d/dz_2 s_1", "-s_1*s_2")]
    [TestCase("sum(k, sum(m, x_k*x_m))", "sum(k, x_k)^2")]
    [TestCase("sum(k, (x_k - 1)^2)", "sum(m, x_m^2) - 2*sum(k, x_k) + K")]
    [TestCase("sum(k, sum(m, W_{k,m}*V_{m,k}))", "sum(m, sum(k, V_{m,k}*W_{k,m}))")]
    public void Prove_Identity_ProvedForEveryK(string left, string right)
    {
        var result = Prove(left, right, SoftmaxScope());

        Assert.That(result.ProvedForEverySize, Is.True, result.Method);
    }

    [TestCase("sum(i, s_i)", "K")]
    [TestCase("sum(i, delta(i, j) - s_j)", "1 - s_j")]
    [TestCase("d/dz_j sum(i, ln(s_i))", "-1 + K*s_j")]
    [TestCase("d2/dz_i dz_j (-ln(s_1))", "s_i*(delta(i, 1) - s_j)")]
    [TestCase("d/dz_2 s_1", "s_1*s_2")]
    [TestCase("sum(k, delta(k, j)*exp(z_k))", "exp(z_i)")]
    [TestCase("sum(k, x_k^2)", "sum(k, x_k)^2")]
    [TestCase("sum(k, sum(m, W_{k,m}*V_{k,m}))", "sum(k, sum(m, W_{k,m}*V_{m,k}))")]
    [TestCase("sum(k, sum(m, W_{k,m}*V_{m,k}))", "sum(m, sum(k, W_{k,m}*V_{k,m}))")]
    [TestCase("sum(k, sum(m, W_{k,m}*V_{m,i}))", "sum(m, sum(k, W_{k,m}*V_{k,i}))")]
    public void Prove_NonIdentity_NotProved(string left, string right)
    {
        var result = Prove(left, right, SoftmaxScope());

        Assert.That(result.ProvedForEverySize, Is.False, result.Method);
    }

    [Test]
    public void Prove_LiteralLargerThanSmallestSize_DoesNotContract()
    {
        // z_3 is outside 1..K for K = 2, where the sum is 0: contracting to exp(z_3) would be unsound.
        var result = Prove("sum(k, delta(k, 3)*exp(z_k))", "exp(z_3)", SoftmaxScope());

        Assert.That(result.ProvedForEverySize, Is.False, result.Method);
    }

    [Test]
    public void Prove_ContractionAcrossDifferentSizes_NotProved()
    {
        // e ranges over 1..D: when e > K the sum over k in 1..K is 0, not x_e.
        var scope = Scope().WithSize("D", 2).WithIndex("e", IndexRange.Symbolic("D"));

        var result = Prove("sum(k, delta(k, e)*x_k)", "x_e", scope);

        Assert.That(result.ProvedForEverySize, Is.False, result.Method);
    }

    [Test]
    public void Prove_FixedRangeIndexWithSymbolicOne_ProvedValueByValue()
    {
        var scope = Scope(("z_k", "sum(p, w_{k,p}*x_p)"), ("s_k", "exp(z_k)/sum(k, exp(z_k))"), ("C", "-sum(k, y_k*ln(s_k))"))
            .WithIndex("a", IndexRange.Symbolic("K")).WithIndex("b", IndexRange.Fixed(1, 2)).WithIndex("p", IndexRange.Fixed(1, 2))
            .WithUnitSum("y", "k");

        var proved = Prove("d/dw_{a,b} C", "-(y_a - s_a)*x_b", scope);
        var wrong = Prove("d/dw_{a,b} C", "-(y_a - s_a)*x_1", scope);

        Assert.That(proved.ProvedForEverySize, Is.True, proved.Method);
        Assert.That(wrong.ProvedForEverySize, Is.False, wrong.Method);
        Assert.That(wrong.Method, Does.Contain("at b = 2"));
    }

    [Test]
    public void Prove_ProductOverSymbolicRange_NotAttempted()
    {
        var result = Prove("ln(prod(k, x_k))", "sum(k, ln(x_k))", SoftmaxScope());

        Assert.That(result.ProvedForEverySize, Is.False);
        Assert.That(result.Method, Is.EqualTo("not attempted for every size: prod over the symbolic range 1..K"));
    }

    [Test]
    public void Prove_UndeclaredIndex_ThrowsWithPosition()
    {
        var error = Assert.Throws<SymbolicSyntaxException>(() => Prove("sum(q, x_q)", "1", SoftmaxScope()));

        Assert.That(error!.Message, Does.Contain("index 'q' used without `index`"));
        Assert.That(error.Line, Is.EqualTo(1));
    }

    [Test]
    public void Prove_SidesWithDifferentFreeIndices_RangeOverTheirUnion()
    {
        // The left side has i free, the right none: the identity is for every i (and every size).
        Assert.That(Prove("sum(j, d/dz_j s_i)", "0", SoftmaxScope()).ProvedForEverySize, Is.True);
        Assert.That(Prove("d/dz_j s_i", "s_i", SoftmaxScope()).ProvedForEverySize, Is.False);
    }

    [Test]
    public void Prove_DerivativeOfALetWithRespectToItself_IsTheDelta()
    {
        var result = Prove("d/ds_j s_i", "delta(i, j)", SoftmaxScope());

        Assert.That(result.ProvedForEverySize, Is.True, result.Method);
    }

    [Test]
    public void Prove_DerivativeWithRespectToALetWithoutItsIndex_ThrowsWithPosition()
    {
        var error = Assert.Throws<SymbolicSyntaxException>(() => Prove("d/ds s_i", "0", SoftmaxScope()));

        Assert.That(error!.Message, Does.Contain("'s' is defined with 1 index (s_i) but used with 0"));
        Assert.That((error.Line, error.Column), Is.EqualTo((1, 4)));
    }

    [Test]
    public void Prove_IndexFreeInDefinitionBody_ThrowsWithPosition()
    {
        var error = Assert.Throws<SymbolicSyntaxException>(() => Prove("t", "0", Scope(("t", "z_j"))));

        Assert.That(error!.Message, Does.Contain("has no value in the definition of 't'"));
    }

    [Test]
    public void Prove_IntervalAssumptionOnIndexedName_IsUsedByTheProver()
    {
        // relu(x_j) = x_j needs x_j > 0.
        var open = Prove("sum(k, relu(x_k)*delta(k, j))", "x_j", SoftmaxScope());
        var assumed = Prove("sum(k, relu(x_k)*delta(k, j))", "x_j", SoftmaxScope().WithInterval("x", new SymbolInterval(0, double.PositiveInfinity, true, true)));

        Assert.That(open.ProvedForEverySize, Is.False, open.Method);
        Assert.That(assumed.ProvedForEverySize, Is.True, assumed.Method);
    }

    [Test]
    public void Prove_UnitSumVector_BoundsOnlyItsEntries()
    {
        // Entries y_k of a probability vector are >= 0, so relu(y_j + 1) = y_j + 1; y_{i,j} is another symbol.
        var scope = SoftmaxScope().WithUnitSum("y", "k");

        var entry = Prove("relu(y_j + 1)", "y_j + 1", scope);
        var other = Prove("relu(y_{i,j} + 1)", "y_{i,j} + 1", scope);

        Assert.That(entry.ProvedForEverySize, Is.True, entry.Method);
        Assert.That(other.ProvedForEverySize, Is.False, other.Method);
    }

    [Test]
    public void Prove_UnitSumVectorEntryOutsideTheVectorsRange_IsUnconstrained()
    {
        // Found in review: y simplex over k in 1..K bounded y_d for d in 1..D too, so abs(y_d) = y_d was
        // "proved for every size", false at K = 2, D = 3, y_3 = -0.77; likewise y_k with the simplex over a
        // fixed 1..3 (false at K = 4), and a literal y_3 when the smallest K is 2.
        var overK = Scope().WithSize("D", 2).WithIndex("d", IndexRange.Symbolic("D")).WithUnitSum("y", "k");
        var overFixed = Scope().WithIndex("d", IndexRange.Fixed(1, 3)).WithUnitSum("y", "d");
        Assert.Multiple(() =>
        {
            Assert.That(Prove("abs(y_d)", "y_d", overK).ProvedForEverySize, Is.False, "y_d, simplex over k");
            Assert.That(Prove("abs(y_3)", "y_3", overK).ProvedForEverySize, Is.False, "y_3 beyond the smallest K");
            Assert.That(Prove("relu(y_k)", "y_k", overFixed).ProvedForEverySize, Is.False, "y_k, simplex over 1..3");
            Assert.That(Prove("abs(y_k)", "y_k", overK).ProvedForEverySize, Is.True, "y_k, simplex over k");
            Assert.That(Prove("abs(y_2)", "y_2", overK).ProvedForEverySize, Is.True, "y_2 within the smallest K");
            Assert.That(Prove("relu(y_2)", "y_2", overFixed).ProvedForEverySize, Is.True, "y_2 within 1..3");
        });
    }

    [Test]
    public void Prove_ContradictoryAssumptions_NotAttempted()
    {
        var scope = SoftmaxScope().WithUnitSum("y", "k").WithInterval("y", new SymbolInterval(2, 3, false, false));

        var result = Prove("y_j", "y_j", scope);

        Assert.That(result.ProvedForEverySize, Is.False);
        Assert.That(result.Method, Is.EqualTo("not attempted for every size: the assumptions on y contradict each other"));
    }

    [Test]
    public void Prove_Cancelled_StopsWithoutAVerdict()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var result = IndexedProver.Prove(
            ExpressionParser.Parse("d/dz_j s_i"), ExpressionParser.Parse("s_i*(delta(i, j) - s_j)"), SoftmaxScope(), cancellation: cancelled.Token);

        Assert.That(result.ProvedForEverySize, Is.False);
        Assert.That(result.Method, Is.EqualTo("not attempted for every size: stopped (out of time)"));
    }
}
