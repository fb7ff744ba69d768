namespace GradCheck.Symbolic.Parsing;

/// <summary>The kinds of token of the expression syntax.</summary>
internal enum TokenKind
{
    End,
    Number,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    Comma,
    Underscore,
    Equals,
    Prime,
    DotStar,
    DotSlash,
    DotCaret,
}

/// <summary>A token with its place in the text (offset for adjacency, line/column for errors).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Offset, int Line, int Column)
{
    public int EndOffset => Offset + Text.Length;
}
