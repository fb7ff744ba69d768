using System.Globalization;

namespace GradCheck.Symbolic.Parsing;

/// <summary>
/// Splits expression text into tokens, tracking line and column. Accepts the Unicode spellings
/// people paste from papers: '−' (minus sign), '·' and '×' (times), '⊙' and '∘' (Hadamard product), '′' (prime). Anything else that is not part
/// of the syntax is an error at its position.
/// </summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text, int line, int column)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsSpace(text[i]))
            {
                Advance(text[i], ref line, ref column);
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, string.Empty, i, line, column));
                return tokens;
            }

            var c = text[i];
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i = ScanNumber(text, i, line, column);
            }
            else if (IsNameStart(c))
            {
                i++;
                while (i < text.Length && IsNamePart(text[i]))
                {
                    i++;
                }
            }
            else if (c == '.' && i + 1 < text.Length && text[i + 1] is '*' or '/' or '^')
            {
                // Entrywise operators of matrix notation: .* ./ .^
                var dotted = text[i + 1] switch { '*' => TokenKind.DotStar, '/' => TokenKind.DotSlash, _ => TokenKind.DotCaret };
                tokens.Add(new Token(dotted, text.Substring(i, 2), i, line, column));
                column += 2;
                i += 2;
                continue;
            }
            else
            {
                var kind = c switch
                {
                    '+' => TokenKind.Plus,
                    '-' or '\u2212' => TokenKind.Minus,
                    '*' or '\u00B7' or '\u00D7' => TokenKind.Star,
                    '/' => TokenKind.Slash,
                    '^' => TokenKind.Caret,
                    '(' => TokenKind.LeftParen,
                    ')' => TokenKind.RightParen,
                    '{' => TokenKind.LeftBrace,
                    '}' => TokenKind.RightBrace,
                    ',' => TokenKind.Comma,
                    '_' => TokenKind.Underscore,
                    '=' => TokenKind.Equals,
                    '\'' or '\u2032' => TokenKind.Prime,
                    '\u2299' or '\u2218' => TokenKind.DotStar,
                    _ => TokenKind.End,
                };
                if (kind == TokenKind.End)
                {
                    throw new SymbolicSyntaxException(line, column, "unexpected character " + Describe(text, i));
                }

                tokens.Add(new Token(kind, c.ToString(), i, line, column));
                column++;
                i++;
                continue;
            }

            var kindOfWord = char.IsAsciiDigit(c) || c == '.' ? TokenKind.Number : TokenKind.Identifier;
            tokens.Add(new Token(kindOfWord, text[start..i], start, line, column));
            column += i - start;
        }
    }

    /// <summary>Digits, an optional fraction, an optional exponent (<c>1.5e-3</c>).</summary>
    private static int ScanNumber(string text, int i, int line, int column)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            if (i + 1 >= text.Length || !char.IsAsciiDigit(text[i + 1]))
            {
                throw new SymbolicSyntaxException(line, column + (i - start), "a decimal point must be followed by digits");
            }

            i++;

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        // An exponent only when digits follow 'e' (optionally signed); otherwise '2e' is 2 then a name.
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v' or '\u00A0';

    // Letters of any script (σ, λ); '·' and '×' are operators.
    private static bool IsNameStart(char c) => char.IsLetter(c) && c != '\u00B7' && c != '\u00D7';

    // Names are letters then letters or digits, exactly what Expr.Sym accepts.
    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c);

    private static void Advance(char c, ref int line, ref int column)
    {
        if (c == '\n')
        {
            line++;
            column = 1;
        }
        else
        {
            column++;
        }
    }

    internal static string Describe(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            return string.Concat("'", text.AsSpan(i, 2), "'");
        }

        return char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : "'" + c + "'";
    }
}
