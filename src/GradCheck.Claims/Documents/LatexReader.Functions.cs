// LatexReader: built-in scalar and matrix functions (sigma, exp, softmax, …), their arguments, derivatives and entries.
using System.Globalization;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    /// <summary>A function's argument: a bracketed group, or else the factor that follows (a sum's whole term).</summary>
    private SyntaxNode Argument(LatexToken function)
    {
        if (Current.IsCommand("sum") || Current.IsCommand("prod"))
        {
            return Term();
        }

        if (EndsTerm(Current))
        {
            throw new LatexReadException(function.Offset, $"'{function.Source}' without an argument");
        }

        var factor = Factor();
        return factor is OperatorMark mark ? ApplyOperator(mark.Token, mark.Variables) : factor;
    }

    private SyntaxNode FunctionCall(string function, LatexToken at)
    {
        var (l, c) = At(at.Offset);
        SyntaxNode? power = null;
        var primes = 0;
        while (true)
        {
            if (Current.Is('^') && power is null)
            {
                // \sigma^2(z) is σ(z)²; \sigma^{-1} is not read.
                _position++;
                var group = GroupTokens();
                power = Sub(group);
                if (power is UnarySyntax { Operator: '-' })
                {
                    throw new LatexReadException(at.Offset, $"'{at.Source}^{{-1}}' (an inverse function) is not read");
                }

                continue;
            }

            if (Current.Is('\'') || Current.IsCommand("prime"))
            {
                primes++;
                _position++;
                continue;
            }

            break;
        }

        if (EndsTerm(Current) || Current.IsCommand("cdot") || Current.IsCommand("times"))
        {
            // A function standing alone: in a derivative's numerator it is applied to the variable.
            if (primes == 0 && power is null)
            {
                return new FunctionReference(l, c, function, at);
            }

            throw new LatexReadException(at.Offset, $"'{at.Source}' without an argument");
        }

        var argument = Argument(at);
        SyntaxNode result = primes switch
        {
            0 => new CallSyntax(l, c, function, argument),
            1 => FunctionDerivative(function, argument, l, c, at),
            _ => throw new LatexReadException(at.Offset, $"'{at.Source}' with {primes} primes is not read"),
        };
        return power is null ? result : new BinarySyntax(l, c, '^', result, power);
    }

    /// <summary>σ'(u), tanh'(u), exp'(u), ln'(u) written out, so they read at any argument.</summary>
    private static SyntaxNode FunctionDerivative(string function, SyntaxNode u, int l, int c, LatexToken at)
    {
        SyntaxNode Call(string f) => new CallSyntax(l, c, f, u);
        var one = Number(l, c, 1);
        return function switch
        {
            "sigmoid" => new BinarySyntax(l, c, '*', Call("sigmoid"), new BinarySyntax(l, c, '-', one, Call("sigmoid"))),
            "tanh" => new BinarySyntax(l, c, '-', one, new BinarySyntax(l, c, '^', Call("tanh"), Number(l, c, 2))),
            "exp" => Call("exp"),
            "ln" => new BinarySyntax(l, c, '/', one, u),
            "relu" => Call("step"),
            "softplus" => Call("sigmoid"),
            _ => throw new LatexReadException(at.Offset, $"the derivative of '{at.Source}' is not read"),
        };
    }

    private SyntaxNode MatrixFunction(string word, LatexToken at)
    {
        var (l, c) = At(at.Offset);
        // softmax_i(z) is entry i of softmax(z).
        List<LatexToken>? entry = null;
        if (Current.Is('_'))
        {
            _position++;
            entry = GroupTokens();
        }

        if (EndsTerm(Current))
        {
            throw new LatexReadException(at.Offset, $"'{word}' without an argument");
        }

        var argument = Argument(at);
        var name = word == "tr" ? "trace" : word;
        SyntaxNode call = new MatrixCallSyntax(l, c, name, [argument]);
        if (entry is not null)
        {
            call = SoftmaxEntry(call, entry) ?? throw new LatexReadException(at.Offset, $"'{word}' with a subscript is read only for softmax");
        }
        else if (name == "softmax" && argument is NameSyntax { Subscripts.Length: 1 })
        {
            // softmax(z_i), as students write entry i of softmax(z)
            call = SoftmaxEntry(call, null) ?? call;
        }

        return call;
    }

    /// <summary><c>softmax(z)_i</c> (also <c>softmax(z_i)</c>, as students write it) is e^{z_i} / Σ_k e^{z_k}.</summary>
    /// <summary>Entry i of a gradient, <c>(\frac{\partial C}{\partial \tilde{y}})_i</c>: the derivative by the entry ỹ_i.</summary>
    private DerivativeSyntax? GradientEntry(SyntaxNode node, List<LatexToken> subscript)
    {
        var p = 0;
        if (node is not DerivativeSyntax { Variables: [{ Subscripts.Length: 0 } variable] } derivative
            || IndexName(subscript, ref p) is not { } index || subscript[p].Kind != LatexTokenKind.End)
        {
            return null;
        }

        Info.AddIndex(index, null);
        Info.Owners.TryAdd(index, variable.Name);
        return derivative with { Variables = [variable with { Subscripts = [new SubscriptSyntax(variable.Line, variable.Column, index, 0)] }] };
    }

    private BinarySyntax? SoftmaxEntry(SyntaxNode call, List<LatexToken>? subscript)
    {
        if (call is not MatrixCallSyntax { Function: "softmax", Arguments: [var argument] } m)
        {
            return null;
        }

        string? index = null;
        if (subscript is not null)
        {
            var p = 0;
            index = IndexName(subscript, ref p);
            if (index is null || subscript[p].Kind != LatexTokenKind.End)
            {
                return null;
            }
        }

        NameSyntax vector;
        switch (argument)
        {
            case NameSyntax { Subscripts.Length: 0 } plain when index is not null:
                vector = plain;
                break;
            case NameSyntax { Subscripts: [{ Variable: { } i }] } entry when index is null:
                vector = entry with { Subscripts = [] };
                index = i;
                break;
            default:
                return null;
        }

        var (l, c) = (m.Line, m.Column);
        var bound = "@k" + (++_context.Fresh).ToString(CultureInfo.InvariantCulture);
        Info.Partners[bound] = index;
        Info.AddIndex(index, null);
        Info.AddIndex(bound, null);
        Info.Symbols.Add(vector.Name);
        SyntaxNode Exp(string i) => new CallSyntax(l, c, "exp", vector with { Subscripts = [new SubscriptSyntax(l, c, i, 0)] });
        return new BinarySyntax(l, c, '/', Exp(index), new IndexSumSyntax(l, c, bound, Exp(bound)));
    }

    /// <summary>The softmax bound index's partner: which index range a fresh <c>@k</c> index shares.</summary>
    public static bool IsFreshIndex(string index) => index.StartsWith("@k", StringComparison.Ordinal);
}
