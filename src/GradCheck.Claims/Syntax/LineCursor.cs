using System.Globalization;

namespace GradCheck.Claims.Syntax;

/// <summary>Reads the words, numbers and punctuation of one declaration line, keeping 1-based columns
/// so that every error can say where it is.</summary>
internal sealed class LineCursor
{
    private readonly string _text;
    private readonly int _lineNumber;
    private int _position;

    public LineCursor(string text, int lineNumber, int startIndex = 0)
    {
        _text = text;
        _lineNumber = lineNumber;
        _position = startIndex;
    }

    public int Line => _lineNumber;

    /// <summary>1-based column of the next unread character (after skipping blanks).</summary>
    public int Column
    {
        get
        {
            SkipBlanks();
            return _position + 1;
        }
    }

    public bool AtEnd
    {
        get
        {
            SkipBlanks();
            return _position >= _text.Length;
        }
    }

    public string Rest
    {
        get
        {
            SkipBlanks();
            return _text[_position..];
        }
    }

    public int RestIndex
    {
        get
        {
            SkipBlanks();
            return _position;
        }
    }

    public ClaimsSyntaxException Error(string message) => new(_lineNumber, Column, message);

    public ClaimsSyntaxException ErrorAt(int column, string message) => new(_lineNumber, column, message);

    public bool TryChar(char c)
    {
        SkipBlanks();
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    public bool TryText(string s)
    {
        SkipBlanks();
        if (string.CompareOrdinal(_text, _position, s, 0, s.Length) == 0)
        {
            _position += s.Length;
            return true;
        }

        return false;
    }

    public void Expect(char c, string what)
    {
        if (!TryChar(c))
        {
            throw Error($"expected {what}, found {Describe()}");
        }
    }

    /// <summary>A word: a letter followed by letters and digits.</summary>
    public bool TryIdentifier(out string word)
    {
        SkipBlanks();
        var start = _position;
        if (_position < _text.Length && char.IsLetter(_text[_position]))
        {
            _position++;
            while (_position < _text.Length && char.IsLetterOrDigit(_text[_position]))
            {
                _position++;
            }
        }

        word = _text[start.._position];
        return word.Length > 0;
    }

    public string Identifier(string what)
    {
        if (!TryIdentifier(out var word))
        {
            throw Error($"expected {what}, found {Describe()}");
        }

        return word;
    }

    public void Keyword(string keyword)
    {
        var column = Column;
        if (!TryIdentifier(out var word) || word != keyword)
        {
            _position = column - 1;
            throw ErrorAt(column, $"expected '{keyword}', found {Describe()}");
        }
    }

    public int Integer(string what)
    {
        SkipBlanks();
        var start = _position;
        if (_position < _text.Length && _text[_position] == '-')
        {
            _position++;
        }

        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        var digits = _text[start.._position];
        if (!int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _position = start;
            throw ErrorAt(start + 1, $"expected {what}, found {Describe()}");
        }

        return value;
    }

    /// <summary>An exact number as written: <c>-2</c>, <c>0.5</c>, <c>1/3</c>; or <c>inf</c>/<c>-inf</c>/<c>∞</c> (returned as null).</summary>
    public (string? Text, bool Infinite) Number(string what)
    {
        SkipBlanks();
        var start = _position;
        var negative = false;
        if (_position < _text.Length && (_text[_position] == '-' || _text[_position] == '+'))
        {
            negative = _text[_position] == '-';
            _position++;
        }

        if (TryText("inf") || TryText("∞"))
        {
            return (negative ? "-inf" : "inf", true);
        }

        var digitsStart = _position;
        ReadDigits();
        if (_position == digitsStart)
        {
            _position = start;
            throw ErrorAt(start + 1, $"expected {what}, found {Describe()}");
        }

        if (_position < _text.Length && _text[_position] == '.')
        {
            _position++;
            var fractionStart = _position;
            ReadDigits();
            if (_position == fractionStart)
            {
                throw ErrorAt(_position + 1, $"expected digits after the decimal point in {what}");
            }
        }

        if (_position < _text.Length && _text[_position] == '/')
        {
            _position++;
            var denominatorStart = _position;
            ReadDigits();
            if (_position == denominatorStart)
            {
                throw ErrorAt(_position + 1, $"expected a denominator in {what}");
            }

            if (_text.AsSpan(denominatorStart, _position - denominatorStart).Trim('0').IsEmpty)
            {
                throw ErrorAt(denominatorStart + 1, $"division by zero in {what}");
            }
        }

        return (_text[start.._position].TrimStart('+'), false);
    }

    public void ExpectEnd()
    {
        if (!AtEnd)
        {
            throw Error($"unexpected {Describe()} at the end of the line");
        }
    }

    public string Describe()
    {
        SkipBlanks();
        if (_position >= _text.Length)
        {
            return "the end of the line";
        }

        var end = _position;
        while (end < _text.Length && end - _position < 20 && !char.IsWhiteSpace(_text[end]))
        {
            end++;
        }

        if (end == _position)
        {
            end++;
        }

        return $"'{Printable(_text[_position..end])}'";
    }

    /// <summary>Text safe to print in a message: control characters shown as \uXXXX.</summary>
    public static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private void ReadDigits()
    {
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }
    }

    private void SkipBlanks()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}
