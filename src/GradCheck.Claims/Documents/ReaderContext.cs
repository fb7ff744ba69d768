// What the LaTeX reader is given and gives back: function definitions, the document context, what a read found.
using System.Collections.Immutable;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

/// <summary>A function a document defines by <c>f(x) = …</c> (or an annotation by <c>let f(x, y) = …</c>): its parameters
/// and body, substituted at each call.</summary>
/// <param name="Parameters">The parameters as written (<c>x</c>, <c>x_i</c>), one or more.</param>
/// <param name="Body">The body.</param>
internal sealed record FunctionDefinition(ImmutableArray<NameSyntax> Parameters, SyntaxNode Body)
{
    /// <summary>A function of one parameter.</summary>
    public FunctionDefinition(NameSyntax parameter, SyntaxNode body)
        : this([parameter], body)
    {
    }
}

/// <summary>What the reader knows of the document around an equation: names defined or declared before it,
/// functions, superscripts declared as labels. Supplied by the document checker.</summary>
internal sealed class ReaderContext
{
    /// <summary>Names defined by <c>let</c> (document definitions and annotations) or declared as vectors and matrices.</summary>
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Functions defined by <c>f(x) = …</c>.</summary>
    public Dictionary<string, FunctionDefinition> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>Superscripts that are parts of names (<c>label l, L</c>), in their mangled form (<c>l</c>, <c>lp1</c>).</summary>
    public HashSet<string> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>A counter for fresh bound indices (<c>@k1</c>, <c>@k2</c>, …), shared by every reader of one document.</summary>
    public int Fresh { get; set; }

    /// <summary>The index letter of a pattern column's entry in the equation being read (a letter the equation does not
    /// write, the same for all its sides), or null when no letter is free.</summary>
    public string? PatternIndex { get; set; }
}

/// <summary>What reading one side found besides its syntax: the index variables it uses (with the size bounding each,
/// when a <c>\sum</c> says) and the sizes it names.</summary>
internal sealed class ReadInfo
{
    /// <summary>A node's children. Unlike <see cref="GradCheck.Symbolic.Corrections.SyntaxTree.Children"/>, a constant matrix
    /// call's arguments (its sizes) count too: their names are symbols of the side.</summary>
    public static IReadOnlyList<SyntaxNode> ChildrenOf(SyntaxNode node) =>
        node is MatrixCallSyntax matrix ? matrix.Arguments : GradCheck.Symbolic.Corrections.SyntaxTree.Children(node);

    /// <summary>The node and every node below it, depth first (children as <see cref="ChildrenOf"/> gives them).</summary>
    public static IEnumerable<SyntaxNode> Walk(SyntaxNode node)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            var children = ChildrenOf(current);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
    }

    /// <summary>Index variable → the size that bounds it (null when nothing says).</summary>
    public Dictionary<string, string?> Indices { get; } = new(StringComparer.Ordinal);

    /// <summary>Names the side uses as symbols (without subscripts).</summary>
    public HashSet<string> Symbols { get; } = new(StringComparer.Ordinal);

    /// <summary>Index variable → the first name it is a subscript of (its range is that vector's size when declared).</summary>
    public Dictionary<string, string> Owners { get; } = new(StringComparer.Ordinal);

    /// <summary>Fresh bound indices (<c>@k1</c>) and the index whose range each shares.</summary>
    public Dictionary<string, string> Partners { get; } = new(StringComparer.Ordinal);

    /// <summary>The index of the entry a pattern column (<c>\begin{bmatrix} E_1 \\ \vdots \\ E_n \end{bmatrix}</c>) was read as, or null.</summary>
    public string? PatternIndex { get; set; }

    /// <summary>Adds an index, keeping a known bound.</summary>
    public void AddIndex(string name, string? size)
    {
        if (!Indices.TryGetValue(name, out var known) || known is null)
        {
            Indices[name] = size;
        }
    }

    /// <summary>Merges another side's findings.</summary>
    public void Add(ReadInfo other)
    {
        foreach (var (name, size) in other.Indices)
        {
            AddIndex(name, size);
        }

        Symbols.UnionWith(other.Symbols);
        PatternIndex ??= other.PatternIndex;
        foreach (var (index, owner) in other.Owners)
        {
            Owners.TryAdd(index, owner);
        }

        foreach (var (fresh, partner) in other.Partners)
        {
            Partners[fresh] = partner;
        }
    }
}
