using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace GradCheck.Symbolic.Parsing;

/// <summary>
/// Reads the expression syntax of the claims format into a <see cref="SyntaxNode"/> tree:
/// numbers (decimals are exact), names with subscripts (<c>z_i</c>, <c>W_{2,3}</c>),
/// <c>+ - * / ^</c> (<c>^</c> right-associative, binding tighter than unary minus), parentheses,
/// the functions exp, ln, log (natural), sqrt, sigmoid (σ), tanh, relu, abs, sign, step, softplus,
/// <c>sum(k, E)</c>, <c>prod(k, E)</c>, <c>delta(i, j)</c>, <c>d/dx E</c>, <c>d/dz_j E</c>,
/// <c>d2/dx2 E</c>, <c>d2/dx dy E</c> and <c>diff(E, x)</c>. A derivative operator takes everything to
/// its right up to the <c>=</c>, comma or closing parenthesis that ends its expression.
/// </summary>
/// <remarks>
/// Every failure is a <see cref="SymbolicSyntaxException"/> with the line and column of the
/// offending text. Nesting deeper than <see cref="MaxNesting"/> levels, or a tree deeper than
/// <see cref="MaxTreeDepth"/> (a chain of that many operators), is rejected rather than risking the
/// stack; parsing is linear in the text's length.
/// </remarks>
/// <example>
/// <code>
/// var node = ExpressionParser.Parse("d/dz_j s_i");
/// Console.WriteLine(node); // (d/dz_j s_i)
/// </code>
/// </example>
public static class ExpressionParser
{
    /// <summary>The deepest nesting of parentheses, unary operators, powers and derivatives accepted.</summary>
    public const int MaxNesting = 200;

    /// <summary>The deepest syntax tree accepted (a chain <c>a+b+c+…</c> of n terms is n deep).</summary>
    public const int MaxTreeDepth = 2000;

    /// <summary>Digits accepted in one number literal.</summary>
    public const int MaxDigits = 1000;

    private static readonly Dictionary<string, string> Functions = new(StringComparer.Ordinal)
    {
        ["exp"] = "exp",
        ["ln"] = "ln",
        ["log"] = "ln",
        ["sqrt"] = "sqrt",
        ["sigmoid"] = "sigmoid",
        ["σ"] = "sigmoid",
        ["tanh"] = "tanh",
        ["relu"] = "relu",
        ["abs"] = "abs",
        ["sign"] = "sign",
        ["step"] = "step",
        ["softplus"] = "softplus",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "sum", "prod", "delta", "diff" };

    /// <summary>True when <paramref name="name"/> is a built-in function or keyword (exp, sum, delta, …).</summary>
    /// <param name="name">A name as written.</param>
    public static bool IsReservedName(string name) => Functions.ContainsKey(name) || Keywords.Contains(name);

    /// <summary>Parses one expression (no <c>=</c>).</summary>
    /// <param name="text">The expression's text; it may span lines.</param>
    /// <param name="line">The 1-based line where <paramref name="text"/> starts in the caller's file.</param>
    /// <param name="column">The 1-based column where <paramref name="text"/> starts.</param>
    /// <returns>The syntax tree.</returns>
    /// <exception cref="SymbolicSyntaxException">The text is not an expression (with where and why).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="line"/> or <paramref name="column"/> is less than 1.</exception>
    public static SyntaxNode Parse(string text, int line = 1, int column = 1)
    {
        var parser = new Parser(text, line, column);
        var node = parser.ParseExpressionAtTop();
        parser.ExpectEnd(allowEquals: false);
        return node;
    }

