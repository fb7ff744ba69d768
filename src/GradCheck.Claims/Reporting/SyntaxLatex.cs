using System.Globalization;
using System.Text;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Reporting;

/// <summary>
/// Prints an expression as written (its <see cref="SyntaxNode"/>, before binding) in LaTeX, so a
/// derivation's steps read as on paper: <c>d/dz_j s_i</c> becomes
/// <c>\frac{\partial}{\partial z_{j}} s_{i}</c>, <c>W1_{j,p}</c> becomes <c>W^{(1)}_{j,p}</c>,
/// <c>yhat</c> becomes <c>\hat{y}</c> and Greek names their letters.
/// </summary>
public static class SyntaxLatex
{
    private static readonly HashSet<string> Greek =
    [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda",
        "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega",
    ];

    /// <summary>Parses <paramref name="text"/> and prints it in LaTeX; text that does not parse is
    /// printed verbatim in <c>\texttt{}</c>.</summary>
    /// <param name="text">An expression in the claims syntax.</param>
    public static string FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Print(ExpressionParser.Parse(text));
        }
        catch (SymbolicSyntaxException)
        {
            return @"\texttt{" + Escape(text) + "}";
        }
    }

    /// <summary>Prints a syntax tree in LaTeX.</summary>
    /// <param name="node">The expression.</param>
    public static string Print(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    /// <summary>A symbol's name in LaTeX: <c>W1</c> with a subscript is <c>W^{(1)}</c>, without one
    /// <c>W_{1}</c>; <c>yhat</c> is <c>\hat{y}</c>; <c>yt</c> is <c>\tilde{y}</c>; Greek names their letters.</summary>
    /// <param name="name">The name without subscript.</param>
    /// <param name="hasSubscript">Whether a subscript follows.</param>
    public static string Name(string name, bool hasSubscript)
    {
        ArgumentNullException.ThrowIfNull(name);
        var digitsStart = name.Length;
        while (digitsStart > 1 && char.IsAsciiDigit(name[digitsStart - 1]))
        {
            digitsStart--;
        }

        var stem = name[..digitsStart];
        var digits = name[digitsStart..];
        var core = stem switch
        {
            _ when Greek.Contains(stem) => "\\" + stem,
            _ when stem.Length > 3 && stem.EndsWith("hat", StringComparison.Ordinal) => @"\hat{" + Name(stem[..^3], false) + "}",
            _ when stem.Length == 2 && stem[1] == 't' && char.IsLetter(stem[0]) => @"\tilde{" + stem[0] + "}",
            _ when stem.Length == 1 => stem,
            _ => @"\mathit{" + stem + "}",
        };
        if (digits.Length == 0)
        {
            return core;
        }

        return hasSubscript ? core + "^{(" + digits + ")}" : core + "_{" + digits + "}";
    }

    private static int Precedence(SyntaxNode node) => node switch
    {
        BinarySyntax { Operator: '+' or '-' } => 1,
        UnarySyntax => 2,
        DerivativeSyntax or IndexSumSyntax or IndexProductSyntax => 2,
        BinarySyntax { Operator: '*' } => 3,
        BinarySyntax { Operator: '/' } => 5,
        BinarySyntax { Operator: '^' } => 4,
        _ => 5,
    };

    private static void Write(SyntaxNode node, StringBuilder b)
    {
        switch (node)
        {
            case NumberSyntax n:
                b.Append(n.Text);
                break;
            case NameSyntax name:
                b.Append(Name(name.Name, name.Subscripts.Length > 0));
                if (name.Subscripts.Length > 0)
                {
                    b.Append("_{").Append(string.Join(",", name.Subscripts.Select(s => s.ToString()))).Append('}');
                }

                break;
            case CallSyntax call:
                WriteCall(call, b);
                break;
            case UnarySyntax unary:
                b.Append(unary.Operator);
                WrapIf(unary.Operand, Precedence(unary.Operand) <= 2, b);
                break;
            case BinarySyntax { Operator: '/' } div:
                b.Append(@"\frac{");
                Write(div.Left, b);
                b.Append("}{");
                Write(div.Right, b);
                b.Append('}');
                break;
            case BinarySyntax { Operator: '^' } pow:
                b.Append('{');
                WrapIf(pow.Left, Precedence(pow.Left) < 5 || pow.Left is BinarySyntax { Operator: '/' }, b);
                b.Append("}^{");
                Write(pow.Right, b);
                b.Append('}');
                break;
            case BinarySyntax { Operator: '*' } mul:
                WrapIf(mul.Left, Precedence(mul.Left) < 3, b);
                b.Append(@" \cdot ");
                WrapIf(mul.Right, Precedence(mul.Right) < 3, b);
                break;
            case BinarySyntax bin:
                WrapIf(bin.Left, Precedence(bin.Left) == 2 && bin.Left is not UnarySyntax, b);
                b.Append(' ').Append(bin.Operator).Append(' ');
                WrapIf(bin.Right, Precedence(bin.Right) <= (bin.Operator == '-' ? 1 : 0) || bin.Right is UnarySyntax, b);
                break;
            case IndexSumSyntax sum:
                b.Append(@"\sum_{").Append(sum.Index).Append("} ");
                WrapIf(sum.Body, Precedence(sum.Body) <= 1, b);
                break;
            case IndexProductSyntax prod:
                b.Append(@"\prod_{").Append(prod.Index).Append("} ");
                WrapIf(prod.Body, Precedence(prod.Body) <= 1, b);
                break;
            case DeltaSyntax delta:
                b.Append(@"\delta_{").Append(delta.Left).Append(delta.Right.ToString().Length > 1 || delta.Left.ToString().Length > 1 ? "," : "")
                    .Append(delta.Right).Append('}');
                break;
            case DerivativeSyntax derivative:
                WriteDerivative(derivative, b);
                break;
            case TransposeSyntax transpose:
                b.Append('{');
                WrapIf(transpose.Operand, Precedence(transpose.Operand) < 5 || transpose.Operand is BinarySyntax { Operator: '/' }, b);
                b.Append(@"}^{\top}");
                break;
            case EntrywiseSyntax { Operator: '^' } power:
                b.Append('{');
                WrapIf(power.Left, Precedence(power.Left) < 5 || power.Left is BinarySyntax { Operator: '/' }, b);
                b.Append(@"}^{\circ ");
                Write(power.Right, b);
                b.Append('}');
                break;
            case EntrywiseSyntax entrywise:
                WrapIf(entrywise.Left, Precedence(entrywise.Left) < 3, b);
                b.Append(entrywise.Operator == '*' ? @" \odot " : @" \oslash ");
                WrapIf(entrywise.Right, Precedence(entrywise.Right) < 3, b);
                break;
            case MatrixCallSyntax call:
                WriteMatrixCall(call, b);
                break;
            default:
                b.Append(@"\texttt{").Append(Escape(node.ToString())).Append('}');
                break;
        }
    }

    private static void WriteDerivative(DerivativeSyntax d, StringBuilder b)
    {
        string Var(NameSyntax v) => Print(v);
        if (d.Variables.Length == 1)
        {
            b.Append(@"\frac{\partial}{\partial ").Append(Var(d.Variables[0])).Append("} ");
        }
        else if (d.Variables[0].Equals(d.Variables[1] with { Line = d.Variables[0].Line, Column = d.Variables[0].Column }))
        {
            b.Append(@"\frac{\partial^{2}}{\partial {").Append(Var(d.Variables[0])).Append("}^{2}} ");
        }
        else
        {
            b.Append(@"\frac{\partial^{2}}{\partial ").Append(Var(d.Variables[0])).Append(@" \, \partial ").Append(Var(d.Variables[1])).Append("} ");
        }

        WrapIf(d.Body, Precedence(d.Body) <= 3, b);
    }

    private static void WriteCall(CallSyntax call, StringBuilder b)
    {
        switch (call.Function)
        {
            case "sqrt":
                b.Append(@"\sqrt{");
                Write(call.Argument, b);
                b.Append('}');
                return;
            case "abs":
                b.Append(@"\left|");
                Write(call.Argument, b);
                b.Append(@"\right|");
                return;
        }

        var name = call.Function switch
        {
            "sigmoid" => @"\sigma",
            "exp" => @"\exp",
            "ln" => @"\ln",
            "tanh" => @"\tanh",
            _ => @"\operatorname{" + call.Function + "}",
        };
        b.Append(name).Append(@"\left(");
        Write(call.Argument, b);
        b.Append(@"\right)");
    }

    private static void WriteMatrixCall(MatrixCallSyntax call, StringBuilder b)
    {
        var arguments = call.Arguments;
        switch (call.Function)
        {
            case "norm":
                b.Append(@"\left\|");
                Write(arguments[0], b);
                b.Append(@"\right\|");
                return;
            case "dot":
                b.Append(@"\left\langle ");
                Write(arguments[0], b);
                b.Append(", ");
                Write(arguments[1], b);
                b.Append(@"\right\rangle");
                return;
            case "ones" or "zeros" or "eye":
                b.Append(call.Function switch { "ones" => @"\mathbf{1}", "zeros" => @"\mathbf{0}", _ => "I" }).Append("_{");
                b.Append(string.Join(@" \times ", arguments.Select(Print))).Append('}');
                return;
        }

        b.Append(call.Function switch
        {
            "sum" => @"\operatorname{sum}",
            "trace" => @"\operatorname{tr}",
            _ => @"\operatorname{" + call.Function + "}",
        });
        b.Append(@"\left(");
        Write(arguments[0], b);
        b.Append(@"\right)");
    }

    private static void WrapIf(SyntaxNode node, bool wrap, StringBuilder b)
    {
        if (wrap)
        {
            b.Append(@"\left(");
            Write(node, b);
            b.Append(@"\right)");
        }
        else
        {
            Write(node, b);
        }
    }

    private static string Escape(string text)
    {
        var b = new StringBuilder();
        foreach (var c in text)
        {
            b.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' or '}' or '_' or '^' or '#' or '$' or '%' or '&' => "\\" + c.ToString(CultureInfo.InvariantCulture),
                _ => c.ToString(CultureInfo.InvariantCulture),
            });
        }

        return b.ToString();
    }
}
