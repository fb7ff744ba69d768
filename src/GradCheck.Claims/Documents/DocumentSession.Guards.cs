// DocumentSession: derivatives that would say nothing (of an undefined name, by a plain name whose entries are used).
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class DocumentSession
{
    /// <summary>Derivatives that would say nothing: of an undefined name (∂C/∂a is 0 for a C nobody defined), or by a
    /// plain name whose entries the expression uses (∂/∂z of Σ_i z_i is 0 unless z is a declared vector).</summary>
    private (SyntaxNode Node, string Reason)? Guard(SyntaxNode node, ReaderContext context)
    {
        (SyntaxNode, string)? found = null;
        Visit(node);
        return found;

        void Visit(SyntaxNode n)
        {
            if (found is not null)
            {
                return;
            }

            switch (n)
            {
                case DerivativeSyntax d:
                    if (d.Body is NameSyntax body && !context.Names.Contains(body.Name) && d.Variables.All(v => v.Name != body.Name))
                    {
                        found = (body, $"{Display(body)} is not defined (a derivative of it needs its definition: an equation {Display(body)} = … or an annotation `let`)");
                        return;
                    }

                    foreach (var v in d.Variables)
                    {
                        var declared = Active<DeclarationSyntax>().Any(x => x.Name == v.Name);
                        if (v.Subscripts.Length == 0 && !declared && Uses(d.Body, v.Name, true, context, 0))
                        {
                            found = (v, $"∂/∂{v.Name} of an expression in the entries {v.Name}_i: declare `vector {v.Name} in R^K` in an annotation, or differentiate by {v.Name}_j");
                            return;
                        }

                        // A derivative of something that does not depend on the variable is 0 and says nothing about the
                        // student's intent: a definition is missing (ỹ_k = …) or the variable is a vector not declared.
                        if (!declared && !Uses(d.Body, v.Name, v.Subscripts.Length > 0, context, 0)
                            && !(v.Subscripts.Length > 0 && Active<DeclarationSyntax>().Any(x => x.Name == v.Name)))
                        {
                            found = (v, $"the expression differentiated by {v} does not depend on {v} (it would be 0): a definition or a `vector` declaration is missing");
                            return;
                        }
                    }

                    Visit(d.Body);
                    break;
                case CallSyntax call:
                    Visit(call.Argument);
                    break;
                case UnarySyntax unary:
                    Visit(unary.Operand);
                    break;
                case BinarySyntax binary:
                    Visit(binary.Left);
                    Visit(binary.Right);
                    break;
                case EntrywiseSyntax e:
                    Visit(e.Left);
                    Visit(e.Right);
                    break;
                case TransposeSyntax t:
                    Visit(t.Operand);
                    break;
                case IndexSumSyntax sum:
                    Visit(sum.Body);
                    break;
                case IndexProductSyntax prod:
                    Visit(prod.Body);
                    break;
                case MatrixCallSyntax m:
                    foreach (var a in m.Arguments)
                    {
                        Visit(a);
                    }

                    break;
            }
        }
    }

    private static string Display(NameSyntax name) => name.ToString();

    /// <summary>True when <paramref name="node"/>, through the definitions it uses, mentions <paramref name="name"/>:
    /// with subscripts when <paramref name="entries"/>, else plain or through a declared vector's operations.</summary>
    private bool Uses(SyntaxNode node, string name, bool entries, ReaderContext context, int depth)
    {
        if (depth > 20)
        {
            return false;
        }

        var found = false;
        Walk(node);
        return found;

        void Walk(SyntaxNode n)
        {
            if (found)
            {
                return;
            }

            switch (n)
            {
                case NameSyntax s when s.Name == name && (s.Subscripts.Length > 0) == entries:
                    found = true;
                    return;
                case NameSyntax s when context.Names.Contains(s.Name):
                    foreach (var let in Active<LetItem>().Where(l => l.Let.Name == s.Name))
                    {
                        found |= let.Body is null ? let.Info.Symbols.Contains(name) : Uses(let.Body, name, entries, context, depth + 1);
                    }

                    return;
                case CallSyntax call:
                    Walk(call.Argument);
                    break;
                case UnarySyntax unary:
                    Walk(unary.Operand);
                    break;
                case BinarySyntax binary:
                    Walk(binary.Left);
                    Walk(binary.Right);
                    break;
                case EntrywiseSyntax e:
                    Walk(e.Left);
                    Walk(e.Right);
                    break;
                case TransposeSyntax t:
                    Walk(t.Operand);
                    break;
                case IndexSumSyntax sum:
                    Walk(sum.Body);
                    break;
                case IndexProductSyntax prod:
                    Walk(prod.Body);
                    break;
                case DerivativeSyntax d:
                    Walk(d.Body);
                    break;
                case MatrixCallSyntax m:
                    foreach (var a in m.Arguments)
                    {
                        Walk(a);
                    }

                    break;
            }
        }
    }

    /// <summary>An equation x_1 = E whose left side is a name with a number for its subscript that nothing defines, and
    /// whose right side does not use it (seed 004: a_1 = 3 ReLU(s_1) by cases): a definition cannot name x_1 (only x or
    /// x_i), and read as an identity its left side would be a free symbol, refuted whatever E. It is not checked, and the
    /// chain goes on from E. True when the row was taken.</summary>
    private bool NumberedName(Row row, Element head, string? headKey, List<(int Start, int End)> sides, int index, bool open, ReaderContext context)
    {
        if (head.Node is NameSyntax { Subscripts.Length: > 0 } numbered && head.Error is null && !context.Names.Contains(numbered.Name)
            && !context.Functions.ContainsKey(numbered.Name) && numbered.Subscripts.Any(s => s.Variable is null)
            && ReadSide(index, sides[1].Start, sides[1].End) is { Node: { } numberedBody } numberedElement && !Mentions(numberedBody, numbered.Name))
        {
            // a_1 = 3 ReLU(s_1) (seed 004) names what it defines by a number: a definition cannot (it names a or a_i), and
            // read as an identity its left side would be a free symbol, refuted whatever the right side.
            row.Status = EquationStatus.NotChecked;
            row.Reason = $"{numbered} = … defines {numbered}, a name with a number for its subscript, which a definition cannot name (only a plain name or a_i); it is not an identity";
            StartChain(headKey, true, numberedElement);
            foreach (var (s, e) in sides.Skip(2))
            {
                AddStep(ReadSide(index, s, e));
            }

            _chain!.Open = open;
            return true;
        }

        return false;
    }
}
