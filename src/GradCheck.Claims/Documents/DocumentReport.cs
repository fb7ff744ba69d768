using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Reporting;

namespace GradCheck.Claims.Documents;

/// <summary>
/// The outputs of a document check (documents-format.md, "Output"): the per-equation text report, the JSON report (the
/// claims report with one claim per equation, plus <c>status</c>), and the annotated copy with a one-line verdict under
/// each equation.
/// </summary>
public static class DocumentReport
{
    /// <summary>The verdict of one equation in one line: <c>✔ proved for every K ≥ 2</c>,
    /// <c>✘ refuted at step 2: at z = 0.3, left = 0.57, right = 0.43</c>, <c>· not checked: …</c>.</summary>
    /// <param name="equation">The equation's result.</param>
    public static string VerdictLine(EquationResult equation)
    {
        ArgumentNullException.ThrowIfNull(equation);
        var claim = equation.Claim;
        return equation.Status switch
        {
            EquationStatus.Proved => "✔ proved",
            EquationStatus.ProvedForEverySize => "✔ proved for every " + claim!.EverySizeRange,
            EquationStatus.HoldsNumerically => "✔ holds numerically",
            EquationStatus.Refuted => "✘ " + Refutation(claim!),
            EquationStatus.Definition => "≔ definition of " + equation.Defines,
            _ => "· not checked: " + equation.Reason,
        };
    }

    /// <summary>For a refuted equation whose first refuted step has a correction (proved equal to the step's left side),
    /// that correction in the claims syntax with the difference in words; otherwise null.</summary>
    /// <param name="equation">The equation's result.</param>
    public static Corrections.Correction? Correction(EquationResult equation)
    {
        ArgumentNullException.ThrowIfNull(equation);
        return equation.Status == EquationStatus.Refuted
            ? equation.Claim?.Steps.FirstOrDefault(s => s.Verdict == Verdict.Refuted)?.Correction
            : null;
    }

    private static string Refutation(ClaimResult claim)
    {
        var step = claim.Steps.First(s => s.Verdict == Verdict.Refuted);
        var b = new StringBuilder(claim.Steps.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"refuted at step {step.Index}")
            : "refuted");
        if (claim.Expected is not null)
        {
            b.Append(claim.IsAcceptable ? " (as expected)" : " (not as expected)");
        }

        var instance = Format.Instance(step.Instance);
        if (step.Counterexample is { } c)
        {
            b.Append(": at ");
            if (instance.Length > 0)
            {
                b.Append(instance).Append(", ");
            }

            b.Append(c.Values.Count == 0 ? "any point" : Format.Values(c.Values));
            b.Append(", left = ").Append(Format.SideValue(c, "left")).Append(", right = ").Append(Format.SideValue(c, "right"));
            if (c.Reason is not null)
            {
                b.Append(" (").Append(c.Reason).Append(')');
            }
        }
        else if (instance.Length > 0)
        {
            b.Append(": at ").Append(instance);
        }