    /// <summary>Parses a chain <c>E0 = E1 = … = En</c> into its expressions (at least one).</summary>
    /// <param name="text">The chain's text; it may span lines.</param>
    /// <param name="line">The 1-based line where <paramref name="text"/> starts in the caller's file.</param>
    /// <param name="column">The 1-based column where <paramref name="text"/> starts.</param>
    /// <returns>The expressions in order; step N compares element N−1 with element N.</returns>
    /// <exception cref="SymbolicSyntaxException">The text is not such a chain (with where and why).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="line"/> or <paramref name="column"/> is less than 1.</exception>
    public static IReadOnlyList<SyntaxNode> ParseChain(string text, int line = 1, int column = 1)
    {
        var parser = new Parser(text, line, column);
        var nodes = new List<SyntaxNode> { parser.ParseExpressionAtTop() };
        while (parser.TryTakeEquals())
        {
            nodes.Add(parser.ParseExpressionAtTop());
        }

        parser.ExpectEnd(allowEquals: true);
        return nodes;
    }

    private sealed class Parser
    {
        private readonly List<Token> _tokens;
        private int _position;
        private int _nesting;

        public Parser(string text, int line, int column)
        {
            ArgumentNullException.ThrowIfNull(text);
            if (line < 1 || column < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(line), "line and column are 1-based");
            }

            _tokens = Lexer.Tokenize(text, line, column);
        }

        private Token Current => _tokens[_position];

        private Token Peek(int ahead) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

        public SyntaxNode ParseExpressionAtTop()
        {
            if (Current.Kind == TokenKind.End)
            {
                throw Error(Current, _position == 0 ? "empty expression" : "expected an expression after '=', found end of text");
            }

            return ParseExpression().Node;
        }

        public bool TryTakeEquals()
        {
            if (Current.Kind != TokenKind.Equals)
            {
                return false;
            }

            _position++;
            return true;
        }

