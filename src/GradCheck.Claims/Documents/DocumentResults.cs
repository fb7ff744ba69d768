using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;

namespace GradCheck.Claims.Documents;

/// <summary>What GradCheck found for one equation of a document (documents-format.md, "Output").</summary>
public enum EquationStatus
{
    /// <summary>Every step of the equation is proved symbolically.</summary>
    Proved,

    /// <summary>Proved, and proved for every size by the index calculus.</summary>
    ProvedForEverySize,

    /// <summary>Every step holds at least numerically.</summary>
    HoldsNumerically,

    /// <summary>A step of the equation is refuted (with a counterexample).</summary>
    Refuted,

    /// <summary>The equation defines a name (<c>a = \sigma(z)</c>) or a function (<c>f(x) = …</c>) for the rest of its section.</summary>
    Definition,

    /// <summary>The equation could not be read or checked; <see cref="EquationResult.Reason"/> says why and where.</summary>
    NotChecked,
}

/// <summary>The outcome of one equation (a display, or one row of an aligned block).</summary>
/// <param name="Line">The equation's first line in the document.</param>
/// <param name="Column">The column of its first character.</param>
/// <param name="Label">Its tag (<c>12</c> from <c>\tag{12}</c> or <c>\quad (12)</c>), or null.</param>
/// <param name="Latex">The LaTeX as written.</param>
/// <param name="Status">What was found.</param>
/// <param name="Reason">For <see cref="EquationStatus.NotChecked"/>: why, with the position of what could not be read.</param>
/// <param name="Claim">The equation's steps as a claim result (one step per <c>=</c> it holds or continues), or null
/// when no step of it was checked.</param>
public sealed record EquationResult(int Line, int Column, string? Label, string Latex, EquationStatus Status, string? Reason, ClaimResult? Claim)
{
    /// <summary>For a definition, the name it defines.</summary>
    public string? Defines { get; init; }

    /// <summary>True when the equation holds a derivative or an identity (an <c>=</c> between two read sides, or a
    /// side that could not be read): the equations the documents goal counts.</summary>
    public bool IsDerivationOrIdentity { get; init; }

    /// <summary>The offset just after the display holding this equation (where the annotated copy writes its verdict).</summary>
    internal int DisplayEnd { get; init; }

    /// <summary>The display's index in the document (rows of one aligned block share it).</summary>
    internal int Display { get; init; }

    /// <summary>The name reports and the JSON use: the label, or the line.</summary>
    public string Name => Label is null ? Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(" + Label + ")";

    /// <summary>The first refuted step within the equation, or null.</summary>
    public int? RefutedStep => Claim?.FirstRefutedStep;
}

/// <summary>The outcome of checking a document.</summary>
/// <param name="File">The document's name as given.</param>
/// <param name="Text">Its text.</param>
/// <param name="Equations">Every equation in order.</param>
/// <param name="AnnotationErrors">Annotations that could not be read (each ignored, with its position).</param>
public sealed record DocumentResult(string File, string Text, IReadOnlyList<EquationResult> Equations, IReadOnlyList<SourceError> AnnotationErrors)
{
    /// <summary>The number of equations with a given status.</summary>
    public int Count(EquationStatus status) => Equations.Count(e => e.Status == status);

    /// <summary>Equations checked: proved, holding numerically or refuted.</summary>
    public int Checked => Equations.Count(e => e.Status is EquationStatus.Proved or EquationStatus.ProvedForEverySize
        or EquationStatus.HoldsNumerically or EquationStatus.Refuted);

    /// <summary>True when every checked equation is acceptable (meets its <c>expect</c>, or holds), and, with
    /// <paramref name="strict"/>, no equation is left unchecked.</summary>
    public bool IsAcceptable(bool strict) =>
        Equations.All(e => e.Status switch
        {
            EquationStatus.Refuted => e.Claim?.IsAcceptable ?? false,
            EquationStatus.NotChecked => !strict,
            _ => e.Claim?.IsAcceptable ?? true,
        });
}