        return b.ToString();
    }

    /// <summary>The text report: every equation with its line, label and verdict, then a summary.</summary>
    /// <param name="document">The document's result.</param>
    public static string WriteText(DocumentResult document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var b = new StringBuilder();
        b.Append(document.File).Append('\n');
        foreach (var error in document.AnnotationErrors)
        {
            b.Append(CultureInfo.InvariantCulture, $"  {document.File}:{error.Line}:{error.Column}: annotation ignored: {error.Message}\n");
        }

        foreach (var e in document.Equations)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"line {e.Line}") + (e.Label is null ? "" : " (" + e.Label + ")");
            b.Append("  ").Append(where.PadRight(16)).Append(' ').Append(VerdictLine(e)).Append('\n');
            if (e.Status != EquationStatus.Definition)
            {
                b.Append("      ").Append(Shorten(e.Latex, 110)).Append('\n');
            }

            if (Correction(e) is { } correction)
            {
                b.Append("      should read: ").Append(correction.Text).Append('\n');
                if (correction.Explanation is { } why)
                {
                    b.Append("      (").Append(why).Append(")\n");
                }
            }
        }

        b.Append(Summary(document)).Append('\n');
        return b.ToString();
    }

    /// <summary>The summary line: counts of each status.</summary>
    /// <param name="document">The document's result.</param>
    public static string Summary(DocumentResult document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var proved = document.Count(EquationStatus.Proved) + document.Count(EquationStatus.ProvedForEverySize);
        return string.Create(CultureInfo.InvariantCulture,
            $"{document.Equations.Count} equations: {proved} proved ({document.Count(EquationStatus.ProvedForEverySize)} for every size), "
            + $"{document.Count(EquationStatus.HoldsNumerically)} hold numerically, {document.Count(EquationStatus.Refuted)} refuted, "
            + $"{document.Count(EquationStatus.Definition)} definitions, {document.Count(EquationStatus.NotChecked)} not checked");
    }

    private static string Shorten(string latex, int width)
    {
        var flat = string.Join(' ', latex.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        // binary junk must not reach the terminal as control characters
        flat = new string([.. flat.Select(c => char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' ? '?' : c)]);
        return flat.Length <= width ? flat : flat[..(width - 1)] + "…";
    }

    /// <summary>The status word the JSON report gives an equation.</summary>
    /// <param name="status">The status.</param>
    public static string StatusText(EquationStatus status) => status switch
    {
        EquationStatus.Proved => "proved",
        EquationStatus.ProvedForEverySize => "proved for every size",
        EquationStatus.HoldsNumerically => "holds numerically",
        EquationStatus.Refuted => "refuted",
        EquationStatus.Definition => "definition",
        _ => "not checked",
    };

    /// <summary>The claims JSON report's claim objects for a document: one per equation (<c>name</c> the label or the
    /// line, <c>line</c> the equation's first line), each with <c>status</c>; definitions have <c>"verdict": null</c>, equations
    /// not checked <c>"verdict": "error"</c> with the reason in <c>error</c>.</summary>
    /// <param name="document">The document's result.</param>
    public static IReadOnlyList<JsonObject> JsonClaims(DocumentResult document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var withClaims = document.Equations.Where(e => e.Claim is not null && e.Status != EquationStatus.NotChecked).Select(e => e.Claim!).ToList();
        var written = JsonNode.Parse(JsonReport.Write(withClaims))!["claims"]!.AsArray();
        var claims = new List<JsonObject>();
        var next = 0;
        foreach (var e in document.Equations)
        {
            JsonObject claim;
            if (e.Claim is not null && e.Status != EquationStatus.NotChecked)
            {
                claim = written[next++]!.AsObject();
                written[next - 1] = null;
                claim = (JsonObject)claim.DeepClone();
            }
            else
            {
                claim = new JsonObject
                {
                    ["verdict"] = e.Status == EquationStatus.Definition ? null : "error",
                    ["expected"] = null,
                    ["expectedStep"] = null,
                    ["expectationMet"] = null,
                    ["firstRefutedStep"] = null,
                    ["source"] = null,
                    ["steps"] = new JsonArray(),
                    ["error"] = e.Status == EquationStatus.NotChecked
                        ? new JsonObject { ["line"] = e.Line, ["column"] = e.Column, ["message"] = e.Reason }
                        : null,
                };
            }

            claim["name"] = e.Name;
            claim["file"] = document.File;
            claim["line"] = e.Line;
            claim["status"] = StatusText(e.Status);
            claim["label"] = e.Label;
            claim["latex"] = e.Latex;
            if (e.Defines is not null)
            {
                claim["defines"] = e.Defines;
            }

            claims.Add(claim);
        }

        return claims;
    }

    /// <summary>The annotated copy: the document unchanged, with a one-line verdict (a Markdown quote) under each
    /// equation's display, so it renders on GitHub as the original did.</summary>
    /// <param name="document">The document's result.</param>
    public static string WriteAnnotated(DocumentResult document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var b = new StringBuilder(text.Length + document.Equations.Count * 80);
        var position = 0;
        foreach (var display in document.Equations.GroupBy(e => e.Display).OrderBy(g => g.Key))
        {
            var rows = display.ToList();
            var end = rows[0].DisplayEnd;
            // after the line holding the display's closing delimiter
            var newline = end >= text.Length ? -1 : text.IndexOf('\n', end);
            var insertAt = newline < 0 ? text.Length : newline + 1;
            if (insertAt < position)
            {
                continue;
            }

            b.Append(text, position, insertAt - position);
            if (newline < 0)
            {
                b.Append('\n');
            }

            b.Append('\n');
            foreach (var row in rows)
            {
                var prefix = rows.Count > 1 ? (row.Label is null ? string.Create(CultureInfo.InvariantCulture, $"line {row.Line}") : "(" + row.Label + ")") + ": " : "";
                b.Append("> ").Append(Escape(prefix + VerdictLine(row)));
                if (Correction(row) is { } correction)
                {
                    // Inline math renders the correction as the student wrote the step; the words stay escaped text.
                    b.Append(" — should read: $").Append(SyntaxLatex.FromText(correction.Text)).Append('$');
                    if (correction.Explanation is { } why)
                    {
                        b.Append(" (").Append(EscapeOutsideCode(why)).Append(')');
                    }
                }

                b.Append(rows.Count > 1 ? "<br>\n" : "\n");
            }

            // a quote swallows the next line unless a blank line ends it
            var nextIsBlank = insertAt >= text.Length || text[insertAt] == '\n' || (text[insertAt] == '\r' && insertAt + 1 < text.Length && text[insertAt + 1] == '\n');
            if (!nextIsBlank)
            {
                b.Append('\n');
            }

            position = insertAt;
        }

        b.Append(text, position, text.Length - position);
        return b.ToString();
    }

    /// <summary>Like <see cref="Escape"/>, but keeps the code spans of a correction's explanation (<c>`x` should be `2*x`</c>):
    /// their text is literal in Markdown already.</summary>
    private static string EscapeOutsideCode(string line)
    {
        var parts = line.Split('`');
        if (parts.Length % 2 == 0)
        {
            return Escape(line); // an unpaired backtick: no code spans to keep
        }

        return string.Join('`', parts.Select((part, i) => i % 2 == 0 ? Escape(part) : part));
    }

    /// <summary>Escapes what Markdown (and GitHub's math) would read in a verdict line: the reasons quote LaTeX.</summary>
    private static string Escape(string line)
    {
        var b = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '$' or '|' or '~' or '#' or '{' or '}')
            {
                b.Append('\\');
            }

            b.Append(c);
        }

        return b.ToString();
    }
}

/// <summary>The homework pages <c>gradcheck docs</c> writes: each seed document's annotated copy and a table of what was found.</summary>
public static class HomeworkPages
{
    /// <summary>The annotated copy's file name: <c>seed-000.md</c> becomes <c>seed-000.checked.md</c>.</summary>
    /// <param name="fileName">The document's file name.</param>
    public static string CheckedName(string fileName) => Path.GetFileNameWithoutExtension(fileName) + ".checked.md";

    /// <summary>The README table: per document, display equations found, definitions, checked, proved, refuted, not
    /// checked (the reasons grouped), and the share of derivations and identities checked.</summary>
    /// <param name="documents">The documents' results, in order.</param>
    public static string WriteReadme(IReadOnlyList<DocumentResult> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var b = new StringBuilder();
        b.Append("# The seeds as documents\n\n");
        b.Append("Each `seed-NNN.md` is a seed homework exactly as handed in, with `<!-- gradcheck: … -->` annotations added (nothing else\n");
        b.Append("changed); `seed-NNN.checked.md` is what `gradcheck check seed-NNN.md --annotate seed-NNN.checked.md` writes: the same\n");
        b.Append("document with a verdict under each equation. Generated by `gradcheck docs`; a test keeps it current.\n\n");
        b.Append("| document | equations | definitions | no identity | derivations and identities | checked | proved | refuted | not checked | skipped |\n");
        b.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var d in documents)
        {
            var name = Path.GetFileName(d.File);
            var derivations = d.Equations.Where(e => e.IsDerivationOrIdentity).ToList();
            var checkedCount = derivations.Count(e => e.Status is EquationStatus.Proved or EquationStatus.ProvedForEverySize or EquationStatus.HoldsNumerically or EquationStatus.Refuted);
            var skipped = d.Equations.Count(e => e.Reason?.StartsWith("skipped", StringComparison.Ordinal) == true);
            var noIdentity = d.Equations.Count(e => !e.IsDerivationOrIdentity && e.Status != EquationStatus.Definition
                && e.Reason?.StartsWith("skipped", StringComparison.Ordinal) != true);
            b.Append(CultureInfo.InvariantCulture,
                $"| [{name}]({CheckedName(name)}) | {d.Equations.Count} | {d.Count(EquationStatus.Definition)} | {noIdentity} | {derivations.Count} | {checkedCount} ({Percent(checkedCount, derivations.Count)}) | "
                + $"{d.Count(EquationStatus.Proved) + d.Count(EquationStatus.ProvedForEverySize)} | {d.Count(EquationStatus.Refuted)} | {d.Count(EquationStatus.NotChecked) - skipped} | {skipped} |\n");
        }

        var all = documents.SelectMany(d => d.Equations).Where(e => e.IsDerivationOrIdentity).ToList();
        var allChecked = all.Count(e => e.Status is EquationStatus.Proved or EquationStatus.ProvedForEverySize or EquationStatus.HoldsNumerically or EquationStatus.Refuted);
        b.Append(CultureInfo.InvariantCulture, $"\nOver the five seeds, {allChecked} of the {all.Count} display equations that hold a derivative or an identity are checked ({Percent(allChecked, all.Count)}).\n");
        b.Append("\"Derivations and identities\" are the equations with an `=` outside brackets that are not pure definitions, not updates "
            + "(`\\theta_j = \\theta_j - \\alpha \\frac{\\partial J}{\\partial \\theta_j}`: an assignment θ ← θ − α·g, which no reader takes for "
            + "an identity) and not skipped by an annotation; an `=` after another relation counts (`L : \\mathbb{R}^N \\rightarrow \\mathbb{R}, "
            + "\\nabla L = …` holds an identity, not checked). \"No identity\" counts the rest: a display with only a tag (`$$(13)$$`), an "
            + "expression without `=`, an inequality (`\\geq`, `\\leq`, also chained by `\\Leftrightarrow`) or an arrow without `=`, and updates. "
            + "Each row of the table adds up: equations = definitions + no identity + derivations and identities + skipped.\n\n");
        b.Append("## Refuted\n\n");
        foreach (var d in documents)
        {
            foreach (var e in d.Equations.Where(e => e.Status == EquationStatus.Refuted))
            {
                b.Append(CultureInfo.InvariantCulture, $"- {Path.GetFileName(d.File)}, line {e.Line}{(e.Label is null ? "" : " (" + e.Label + ")")}: {Escape(DocumentReport.VerdictLine(e))}\n");
            }
        }

        b.Append("\n## Why equations are not checked (grouped)\n\n| reason | count |\n|---|---:|\n");
        var reasons = documents.SelectMany(d => d.Equations).Where(e => e.Status == EquationStatus.NotChecked)
            .GroupBy(e => Group(e.Reason ?? "")).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in reasons)
        {
            b.Append(CultureInfo.InvariantCulture, $"| {Escape(group.Key)} | {group.Count()} |\n");
        }

        return b.ToString();
    }

    private static string Percent(int part, int whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A reason without its position and particulars, so alike reasons group.</summary>
    private static string Group(string reason)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(reason, @"^\d+:\d+: ", "");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"line \d+", "line N");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\(\d+:\d+: .*\)$", "(…)");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"^'[^']*' (is not read|without)", "'…' $1");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"^\S+\(…\) is not defined", "f(…) is not defined");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"^\S+ is not defined \(a derivative", "X is not defined (a derivative");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"differentiated by \S+ does not depend on \S+", "differentiated by x does not depend on x");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"tag \([^)]*\)", "tag");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"^skipped.*", "skipped by an annotation");
        return text.Length > 140 ? text[..139] + "…" : text;
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