        public void ExpectEnd(bool allowEquals)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.End:
                    return;
                case TokenKind.Equals when !allowEquals:
                    throw Error(token, "'=' cannot appear inside an expression (a claim's chain splits on '=')");
                case TokenKind.RightParen:
                    throw Error(token, "unbalanced parenthesis: ')' has no matching '('");
                default:
                    throw UnexpectedAfterOperand(token);
            }
        }

        private (SyntaxNode Node, int Depth) ParseExpression()
        {
            var (left, depth) = ParseTerm();
            while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
            {
                var op = Take();
                var (right, rightDepth) = ParseTerm();
                depth = CheckDepth(Math.Max(depth, rightDepth) + 1, op);
                left = new BinarySyntax(left.Line, left.Column, op.Kind == TokenKind.Plus ? '+' : '-', left, right);
            }

            return (left, depth);
        }

        private (SyntaxNode Node, int Depth) ParseTerm()
        {
            var (left, depth) = ParseUnary();
            while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.DotStar or TokenKind.DotSlash)
            {
                var op = Take();
                var (right, rightDepth) = ParseUnary();
                depth = CheckDepth(Math.Max(depth, rightDepth) + 1, op);
                left = op.Kind switch
                {
                    TokenKind.DotStar => new EntrywiseSyntax(left.Line, left.Column, '*', left, right),
                    TokenKind.DotSlash => new EntrywiseSyntax(left.Line, left.Column, '/', left, right),
                    _ => new BinarySyntax(left.Line, left.Column, op.Kind == TokenKind.Star ? '*' : '/', left, right),
                };
            }

            return (left, depth);
        }

        private (SyntaxNode Node, int Depth) ParseUnary()
        {
            var start = Current;
            if (++_nesting > MaxNesting)
            {
                throw Error(start, string.Create(CultureInfo.InvariantCulture,
                    $"expression nested too deeply (more than {MaxNesting} levels of parentheses, signs, powers or derivatives)"));
            }

            try
            {
                if (start.Kind is TokenKind.Minus or TokenKind.Plus)
                {
                    _position++;
                    var (operand, depth) = ParseUnary();
                    return (new UnarySyntax(start.Line, start.Column, start.Kind == TokenKind.Minus ? '-' : '+', operand),
                        CheckDepth(depth + 1, start));
                }

                return ParsePower();
            }
            finally
            {
                _nesting--;
            }
        }

        private (SyntaxNode Node, int Depth) ParsePower()
        {
            var (operand, depth) = ParsePrimary();
            while (Current.Kind == TokenKind.Prime)
            {
                // Postfix transpose binds tightest: s*s' is s*(s').
                var prime = Take();
                operand = new TransposeSyntax(operand.Line, operand.Column, operand);
                depth = CheckDepth(depth + 1, prime);
            }

            if (Current.Kind is not (TokenKind.Caret or TokenKind.DotCaret))
            {
                return (operand, depth);
            }

            var op = Take();
            var (exponent, exponentDepth) = ParseUnary(); // right-associative, and 2^-1 is allowed
            SyntaxNode power = op.Kind == TokenKind.Caret
                ? new BinarySyntax(operand.Line, operand.Column, '^', operand, exponent)
                : new EntrywiseSyntax(operand.Line, operand.Column, '^', operand, exponent);
            return (power, CheckDepth(Math.Max(depth, exponentDepth) + 1, op));
        }

        private (SyntaxNode Node, int Depth) ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    _position++;
                    return (ParseNumber(token), 1);
                case TokenKind.LeftParen:
                {
                    _position++;
                    var inner = ParseExpressionInside(token, "'('");
                    ExpectClosing(token);
                    return inner;
                }

                case TokenKind.Identifier:
                    return ParseIdentifier();
                case TokenKind.End:
                    throw Error(token, "expected an expression, found end of text");
                case TokenKind.RightParen:
                    throw Error(token, "expected an expression, found ')'");
                default:
                    throw Error(token, "expected an expression, found '" + token.Text + "'");
            }
        }

        private (SyntaxNode Node, int Depth) ParseExpressionInside(Token opener, string what)
        {
            if (Current.Kind == TokenKind.End)
            {
                throw Error(Current, "unbalanced parenthesis: " + what + " at " + Where(opener) + " is never closed");
            }

            return ParseExpression();
        }

        private void ExpectClosing(Token opener)
        {
            var token = Current;
            if (token.Kind == TokenKind.RightParen)
            {
                _position++;
                return;
            }

            if (token.Kind == TokenKind.End)
            {
                throw Error(token, "unbalanced parenthesis: '(' at " + Where(opener) + " is never closed");
            }

            if (token.Kind is TokenKind.Number or TokenKind.Identifier or TokenKind.LeftParen)
            {
                throw UnexpectedAfterOperand(token);
            }

            throw Error(token, "expected ')' to close the '(' at " + Where(opener) + ", found '" + token.Text + "'");
        }

        private (SyntaxNode Node, int Depth) ParseIdentifier()
        {
            var token = Take();
            var name = token.Text;
            if ((name == "d" || name == "d2") && IsDerivativeOperator(token))
            {
                return ParseDerivativeOperator(token, name == "d" ? 1 : 2);
            }

            if (Current.Kind == TokenKind.LeftParen)
            {
                var open = Take();
                if (Functions.TryGetValue(name, out var function))
                {
                    var (argument, depth) = ParseExpressionInside(open, "'" + name + "('");
                    if (Current.Kind == TokenKind.Comma)
                    {
                        throw Error(Current, "'" + name + "' takes one argument");
                    }

                    ExpectClosing(open);
                    return (new CallSyntax(token.Line, token.Column, function, argument), CheckDepth(depth + 1, token));
                }

                if (name == "sum" && Peek(1).Kind != TokenKind.Comma)
                {
                    // sum(A): the sum of every entry of a vector or matrix (sum(k, E) is the indexed form).
                    return ParseMatrixCall(token, open);
                }

                if (name == "odot")
                {
                    var (pair, pairDepth) = ParseMatrixCall(token, open);
                    var arguments = ((MatrixCallSyntax)pair).Arguments;
                    return (new EntrywiseSyntax(token.Line, token.Column, '*', arguments[0], arguments[1]), pairDepth);
                }

                if (name != "sum" && MatrixCallSyntax.Arities.ContainsKey(name))
                {
                    return ParseMatrixCall(token, open);
                }

                return name switch
                {
                    "sum" or "prod" => ParseIndexFold(token, open, name == "sum"),
                    "delta" => ParseDelta(token, open),
                    "diff" => ParseDiff(token, open),
                    _ => throw Error(token, "unknown function '" + name
                        + "' (the functions are exp, ln, log, sqrt, sigmoid, σ, tanh, relu, abs, sign, step, softplus;"
                        + " implicit multiplication is not allowed: write " + name + "*(…))"),
                };
            }

            if (IsReservedName(name))
            {
                throw Error(token, "'" + name + "' is a function: write " + name + "(…)");
            }

            return (ParseNameRest(token), 1);
        }

        /// <summary>A matrix-notation call after its '(': expressions separated by ',' or, for the constants
        /// ones/eye/zeros, sizes separated by 'x' (<c>zeros(H x D)</c>).</summary>
        private (SyntaxNode Node, int Depth) ParseMatrixCall(Token keyword, Token open)
        {
            var name = keyword.Text;
            var (min, max) = name == "odot" ? (2, 2) : MatrixCallSyntax.Arities[name];
            var constant = name is "ones" or "eye" or "zeros";
            var arguments = ImmutableArray.CreateBuilder<SyntaxNode>();
            var depth = 1;
            while (true)
            {
                if (constant)
                {
                    arguments.Add(ParseSize(keyword));
                }
                else
                {
                    var (argument, argumentDepth) = ParseExpressionInside(open, "'" + name + "('");
                    arguments.Add(argument);
                    depth = Math.Max(depth, argumentDepth);
                }

                var separator = Current;
                var more = constant
                    ? separator.Kind == TokenKind.Comma || separator is { Kind: TokenKind.Identifier, Text: "x" } || separator.Kind == TokenKind.Star
                    : separator.Kind == TokenKind.Comma;
                if (!more)
                {
                    break;
                }

                if (arguments.Count == max)
                {
                    throw Error(separator, "'" + name + "' takes " + Count(max) + (constant ? " (sizes: " + name + "(K) or " + name + "(H x D))" : ""));
                }

                _position++;
            }

            if (arguments.Count < min)
            {
                throw Error(Current, "'" + name + "' takes " + Count(min) + ", found " + Count(arguments.Count));
            }

            ExpectClosing(open);
            return (new MatrixCallSyntax(keyword.Line, keyword.Column, name, arguments.ToImmutable()), CheckDepth(depth + 1, keyword));

            static string Count(int n) => n == 1 ? "one argument" : n.ToString(CultureInfo.InvariantCulture) + " arguments";
        }

        /// <summary>A size in <c>ones(K)</c> or <c>zeros(H x D)</c>: a name or a whole number.</summary>
        private SyntaxNode ParseSize(Token keyword)
        {
            var token = Current;
            if (token.Kind == TokenKind.Number && token.Text.All(char.IsAsciiDigit))
            {
                _position++;
                return ParseNumber(token);
            }

            if (token.Kind == TokenKind.Identifier && !IsReservedName(token.Text) && Peek(1).Kind != TokenKind.Underscore)
            {
                _position++;
                return new NameSyntax(token.Line, token.Column, token.Text, []);
            }

            throw Error(token, "'" + keyword.Text + "' takes sizes (a size name such as K or a whole number), found " + Describe(token));
        }

        private NameSyntax ParseNameRest(Token nameToken, string? nameOverride = null)
        {
            var name = nameOverride ?? nameToken.Text;

            // The variable of d/dx starts after its 'd'.
            var column = nameToken.Column + (nameToken.Text.Length - name.Length);
            if (Current.Kind != TokenKind.Underscore)
            {
                return new NameSyntax(nameToken.Line, column, name, []);
            }

            var underscore = Take();
            if (underscore.Offset != nameToken.EndOffset)
            {
                throw Error(underscore, "a subscript '_' must follow its name without a space");
            }

            ImmutableArray<SubscriptSyntax> subscripts;
            if (Current.Kind == TokenKind.LeftBrace)
            {
                var brace = Take();
                var builder = ImmutableArray.CreateBuilder<SubscriptSyntax>();
                builder.Add(ParseSubscriptEntry());
                while (Current.Kind == TokenKind.Comma)
                {
                    _position++;
                    builder.Add(ParseSubscriptEntry());
                }

                if (Current.Kind != TokenKind.RightBrace)
                {
                    throw Error(Current, "expected ',' or '}' to close the subscript opened at " + Where(brace)
                        + ", found " + Describe(Current));
                }

                _position++;
                subscripts = builder.ToImmutable();
            }
            else
            {
                subscripts = [ParseSubscriptEntry()];
            }

            if (Current.Kind == TokenKind.Underscore)
            {
                throw Error(Current, "a name takes one subscript: write W_{j,k}, not W_j_k");
            }

            return new NameSyntax(nameToken.Line, column, name, subscripts);
        }

        private SubscriptSyntax ParseSubscriptEntry()
        {
            var token = Current;
            if (token.Kind == TokenKind.Number)
            {
                _position++;
                if (!token.Text.All(char.IsAsciiDigit))
                {
                    throw Error(token, "a subscript must be a whole number or an index name, not '" + token.Text + "'");
                }

                if (!int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    throw Error(token, "subscript '" + token.Text + "' is too large");
                }

                return new SubscriptSyntax(token.Line, token.Column, null, value);
            }

            if (token.Kind == TokenKind.Identifier)
            {
                _position++;
                if (IsReservedName(token.Text))
                {
                    throw Error(token, "'" + token.Text + "' is a function name and cannot be an index");
                }

                return new SubscriptSyntax(token.Line, token.Column, token.Text, 0);
            }

            throw Error(token, "expected a subscript (a whole number or an index name), found " + Describe(token));
        }

        private (SyntaxNode Node, int Depth) ParseIndexFold(Token keyword, Token open, bool isSum)
        {
            var index = Current;
            if (index.Kind != TokenKind.Identifier || IsReservedName(index.Text) || Peek(1).Kind == TokenKind.Underscore)
            {
                throw Error(index, (isSum ? "sum" : "prod") + "(k, E) needs an index name first, found " + Describe(index));
            }

            _position++;
            if (Current.Kind != TokenKind.Comma)
            {
                throw Error(Current, "expected ',' after the index of " + (isSum ? "sum" : "prod") + ", found " + Describe(Current));
            }

            _position++;
            var (body, depth) = ParseExpressionInside(open, "'" + keyword.Text + "('");
            ExpectClosing(open);
            SyntaxNode node = isSum
                ? new IndexSumSyntax(keyword.Line, keyword.Column, index.Text, body)
                : new IndexProductSyntax(keyword.Line, keyword.Column, index.Text, body);
            return (node, CheckDepth(depth + 1, keyword));
        }

        private (SyntaxNode Node, int Depth) ParseDelta(Token keyword, Token open)
        {
            var left = ParseSubscriptEntry();
            if (Current.Kind != TokenKind.Comma)
            {
                throw Error(Current, "delta takes two indices: delta(i, j); found " + Describe(Current));
            }

            _position++;
            var right = ParseSubscriptEntry();
            if (Current.Kind != TokenKind.RightParen)
            {
                throw Error(Current, "delta takes two indices: expected ')' to close the '(' at " + Where(open)
                    + ", found " + Describe(Current));
            }

            _position++;
            return (new DeltaSyntax(keyword.Line, keyword.Column, left, right), 1);
        }

        private (SyntaxNode Node, int Depth) ParseDiff(Token keyword, Token open)
        {
            var (body, depth) = ParseExpressionInside(open, "'diff('");
            if (Current.Kind != TokenKind.Comma)
            {
                throw Error(Current, "diff takes an expression and one or two variables: diff(E, x); found " + Describe(Current));
            }

            var variables = ImmutableArray.CreateBuilder<NameSyntax>();
            while (Current.Kind == TokenKind.Comma && variables.Count < 2)
            {
                _position++;
                variables.Add(ParseVariable(Current, null));
            }

            ExpectClosing(open);
            return (new DerivativeSyntax(keyword.Line, keyword.Column, body, variables.ToImmutable()), CheckDepth(depth + 1, keyword));
        }

        /// <summary>A variable of differentiation: a name, possibly indexed, not a number or a bracket.</summary>
        private NameSyntax ParseVariable(Token token, string? nameWithoutD)
        {
            if (token.Kind != TokenKind.Identifier || (nameWithoutD is null && IsReservedName(token.Text)))
            {
                throw Error(token, "derivative with respect to a non-symbol: expected a symbol such as x or z_j, found " + Describe(token));
            }

            _position++;
            var name = nameWithoutD ?? token.Text;
            // In diff(E, f(x)) a call is not a variable; after d/dx a '(' starts the body: d/dx(x^2).
            if (nameWithoutD is null && Current.Kind == TokenKind.LeftParen)
            {
                throw Error(token, "derivative with respect to a non-symbol: '" + name + "(' is not a symbol");
            }

            return ParseNameRest(token, name);
        }

        // `d/dx`: the name d (or d2), a '/' touching it, and a name starting with d touching the '/'.
        private bool IsDerivativeOperator(Token d)
        {
            var slash = Current;
            var variable = Peek(1);
            return slash.Kind == TokenKind.Slash && slash.Offset == d.EndOffset
                && variable.Kind == TokenKind.Identifier && variable.Offset == slash.EndOffset && variable.Text[0] == 'd';
        }

        private (SyntaxNode Node, int Depth) ParseDerivativeOperator(Token d, int order)
        {
            _position++; // the slash
            var first = Current;
            if (first.Text.Length == 1 || !char.IsLetter(first.Text[1]))
            {
                var found = first.Text.Length == 1 ? Peek(1) : first;
                throw Error(first, "derivative with respect to a non-symbol: write d/dx with a symbol after 'd', found "
                    + (first.Text.Length == 1 ? Describe(found) : "'" + first.Text + "'"));
            }

            var variables = ImmutableArray.CreateBuilder<NameSyntax>();
            variables.Add(ParseVariable(first, first.Text[1..]));
            if (order == 2)
            {
                var only = variables[0];
                var couldBeSquare = only.Subscripts.IsEmpty && only.Name.Length >= 2 && only.Name[^1] == '2';
                if (StartsSecondVariable(couldBeSquare))
                {
                    var second = Current;
                    variables.Add(ParseVariable(second, second.Text[1..]));
                }
                else
                {
                    if (!couldBeSquare)
                    {
                        throw Error(first, "a second derivative needs two variables: write d2/dx2 E or d2/dx dy E");
                    }

                    var twice = only with { Name = only.Name[..^1] };
                    variables[0] = twice;
                    variables.Add(twice);
                }
            }

            if (Current.Kind is TokenKind.End or TokenKind.RightParen or TokenKind.Comma or TokenKind.Equals)
            {
                throw Error(Current, "expected the expression to differentiate after '" + d.Text + "/d" + variables[0] + "'");
            }

            var (body, depth) = ParseExpression();
            return (new DerivativeSyntax(d.Line, d.Column, body, variables.ToImmutable()), CheckDepth(depth + 1, d));
        }

        // In `d2/dx dy E` the second variable is a d-name (not a function). After a first variable that cannot
        // be read as d2/dx2 (x, z_i), a second variable must follow, so a d-name is it whatever comes after it:
        // the body is anything, `d2/dz_i dz_j -ln(s_2)` and `d2/dx dy -(x*y)` included. After x2 (d2/dx2 E or
        // d2/dx2 dy E) the d-name is the second variable only when an operand follows it; a '-' or '+' after it
        // reads as the body `dy - …` of d2/dx2, as it always has (write d2/dx2 dy (-E) for the other reading).
        private bool StartsSecondVariable(bool couldBeSquare)
        {
            var candidate = Current;
            if (candidate.Kind != TokenKind.Identifier || candidate.Text.Length < 2 || candidate.Text[0] != 'd'
                || !char.IsLetter(candidate.Text[1]) || IsReservedName(candidate.Text))
            {
                return false;
            }

            if (!couldBeSquare)
            {
                return true;
            }

            var ahead = 1;
            if (Peek(ahead).Kind == TokenKind.Underscore)
            {
                ahead++;
                if (Peek(ahead).Kind == TokenKind.LeftBrace)
                {
                    while (Peek(ahead).Kind is not (TokenKind.RightBrace or TokenKind.End))
                    {
                        ahead++;
                    }
                }

                ahead++;
            }

            return Peek(ahead).Kind is TokenKind.Identifier or TokenKind.Number or TokenKind.LeftParen;
        }

        private NumberSyntax ParseNumber(Token token)
        {
            var text = token.Text;
            var exponentAt = text.IndexOfAny(['e', 'E']);
            var mantissa = exponentAt < 0 ? text : text[..exponentAt];
            var exponent = 0;
            if (exponentAt >= 0 && (!int.TryParse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                    out exponent) || Math.Abs(exponent) > MaxDigits))
            {
                throw Error(token, "the exponent of '" + text + "' is out of range");
            }

            var point = mantissa.IndexOf('.', StringComparison.Ordinal);
            var digits = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));
            if (digits.Length > MaxDigits)
            {
                throw Error(token, "number literal has more than " + MaxDigits.ToString(CultureInfo.InvariantCulture) + " digits");
            }

            var fractionDigits = point < 0 ? 0 : mantissa.Length - point - 1;
            var numerator = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            var scale = exponent - fractionDigits;
            var denominator = BigInteger.One;
            if (scale >= 0)
            {
                numerator *= BigInteger.Pow(10, scale);
            }
            else
            {
                denominator = BigInteger.Pow(10, -scale);
            }

            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!gcd.IsZero && !gcd.IsOne)
            {
                numerator /= gcd;
                denominator /= gcd;
            }

            if (Current.Kind is TokenKind.Identifier && Current.Offset == token.EndOffset)
            {
                throw Error(Current, "missing operator between '" + text + "' and '" + Current.Text
                    + "' (implicit multiplication is not allowed: write " + text + "*" + Current.Text + ")");
            }

            return new NumberSyntax(token.Line, token.Column, text, numerator, denominator);
        }

        private Token Take() => _tokens[_position++];

        private static int CheckDepth(int depth, Token at) => depth <= MaxTreeDepth
            ? depth
            : throw Error(at, string.Create(CultureInfo.InvariantCulture,
                $"expression too deep (more than {MaxTreeDepth} nested operations); split it with let definitions or use sum(k, …)"));

        private static SymbolicSyntaxException UnexpectedAfterOperand(Token token) => token.Kind switch
        {
            TokenKind.Number or TokenKind.Identifier or TokenKind.LeftParen => Error(token, "missing operator before "
                + Describe(token) + " (implicit multiplication is not allowed: write a*b)"),
            TokenKind.RightParen => Error(token, "unbalanced parenthesis: ')' has no matching '('"),
            _ => Error(token, "unexpected " + Describe(token)),
        };

        private static string Describe(Token token) => token.Kind == TokenKind.End ? "end of text" : "'" + token.Text + "'";

        private static string Where(Token token) => string.Create(CultureInfo.InvariantCulture, $"{token.Line}:{token.Column}");

        private static SymbolicSyntaxException Error(Token token, string reason) => new(token.Line, token.Column, reason);
    }
}
