// LatexReader: runs of letters and styled words as names, defined names and function names; argument-list lookahead.
using System.Text;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    /// <summary>A run of letters: a defined name or function name when the whole run is one, else its first letter.</summary>
    private SyntaxNode Letters()
    {
        var start = _position;
        var end = start + 1;
        while (_tokens[end].Kind == LatexTokenKind.Letter && !_tokens[end].SpaceBefore)
        {
            end++;
        }

        // The longest run that names something wins (Wx is W·x, softmax is softmax, yhat is yhat).
        for (var stop = end; stop > start + 1; stop--)
        {
            var word = string.Concat(_tokens.Skip(start).Take(stop - start).Select(t => t.Text));
            if (_context.Names.Contains(word) || _context.Functions.ContainsKey(word) || ScalarFunctions.ContainsKey(word) || MatrixFunctions.Contains(word))
            {
                _position = stop;
                return Word(word, _tokens[start]);
            }
        }

        var t = _tokens[start];
        if (end - start > 1 && _tokens[end].Is('('))
        {
            var word = string.Concat(_tokens.Skip(start).Take(end - start).Select(x => x.Text));
            throw new LatexReadException(t.Offset, $"{word}(…) is not defined (a function this document does not define)");
        }

        _position = start + 1;
        return Word(t.Text, t);
    }

    /// <summary>A name, function or the constant e, from its word.</summary>
    private SyntaxNode Word(string word, LatexToken at)
    {
        var (l, c) = At(at.Offset);
        if (word == "e" && Current.Is('^') && !_context.Names.Contains("e"))
        {
            // e^{x} is exp(x)
            _position++;
            var group = GroupTokens();
            var exponent = Sub(group);
            return new CallSyntax(l, c, "exp", exponent);
        }

        if (ScalarFunctions.TryGetValue(word, out var function))
        {
            return FunctionCall(function, at);
        }

        if (MatrixFunctions.Contains(word))
        {
            return MatrixFunction(word, at);
        }

        if (_context.Functions.TryGetValue(word, out var definition) && (Current.Is('(') || Current.Is('\'') || Current.IsCommand("prime")))
        {
            return DefinedCall(word, definition, at);
        }

        if (word == "E" && !_context.Names.Contains(word) && IsAppliedToWhatFollows())
        {
            throw new LatexReadException(at.Offset, "'E' applied to what follows (E[…], E_{x,y} P[…]) is an expectation, which is not read");
        }

        return Named(new NameSyntax(l, c, word, []));
    }

    /// <summary>
    /// True when the name just read is followed by a bracket, or by a subscript and then a factor: an operator written
    /// before its operand (the expectation E_{x,y} P[…]). Reading it as a product would check a claim the student never made.
    /// </summary>
    private bool IsAppliedToWhatFollows()
    {
        if (Current.Is('['))
        {
            return true;
        }

        if (!Current.Is('_'))
        {
            return false;
        }

        var save = _position;
        try
        {
            _position++;
            GroupTokens();
            var next = Current;
            return !EndsTerm(next) && !next.Is('^') && !next.Is('*') && !next.Is('/') && !next.Is('\'')
                && !(next.Kind == LatexTokenKind.Command && next.Text is "cdot" or "times" or "ast" or "div" or "odot" or "circ" or "prime");
        }
        catch (LatexReadException)
        {
            return false;
        }
        finally
        {
            _position = save;
        }
    }

    private static bool IsFunctionLetter(string word) => word is "f" or "g" or "h" or "F" or "G" or "H" or "L" or "J" or "C" or "R" or "P" or "E" or "Q" or "D" or "l";

    /// <summary>True when a parenthesised list of names, commas and semicolons follows (an argument list, not a factor).</summary>
    private bool IsSignature()
    {
        var p = _position + 1;
        var depth = 1;
        var sawSeparator = false;
        while (_tokens[p].Kind != LatexTokenKind.End)
        {
            var t = _tokens[p];
            if (t.Is('(') || t.Is('{'))
            {
                depth++;
            }
            else if (t.Is(')') || t.Is('}'))
            {
                depth--;
                if (depth == 0)
                {
                    return true;
                }
            }
            else if (t.Is(',') || t.Is(';') || t.Is('|') || t.Is('='))
            {
                sawSeparator = true;
            }
            else if (depth == 1 && (t.Is('+') || t.Is('-')) && !sawSeparator)
            {
                return false;
            }

            p++;
        }

        return false;
    }

    private void SkipGroup()
    {
        var depth = 0;
        do
        {
            if (Current.Is('(') || Current.Is('{'))
            {
                depth++;
            }
            else if (Current.Is(')') || Current.Is('}'))
            {
                depth--;
            }

            _position++;
        }
        while (depth > 0 && Current.Kind != LatexTokenKind.End);
    }

    private SyntaxNode WordCommand(string word, LatexToken at)
    {
        var (l, c) = At(at.Offset);
        if (ScalarFunctions.TryGetValue(word, out var function) || ScalarFunctions.TryGetValue(word.ToLowerInvariant(), out function))
        {
            return FunctionCall(function, at);
        }

        if (MatrixFunctions.Contains(word) || word is "Softmax" or "softargmax")
        {
            return MatrixFunction(word is "Softmax" or "softargmax" ? "softmax" : word, at);
        }

        if (word == "d")
        {
            throw new LatexReadException(at.Offset, "'\\mathrm{d}' outside a derivative's fraction is not read");
        }

        if (_context.Names.Contains(word) || _context.Functions.ContainsKey(word))
        {
            return Word(word, at);
        }

        if (word == "E" && IsAppliedToWhatFollows())
        {
            throw new LatexReadException(at.Offset, $"'\\{at.Text}{{E}}' applied to what follows is an expectation, which is not read");
        }

        if (word.All(char.IsAsciiLetterOrDigit) && word.Length <= 3 && !word.All(char.IsAsciiLetterLower))
        {
            return Named(new NameSyntax(l, c, word, [])); // \mathrm{W}, \text{BCE}: a styled name
        }

        throw new LatexReadException(at.Offset, $"'{word}' is not read (text, or a function this document does not define)");
    }

    private static string Word(List<LatexToken> group, LatexToken at)
    {
        var b = new StringBuilder();
        foreach (var t in group)
        {
            if (t.Kind == LatexTokenKind.End)
            {
                break;
            }

            if (t.Kind is LatexTokenKind.Letter or LatexTokenKind.Number)
            {
                b.Append(t.Text);
            }
            else
            {
                throw new LatexReadException(t.Offset, $"'\\{at.Text}{{…}}' holding '{t.Source}' is not read");
            }
        }

        if (b.Length == 0)
        {
            throw new LatexReadException(at.Offset, $"an empty '\\{at.Text}{{}}'");
        }

        return b.ToString();
    }
}
