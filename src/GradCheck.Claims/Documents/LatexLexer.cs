using System.Text;

namespace GradCheck.Claims.Documents;

/// <summary>The kinds of LaTeX math tokens the reader distinguishes.</summary>
internal enum LatexTokenKind
{
    /// <summary>A control word or symbol without its backslash: <c>frac</c>, <c>partial</c>, <c>,</c>, <c>|</c>, <c>\\</c>.</summary>
    Command,

    /// <summary>One letter (a run of letters is a product of one-letter symbols unless it names something).</summary>
    Letter,

    /// <summary>A number: digits with at most one decimal point.</summary>
    Number,

    /// <summary>Any other single character: <c>+ - = ( ) [ ] { } ^ _ &amp; | , . ' * / &lt; &gt;</c>.</summary>
    Symbol,

    /// <summary>The end of the text.</summary>
    End,
}

/// <summary>A LaTeX token and its offset in the document (positions are mapped back through <see cref="DocumentText"/>).</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Text">The command name, letter, number or symbol.</param>
/// <param name="Offset">The offset of the token's first character in the document.</param>
/// <param name="SpaceBefore">True when white space (or a spacing command) separates it from the previous token.</param>
internal sealed record LatexToken(LatexTokenKind Kind, string Text, int Offset, bool SpaceBefore)
{
    /// <summary>True for the symbol <paramref name="c"/>.</summary>
    public bool Is(char c) => Kind == LatexTokenKind.Symbol && Text.Length == 1 && Text[0] == c;

    /// <summary>True for the command <c>\name</c>.</summary>
    public bool IsCommand(string name) => Kind == LatexTokenKind.Command && Text == name;

    /// <summary>The token as the student wrote it.</summary>
    public string Source => Kind == LatexTokenKind.Command ? "\\" + Text : Text;
}

/// <summary>
/// Splits LaTeX math into tokens. Layout commands (<c>\,</c>, <c>\;</c>, <c>\!</c>, <c>\quad</c>, <c>\displaystyle</c>,
/// <c>\left</c>/<c>\right</c> sizing, <c>\big</c> …) are dropped here because they never change what a formula means;
/// <c>&amp;</c> is dropped by the scanner, which needs it to align chains.
/// </summary>
internal static class LatexLexer
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        ",", ";", "!", ":", " ", "quad", "qquad", "displaystyle", "textstyle", "scriptstyle", "left", "right",
        "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr", "middle",
        "nonumber", "notag", "limits", "nolimits", "enspace", "thinspace", "medspace", "thickspace", "negthinspace",
    };

    /// <summary>Tokens of <paramref name="text"/> between <paramref name="start"/> and <paramref name="end"/> (offsets in the document).</summary>
    /// <param name="text">The whole document.</param>
    /// <param name="start">The first offset to read.</param>
    /// <param name="end">One past the last offset.</param>
    public static List<LatexToken> Tokenize(string text, int start, int end)
    {
        var tokens = new List<LatexToken>();
        var space = false;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '&')
            {
                space = true;
                i++;
                continue;
            }

            if (c == '%')
            {
                // A LaTeX comment runs to the end of the line.
                while (i < end && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '\\')
            {
                var at = i;
                i++;
                string name;
                if (i < end && char.IsAsciiLetter(text[i]))
                {
                    var b = new StringBuilder();
                    while (i < end && char.IsAsciiLetter(text[i]))
                    {
                        b.Append(text[i++]);
                    }

                    // \operatorname* and \align*-like stars belong to the name.
                    if (i < end && text[i] == '*' && b.ToString() is "operatorname" or "tag")
                    {
                        i++;
                    }

                    name = b.ToString();
                }
                else if (i < end)
                {
                    name = text[i++].ToString();
                }
                else
                {
                    name = "";
                }

                if (Ignored.Contains(name))
                {
                    space = true;
                    continue;
                }

                tokens.Add(new LatexToken(LatexTokenKind.Command, name, at, space));
                space = false;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < end && char.IsAsciiDigit(text[i + 1])))
            {
                var at = i;
                var dot = false;
                while (i < end && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && !dot && i + 1 < end && char.IsAsciiDigit(text[i + 1]))))
                {
                    dot |= text[i] == '.';
                    i++;
                }

                tokens.Add(new LatexToken(LatexTokenKind.Number, text[at..i], at, space));
                space = false;
                continue;
            }

            if (char.IsLetter(c))
            {
                tokens.Add(new LatexToken(LatexTokenKind.Letter, c.ToString(), i, space));
                space = false;
                i++;
                continue;
            }

            if (char.IsSurrogate(c) && i + 1 < end)
            {
                tokens.Add(new LatexToken(LatexTokenKind.Symbol, text.Substring(i, 2), i, space));
                i += 2;
                space = false;
                continue;
            }

            tokens.Add(new LatexToken(LatexTokenKind.Symbol, c.ToString(), i, space));
            space = false;
            i++;
        }

        tokens.Add(new LatexToken(LatexTokenKind.End, "", end, space));
        return tokens;
    }
}
