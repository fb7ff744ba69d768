using FsCheck;
using FsCheck.Fluent;
using GradCheck.Symbolic.Parsing;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Parsing;

/// <summary>Any text, random or a mutation of a valid claim, is parsed and bound or rejected with a position: never another exception.</summary>
public sealed class ParserRobustnessProperties
{
    private static readonly string[] Fragments =
    [
        "x", "y", "z_", "z_i", "W_{", "j,k}", "s_j", "yhat", "K", "i", "k", "0", "1", "2", ".", "0.5", "1e", "e-3", "99999999999", "9",
        "+", "-", "*", "/", "^", "(", ")", "{", "}", ",", "_", "=", " ", "\n", "\t", "−", "·", "σ",
        "exp(", "ln(", "log(", "sqrt(", "sigmoid(", "tanh(", "relu(", "abs(", "sign(", "step(", "softplus(", "foo(",
        "sum(k, ", "prod(k, ", "delta(i, j)", "delta(", "diff(", "d/dx ", "d/dz_j ", "d2/dx2 ", "d2/dz_i dz_j ", "d/d", "d2/", "d/d(",
    ];

    /// <summary>Valid expressions from the claims format, to be mutated.</summary>
    private static readonly string[] Corpus =
    [
        "d/dz sigmoid(z)",
        "d/dz (1 + exp(-z))^(-1)",
        "exp(-z) / (1 + exp(-z))^2",
        "sigmoid(z) * (1 - sigmoid(z))",
        "-(y*ln(yhat) + (1 - y)*ln(1 - yhat))",
        "d/dw1 C",
        "-(y - yhat) * x1",
        "exp(z_i) / sum(k, exp(z_k))",
        "d/dz_j s_i",
        "s_i * (delta(i, j) - s_j)",
        "-sum(k, y_k * ln(s_k))",
        "d2/dz_i dz_j L",
        "d/dz ln(sigmoid(z)) = sigmoid(z) - 1",
        "1 - K*s_i + W_{j,2}*0.25 + diff(x^2, x) + prod(k, relu(z_k)) + abs(sign(step(softplus(tanh(sqrt(x))))))",
    ];

    private static readonly BindingScope Scope = BindingScope.Empty
        .WithSize("K", 3)
        .WithIndexRange("i", 1, 3).WithIndexRange("j", 1, 3).WithIndexRange("k", 1, 3)
        .WithIndexValue("i", 1).WithIndexValue("j", 2)
        .WithDefinition(new Definition("s", ["k"], ExpressionParser.Parse("exp(z_k) / sum(k, exp(z_k))")))
        .WithDefinition(new Definition("yhat", [], ExpressionParser.Parse("sigmoid(w1*x1 + w2*x2)")))
        .WithDefinition(new Definition("C", [], ExpressionParser.Parse("-(y*ln(yhat) + (1 - y)*ln(1 - yhat))")))
        .WithDefinition(new Definition("L", [], ExpressionParser.Parse("-ln(s_1)")));

    /// <summary>Digit runs of 1 to 14 digits, alone, as a subscript or with an exponent: the edges of int and of the number syntax.</summary>
    private static readonly Gen<string> Digits =
        from length in Gen.Choose(1, 14)
        from digit in Gen.Choose(0, 9)
        from form in Gen.Choose(0, 3)
        let run = new string((char)('0' + digit), length)
        select form switch { 0 => run, 1 => "z_" + run, 2 => "W_{1," + run + "}", _ => "1e" + run };

    public static Arbitrary<string> RandomText() =>
        Gen.OneOf(Gen.Elements(Fragments), Gen.Elements(Fragments), Digits, Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString()))
            .ArrayOf()
            .Select(string.Concat)
            .ToArbitrary();

    public static Arbitrary<string> MutatedClaims()
    {
        var mutation =
            from kind in Gen.Choose(0, 3)
            from at in Gen.Choose(0, 1000)
            from length in Gen.Choose(1, 6)
            from fragment in Gen.Elements(Fragments)
            select (kind, at, length, fragment);
        return (from text in Gen.Elements(Corpus)
                from mutations in mutation.ArrayOf()
                select mutations.Aggregate(text, Mutate))
            .ToArbitrary();
    }

    [Property(Arbitrary = [typeof(ParserRobustnessProperties)], MaxTest = 300)]
    public bool ParseChainAndBind_RandomText_AnswerOrPositionedError(string text) => ParsesBindsOrRejects(text);

    [Property(Arbitrary = [typeof(MutatedArbitrary)], MaxTest = 300)]
    public bool ParseChainAndBind_MutatedClaim_AnswerOrPositionedError(string text) => ParsesBindsOrRejects(text);

    [Test]
    public void Corpus_EveryExpression_ParsesAndBinds()
    {
        foreach (var text in Corpus)
        {
            Assert.That(ExpressionParser.ParseChain(text).Select(node => Binder.Bind(node, Scope)), Is.Not.Empty, text);
        }
    }

    private static bool ParsesBindsOrRejects(string text)
    {
        try
        {
            foreach (var node in ExpressionParser.ParseChain(text, 3, 5))
            {
                Binder.Bind(node, Scope);
                _ = Binder.FreeIndices(node, Scope);
            }

            return true;
        }
        catch (SymbolicSyntaxException error)
        {
            // The position is inside the text (or just past its end), counted from line 3, column 5.
            var lines = text.Split('\n');
            var line = error.Line - 3;
            if (line < 0 || line >= lines.Length || error.Column < 1 || string.IsNullOrEmpty(error.Reason))
            {
                return false;
            }

            var firstColumn = line == 0 ? 5 : 1;
            return error.Column >= firstColumn && error.Column <= firstColumn + lines[line].Length;
        }
    }

    private static string Mutate(string text, (int Kind, int At, int Length, string Fragment) m)
    {
        var at = text.Length == 0 ? 0 : m.At % (text.Length + 1);
        var length = Math.Min(m.Length, text.Length - at);
        return m.Kind switch
        {
            0 => text.Remove(at, length),
            1 => text.Insert(at, m.Fragment),
            2 => text.Insert(at, text.Substring(at, length)),
            _ => length >= 2 ? string.Concat(text.AsSpan(0, at), text.Substring(at, length).Reverse().ToArray(), text.AsSpan(at + length)) : text,
        };
    }

    /// <summary>Arbitrary of mutated claims, registered separately so the random-text property keeps its own.</summary>
    public static class MutatedArbitrary
    {
        public static Arbitrary<string> Strings() => MutatedClaims();
    }
}
