using System.Collections.Immutable;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Matrix;

/// <summary>
/// The matrix-notation front end: lowers a claim that declares vectors and matrices (<c>vector z in R^K</c>,
/// <c>matrix W in R^(H x D)</c>) or uses matrix operators to the indexed scalar claim the checker already
/// reads. Every expression becomes its entry (row, column) over two free index variables, a matrix product
/// a <c>sum</c> over a fresh index, a transpose swaps the entry's indices, <c>diag</c> and <c>eye</c> become
/// <c>delta</c>, derivatives by a vector or matrix become derivatives by its entries (numerator layout). So
/// the per-size instances and the proof for every size come from the existing checker and index calculus.
/// </summary>
/// <remarks>
/// Shape errors are <see cref="ClaimsSyntaxException"/>s at the offending node that name both shapes. A step
/// whose two sides have different shapes is not an error: it is recorded in <see cref="MatrixForm.Mismatches"/>
/// and the checker refutes it. The lowered claim keeps the writer's text for reports; its expressions carry
/// the lowered syntax (<see cref="ExpressionText.Syntax"/>).
/// </remarks>
internal static partial class MatrixLowering
{
    /// <summary>The sizes checked for a size with no <c>for</c> line.</summary>
    public const int ImplicitFrom = 1, ImplicitTo = 4;

    /// <summary>The most size combinations checked when several sizes have no <c>for</c> line.</summary>
    public const int MaxImplicitCombinations = 64;

    /// <summary>The prefix of the row-entry index variables of a lowered claim (<c>@rK</c>); a writer cannot type '@'.</summary>
    public const string RowPrefix = "@r";

    /// <summary>The prefix of the column-entry index variables (<c>@cK</c>).</summary>
    public const string ColumnPrefix = "@c";

    /// <summary>True when <paramref name="claim"/> uses matrix notation and must be lowered.</summary>
    public static bool Applies(ClaimSyntax claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Declarations.Count > 0
            || claim.Psd is { Row: null }
            || claim.Assumptions.Any(a => a is VectorAssumeSyntax { Index: null })
            || claim.Chain.Concat(claim.Lets.Select(l => l.Body)).Any(ContainsMatrixSyntax);
    }

    /// <summary>The claim lowered to indexed scalar syntax (unchanged when it has no matrix notation).</summary>
    /// <exception cref="ClaimsSyntaxException">A shape error, an unknown size, a derivative matrix notation does
    /// not write (with line, column and both shapes).</exception>
    /// <exception cref="SymbolicSyntaxException">An expression does not parse.</exception>
    public static ClaimSyntax Lower(ClaimSyntax claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return Applies(claim) ? new Session(claim).Lower() : claim;
    }

    /// <summary>Spare summation indices registered per dimension, so that a correction candidate that needs
    /// more sums than the writer's text can still be lowered within the instance scope.</summary>
    private const int SparesPerDimension = 4;

    // Kept by MatrixForm instance (it survives `claim with { ... }`) so MatrixForm's record equality is untouched.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MatrixForm, CandidateLowering> Lowerings = [];

    /// <summary>How to lower a candidate right side of <paramref name="form"/>'s claim (null for a claim
    /// that was not lowered here).</summary>
    public static CandidateLowering? Candidates(MatrixForm form) => Lowerings.TryGetValue(form, out var lowering) ? lowering : null;

    /// <summary>Lowers matrix-notation candidates (a correction search's rewrites of a step's right side) the
    /// way the claim was lowered, reusing its entry indices and its spare summation indices.</summary>
    internal sealed class CandidateLowering
    {
        private readonly Func<SyntaxNode, Shape, SyntaxNode?> _lower;
        private readonly IReadOnlyList<Shape> _stepShapes;

        internal CandidateLowering(Func<SyntaxNode, Shape, SyntaxNode?> lower, IReadOnlyList<Shape> stepShapes, IReadOnlyCollection<string> names)
        {
            _lower = lower;
            _stepShapes = stepShapes;
            Names = names;
        }

        /// <summary>The declared vector and matrix names.</summary>
        public IReadOnlyCollection<string> Names { get; }

        /// <summary>The entry syntax of <paramref name="candidate"/> at the shape of step
        /// <paramref name="step"/>'s left side, or null on a shape error or when it needs more fresh indices than were spared.</summary>
        public SyntaxNode? Lower(SyntaxNode candidate, int step)
        {
            lock (_stepShapes)
            {
                return _lower(candidate, _stepShapes[step - 1]);
            }
        }
    }

    /// <summary>True when the text parses and holds a node only matrix notation has (a transpose, an entrywise
    /// operator, a matrix function); text that does not parse is left to the checker's own error.</summary>
    private static bool ContainsMatrixSyntax(ExpressionText text)
    {
        try
        {
            return HasMatrixNode(text.Parse());
        }
        catch (SymbolicSyntaxException)
        {
            return false;
        }
    }

    private static bool HasMatrixNode(SyntaxNode node) => node switch
    {
        TransposeSyntax or EntrywiseSyntax or MatrixCallSyntax => true,
        CallSyntax call => HasMatrixNode(call.Argument),
        UnarySyntax unary => HasMatrixNode(unary.Operand),
        BinarySyntax binary => HasMatrixNode(binary.Left) || HasMatrixNode(binary.Right),
        IndexSumSyntax sum => HasMatrixNode(sum.Body),
        IndexProductSyntax product => HasMatrixNode(product.Body),
        DerivativeSyntax derivative => HasMatrixNode(derivative.Body),
        _ => false,
    };

    private sealed partial class Session(ClaimSyntax claim)
    {
        private readonly Dictionary<string, DeclarationSyntax> _declared = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Shape> _letShapes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _indexedLets = new(StringComparer.Ordinal);
        private readonly HashSet<string> _sizes = new(StringComparer.Ordinal);
        private readonly List<IndexSyntax> _freshIndices = [];
        private readonly HashSet<string> _entryIndices = new(StringComparer.Ordinal);
        private readonly ShapeInference _shapes = new();
        private int _nextSum;
        private Dictionary<Dimension, List<string>>? _spares;
        private readonly Dictionary<Dimension, List<string>> _sumIndices = [];
        private readonly Dictionary<Dimension, int> _sparesUsed = [];

        public ClaimSyntax Lower()
        {
            CollectDeclarations();
            var sizes = SizeValues();

            var lets = new List<LetSyntax>();
            foreach (var let in claim.Lets)
            {
                lets.Add(LowerLet(let));
            }

            var chainNodes = claim.Chain.Select(t => t.Parse()).ToList();
            var chainShapes = chainNodes.Select(n => _shapes.Of(n, this)).ToList();
            var chain = new List<ExpressionText>();
            for (var i = 0; i < chainNodes.Count; i++)
            {
                var shape = chainShapes[i];
                var lowered = Entry(chainNodes[i], RowOf(shape), ColumnOf(shape));
                chain.Add(claim.Chain[i] with { Syntax = lowered });
            }

            var combinations = Combinations(sizes);
            var mismatches = new List<ShapeMismatch>();
            for (var step = 1; step < chainShapes.Count; step++)
            {
                var (left, right) = (chainShapes[step - 1], chainShapes[step]);
                if (left == right)
                {
                    continue;
                }

                var at = combinations.FirstOrDefault(c => !left.SameAt(right, c)) ?? combinations[0];
                var reason = left.SameAt(right, at)
                    ? $"the sides have different shapes: left is {left.ToJson()}, right is {right.ToJson()}"
                    : $"the sides have different shapes: left is {left.At(at)}, right is {right.At(at)}";
                mismatches.Add(new ShapeMismatch(step, at, reason));
            }

            var psd = LowerPsd(chainShapes[^1], chainNodes[^1]);
            var assumptions = claim.Assumptions.Select(LowerAssumption).ToList();
            var fors = claim.Fors.ToList();
            foreach (var size in sizes.Keys.Where(s => claim.Fors.All(f => f.Size != s)).Order(StringComparer.Ordinal))
            {
                fors.Add(new ForSyntax(size, ImplicitFrom, ImplicitTo, claim.Line, 1));
            }

            // Spares for candidate lowering: registered now, so every instance scope binds them. A candidate is
            // lowered on its own, so it may also reuse every summation index the claim's own lowering declared.
            foreach (var dimension in claim.Declarations.SelectMany(d => new[] { d.Rows, d.Columns })
                         .Concat(chainShapes.SelectMany(s => new[] { s.Rows, s.Columns })).Where(d => !d.IsOne).Distinct().ToList())
            {
                for (var spare = 0; spare < SparesPerDimension; spare++)
                {
                    NewIndex(dimension, "@s");
                }
            }

            _spares = _sumIndices;
            var form = new MatrixForm(
                [.. chainShapes.Select(s => s.ToJson())],
                RowPrefix,
                ColumnPrefix,
                sizes,
                combinations,
                mismatches);
            Lowerings.AddOrUpdate(form, new CandidateLowering(LowerCandidate, chainShapes, [.. _declared.Keys.Concat(_letShapes.Keys).Distinct()]));
            return claim with
            {
                Lets = lets,
                Chain = chain,
                Fors = fors,
                Indices = [.. claim.Indices, .. _freshIndices],
                Assumptions = assumptions,
                Psd = psd,
                Matrix = form,
            };
        }

        public bool TryGetDeclared(string name, out DeclarationSyntax declaration) => _declared.TryGetValue(name, out declaration!);

        /// <summary>
        /// An undeclared name assumed <c>simplex</c> or <c>onehot</c> without <c>over</c> is a vector whose size
        /// its first entrywise use tells (<c>y .* ln(s)</c> makes y the size of s), as a reader would take it.
        /// </summary>
        public void InferVector(SyntaxNode maybeName, Shape other)
        {
            if (maybeName is NameSyntax { Subscripts.IsEmpty: true } name && other.IsColumnVector && !_declared.ContainsKey(name.Name)
                && claim.Assumptions.FirstOrDefault(a => a is VectorAssumeSyntax { Index: null } && a.Name == name.Name) is { } assume)
            {
                _declared[name.Name] = new DeclarationSyntax(name.Name, other.Rows, Dimension.One, false, assume.Line, assume.Column);
            }
        }

        public bool TryGetLetShape(string name, out Shape shape) => _letShapes.TryGetValue(name, out shape!);

        public bool IsIndexedLet(string name) => _indexedLets.Contains(name);

        public bool IsSize(string name) => _sizes.Contains(name);

        private void CollectDeclarations()
        {
            foreach (var f in claim.Fors)
            {
                _sizes.Add(f.Size);
            }

            foreach (var declaration in claim.Declarations)
            {
                foreach (var dimension in new[] { declaration.Rows, declaration.Columns })
                {
                    if (dimension.Size is { } size)
                    {
                        _sizes.Add(size);
                    }
                }
            }

            foreach (var declaration in claim.Declarations)
            {
                if (_sizes.Contains(declaration.Name))
                {
                    throw new ClaimsSyntaxException(declaration.Line, declaration.Column, $"'{declaration.Name}' is a size and cannot also be declared a vector or matrix");
                }

                if (claim.Lets.FirstOrDefault(l => l.Name == declaration.Name) is { } let)
                {
                    throw new ClaimsSyntaxException(let.Line, let.Column, $"'{declaration.Name}' is declared a {(declaration.IsMatrix ? "matrix" : "vector")} at line {declaration.Line} and cannot also be defined by `let`");
                }

                if (claim.Indices.FirstOrDefault(i => i.Names.Contains(declaration.Name)) is { } index)
                {
                    throw new ClaimsSyntaxException(index.Line, index.Column, $"'{declaration.Name}' is declared a {(declaration.IsMatrix ? "matrix" : "vector")} at line {declaration.Line} and cannot also be an index");
                }

                _declared[declaration.Name] = declaration;
            }
        }

        /// <summary>Each size and the values it is checked at: its <c>for</c> range, else 1..4.</summary>
        private Dictionary<string, IReadOnlyList<int>> SizeValues()
        {
            var values = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
            foreach (var size in _sizes.Order(StringComparer.Ordinal))
            {
                values[size] = claim.Fors.FirstOrDefault(f => f.Size == size) is { } f
                    ? [.. Enumerable.Range(f.From, f.To - f.From + 1)]
                    : [.. Enumerable.Range(ImplicitFrom, ImplicitTo - ImplicitFrom + 1)];
            }

            return values;
        }

        /// <summary>
        /// The size combinations checked: every combination when there are at most
        /// <see cref="MaxImplicitCombinations"/> (or the `for` lines give them all); otherwise every size at
        /// each of its values with the others at a middle value, all sizes equal, and an even spread of the
        /// rest of the product, up to <see cref="MaxImplicitCombinations"/>.
        /// </summary>
        private List<IReadOnlyDictionary<string, int>> Combinations(Dictionary<string, IReadOnlyList<int>> sizes)
        {
            var names = sizes.Keys.ToList();
            var total = names.Aggregate(1L, (p, n) => p * sizes[n].Count);
            var allExplicit = names.All(n => claim.Fors.Any(f => f.Size == n));
            var result = new List<IReadOnlyDictionary<string, int>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);

            void Add(IReadOnlyDictionary<string, int> combination)
            {
                if (seen.Add(string.Join(",", names.Select(n => combination[n]))))
                {
                    result.Add(combination);
                }
            }

            Dictionary<string, int> Decode(long code)
            {
                var combination = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var k = names.Count - 1; k >= 0; k--)
                {
                    var list = sizes[names[k]];
                    combination[names[k]] = list[(int)(code % list.Count)];
                    code /= list.Count;
                }

                return combination;
            }

            if (total <= MaxImplicitCombinations || allExplicit)
            {
                for (var code = 0L; code < total; code++)
                {
                    Add(Decode(code));
                }

                return result;
            }

            int Middle(string n) => sizes[n][Math.Min(1, sizes[n].Count - 1)];
            var longest = names.Max(n => sizes[n].Count);
            for (var v = 0; v < longest; v++)
            {
                Add(names.ToDictionary(n => n, n => sizes[n][Math.Min(v, sizes[n].Count - 1)], StringComparer.Ordinal));
            }

            foreach (var name in names)
            {
                foreach (var value in sizes[name])
                {
                    Add(names.ToDictionary(n => n, n => n == name ? value : Middle(n), StringComparer.Ordinal));
                }
            }

            var spread = MaxImplicitCombinations - result.Count;
            for (var j = 0; j < spread * 4 && result.Count < MaxImplicitCombinations; j++)
            {
                Add(Decode(j * total / (spread * 4)));
            }

            return result;
        }

        private LetSyntax LowerLet(LetSyntax let)
        {
            let = WithMatrixArguments(let);
            if (_sizes.Contains(let.Name))
            {
                throw new ClaimsSyntaxException(let.Line, let.Column, $"'{let.Name}' is a size and cannot be defined by `let`");
            }

            var body = let.Body.Parse();
            var shape = _shapes.Of(body, this);
            if (let.IndexParameters.Count > 0)
            {
                if (!shape.IsScalar)
                {
                    throw new ClaimsSyntaxException(let.Line, let.Column,
                        $"'{let.Name}_{{{string.Join(",", let.IndexParameters)}}}' names one entry, but its definition is {shape.Describe()}");
                }

                _indexedLets.Add(let.Name);
                return let with { Body = let.Body with { Syntax = Entry(body, null, null) } };
            }

            _letShapes[let.Name] = shape;
            if (shape.IsScalar)
            {
                return let with { Body = let.Body with { Syntax = Entry(body, null, null) } };
            }

            // A vector or matrix definition becomes an indexed one: let s_{@rK} = (entry @rK of its body).
            var row = RowOf(shape);
            var column = ColumnOf(shape);
            var parameters = new List<string>();
            if (row is not null)
            {
                parameters.Add(row);
            }

            if (column is not null)
            {
                parameters.Add(column);
            }

            return let with { IndexParameters = parameters, Body = let.Body with { Syntax = Entry(body, row, column) } };
        }

        private PsdSyntax? LowerPsd(Shape last, SyntaxNode node)
        {
            if (claim.Psd is not { Row: null } psd)
            {
                return claim.Psd;
            }

            if (last.Rows != last.Columns || last.IsScalar)
            {
                throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition,
                    $"`psd` needs a square matrix, but the last expression is {last.Describe()} ({node}); write `psd over i, j` for an indexed one");
            }

            return psd with { Row = RowOf(last), Column = ColumnOf(last) };
        }

        private AssumeSyntax LowerAssumption(AssumeSyntax assume)
        {
            if (assume is not VectorAssumeSyntax { Index: null } vector)
            {
                return assume;
            }

            if (!_declared.TryGetValue(vector.Name, out var declaration) || declaration.IsMatrix)
            {
                throw new ClaimsSyntaxException(assume.Line, assume.Column,
                    $"`assume {vector.Name} {(vector.OneHot ? "onehot" : "simplex")}` without `over` needs '{vector.Name}' declared as a vector (vector {vector.Name} in R^K)");
            }

            return vector with { Index = NewIndex(declaration.Rows, "@s") };
        }

        /// <summary>The row entry index for a shape (declared once per dimension), or null for one row.</summary>
        private string? RowOf(Shape shape) => shape.Rows.IsOne ? null : EntryIndex(RowPrefix, shape.Rows);

        private string? ColumnOf(Shape shape) => shape.Columns.IsOne ? null : EntryIndex(ColumnPrefix, shape.Columns);

        private string EntryIndex(string prefix, Dimension dimension)
        {
            var name = prefix + dimension;
            if (_entryIndices.Add(name))
            {
                _freshIndices.Add(Range([name], dimension));
            }

            return name;
        }

        private string NewIndex(Dimension dimension, string prefix = "@k")
        {
            if (_spares is not null)
            {
                // Lowering a candidate: only indices the instance scopes already bind will do.
                var used = _sparesUsed.GetValueOrDefault(dimension);
                if (!_spares.TryGetValue(dimension, out var pool) || used >= pool.Count)
                {
                    throw new ClaimsSyntaxException(claim.Line, 1, "no spare summation index left");
                }

                _sparesUsed[dimension] = used + 1;
                return pool[used];
            }

            var name = prefix + (++_nextSum).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _freshIndices.Add(Range([name], dimension));
            if (!_sumIndices.TryGetValue(dimension, out var declared))
            {
                _sumIndices[dimension] = declared = [];
            }

            declared.Add(name);
            return name;
        }

        private IndexSyntax Range(IReadOnlyList<string> names, Dimension dimension) => dimension.Size is { } size
            ? new IndexSyntax(names, new RangeBound(1, null), new RangeBound(null, size), claim.Line, 1)
            : new IndexSyntax(names, new RangeBound(1, null), new RangeBound(dimension.Value, null), claim.Line, 1);

        /// <summary>Entry (<paramref name="row"/>, <paramref name="column"/>) of <paramref name="node"/> as scalar
        /// syntax; a null index stands for the literal 1 (a vector's only column, a scalar's only entry).</summary>
        private SyntaxNode Entry(SyntaxNode node, string? row, string? column) =>
            new EntryWriter(this, _shapes).Entry(node, Subscript(node, row), Subscript(node, column));

        private static SubscriptSyntax Subscript(SyntaxNode at, string? index) =>
            index is null ? new SubscriptSyntax(at.Line, at.Column, null, 1) : new SubscriptSyntax(at.Line, at.Column, index, 0);

        /// <summary>The entry syntax of a candidate at <paramref name="shape"/>, or null when it has another
        /// shape, a shape error, or needs more summation indices than were spared.</summary>
        public SyntaxNode? LowerCandidate(SyntaxNode candidate, Shape shape)
        {
            _sparesUsed.Clear();
            if (candidate is NumberSyntax { Numerator.IsZero: true })
            {
                return candidate; // the search zeroes a whole side to solve for a factor: 0 is every entry's 0
            }

            var shapes = new ShapeInference();
            try
            {
                if (shapes.Of(candidate, this) != shape)
                {
                    return null;
                }

                return new EntryWriter(this, shapes).Entry(candidate, Subscript(candidate, RowOf(shape)), Subscript(candidate, ColumnOf(shape)));
            }
            catch (ClaimsSyntaxException)
            {
                return null;
            }
        }

        /// <summary>A fresh summation index over <paramref name="dimension"/> (declared in the lowered claim).</summary>
        public string FreshSumIndex(Dimension dimension) => NewIndex(dimension);
    }

    /// <summary>Writes entries: the part of the lowering that turns each operator into index notation.</summary>
    private sealed class EntryWriter(Session session, ShapeInference shapes)
    {
        public SyntaxNode Entry(SyntaxNode node, SubscriptSyntax row, SubscriptSyntax column)
        {
            var shape = shapes.Of(node, session);
            if (shape.IsScalar)
            {
                (row, column) = (One(node), One(node));
            }

            return node switch
            {
                NumberSyntax or DeltaSyntax => node,
                NameSyntax name => Name(name, shape, row, column),
                CallSyntax call => call with { Argument = Entry(call.Argument, row, column) },
                UnarySyntax unary => unary with { Operand = Entry(unary.Operand, row, column) },
                BinarySyntax binary => Binary(binary, row, column),
                EntrywiseSyntax entrywise => new BinarySyntax(entrywise.Line, entrywise.Column, entrywise.Operator,
                    Broadcast(entrywise.Left, row, column), Broadcast(entrywise.Right, row, column)),
                TransposeSyntax transpose => Entry(transpose.Operand, column, row),
                IndexSumSyntax sum => sum with { Body = Entry(sum.Body, row, column) },
                IndexProductSyntax product => product with { Body = Entry(product.Body, row, column) },
                DerivativeSyntax derivative => Derivative(derivative, row, column),
                MatrixCallSyntax call => Call(call, row, column),
                _ => throw new ClaimsSyntaxException(node.Line, node.Column, "unsupported syntax in matrix notation: " + node),
            };
        }

        private NameSyntax Name(NameSyntax name, Shape shape, SubscriptSyntax row, SubscriptSyntax column)
        {
            if (!name.Subscripts.IsEmpty || shape.IsScalar && !session.TryGetDeclared(name.Name, out _))
            {
                return name;
            }

            if (session.TryGetDeclared(name.Name, out var declaration))
            {
                return name with { Subscripts = declaration.IsMatrix ? [row, column] : [row] };
            }

            // A vector or matrix `let`: its lowered definition takes an index per dimension other than 1.
            var subscripts = ImmutableArray.CreateBuilder<SubscriptSyntax>();
            if (!shape.Rows.IsOne)
            {
                subscripts.Add(row);
            }

            if (!shape.Columns.IsOne)
            {
                subscripts.Add(column);
            }

            return name with { Subscripts = subscripts.ToImmutable() };
        }

        private SyntaxNode Binary(BinarySyntax binary, SubscriptSyntax row, SubscriptSyntax column)
        {
            var left = shapes.Of(binary.Left, session);
            var right = shapes.Of(binary.Right, session);
            switch (binary.Operator)
            {
                case '+' or '-':
                    return binary with { Left = Broadcast(binary.Left, row, column), Right = Broadcast(binary.Right, row, column) };
                case '*' when left.IsScalar || right.IsScalar:
                    return binary with { Left = Broadcast(binary.Left, row, column), Right = Broadcast(binary.Right, row, column) };
                case '*':
                    {
                        // (AB)_{rc} = sum(k, A_{rk} B_{kc}); an inner dimension of 1 (an outer product) has no sum.
                        var inner = left.Columns;
                        if (inner.IsOne)
                        {
                            return binary with { Left = Entry(binary.Left, row, One(binary)), Right = Entry(binary.Right, One(binary), column) };
                        }

                        var k = session.FreshSumIndex(inner);
                        var index = new SubscriptSyntax(binary.Line, binary.Column, k, 0);
                        return new IndexSumSyntax(binary.Line, binary.Column, k,
                            binary with { Left = Entry(binary.Left, row, index), Right = Entry(binary.Right, index, column) });
                    }

                case '/':
                    return binary with { Left = Entry(binary.Left, row, column), Right = Entry(binary.Right, One(binary), One(binary)) };
                default:
                    if (ShapeInference.IsTransposeMark(binary, left))
                    {
                        return Entry(binary.Left, column, row);
                    }

                    if (binary.Left is MatrixCallSyntax { Function: "norm" } norm && ShapeInference.EvenPower(binary.Right) is { } half)
                    {
                        // norm(v)^2 = v'v exactly, with no square root to undo.
                        var squares = SumOfSquares(norm);
                        return half == 1 ? squares : binary with { Left = squares, Right = Number(binary, half) };
                    }

                    return binary with { Left = Entry(binary.Left, One(binary), One(binary)), Right = Entry(binary.Right, One(binary), One(binary)) };
            }
        }

        /// <summary>An operand of an entrywise operation: a scalar is the same at every entry.</summary>
        private SyntaxNode Broadcast(SyntaxNode operand, SubscriptSyntax row, SubscriptSyntax column) =>
            shapes.Of(operand, session).IsScalar ? Entry(operand, One(operand), One(operand)) : Entry(operand, row, column);

        private SyntaxNode Derivative(DerivativeSyntax derivative, SubscriptSyntax row, SubscriptSyntax column)
        {
            var body = shapes.Of(derivative.Body, session);
            var variables = derivative.Variables.Select(v => (Name: v, Shape: shapes.OfVariable(v, session))).ToList();
            if (variables.All(v => v.Shape.IsScalar))
            {
                return derivative with { Body = Entry(derivative.Body, row, column) };
            }

            if (variables.Count == 1)
            {
                var (variable, shape) = variables[0];
                if (body.IsScalar)
                {
                    // The gradient has the variable's shape: entry (r, c) is d/dX_{r,c} f.
                    return derivative with { Body = Entry(derivative.Body, One(derivative), One(derivative)), Variables = [VariableEntry(variable, shape, row, column)] };
                }

                // The Jacobian of a vector: J_{rc} = d v_r / d x_c.
                return derivative with { Body = Entry(derivative.Body, row, One(derivative)), Variables = [VariableEntry(variable, shape, column, One(derivative))] };
            }

            // The Hessian (or a mixed second derivative): H_{rc} = d2 f / dx_r dy_c.
            var (first, firstShape) = variables[0];
            var (second, secondShape) = variables[1];
            var firstIndex = firstShape.IsScalar ? One(derivative) : row;
            var secondIndex = secondShape.IsScalar ? One(derivative) : firstShape.IsScalar ? row : column;
            return derivative with
            {
                Body = Entry(derivative.Body, One(derivative), One(derivative)),
                Variables = [VariableEntry(first, firstShape, firstIndex, One(derivative)), VariableEntry(second, secondShape, secondIndex, One(derivative))],
            };
        }

        /// <summary>The entry of a derivative's variable: x_r for a vector, W_{r,c} for a matrix.</summary>
        private NameSyntax VariableEntry(NameSyntax variable, Shape shape, SubscriptSyntax row, SubscriptSyntax column) =>
            shape.IsScalar ? variable : Name(variable, shape, row, column);

        private SyntaxNode Call(MatrixCallSyntax call, SubscriptSyntax row, SubscriptSyntax column)
        {
            var arguments = call.Arguments;
            switch (call.Function)
            {
                case "sum":
                    {
                        var shape = shapes.Of(arguments[0], session);
                        return SumOver(call, shape, (r, c) => Entry(arguments[0], r, c));
                    }

                case "softmax":
                    {
                        var shape = shapes.Of(arguments[0], session);
                        var k = Index(call, shape.Rows);
                        var numerator = new CallSyntax(call.Line, call.Column, "exp", Entry(arguments[0], row, One(call)));
                        var denominator = new IndexSumSyntax(call.Line, call.Column, k.Variable!,
                            new CallSyntax(call.Line, call.Column, "exp", Entry(arguments[0], k, One(call))));
                        return new BinarySyntax(call.Line, call.Column, '/', numerator, denominator);
                    }

                case "logsumexp":
                    {
                        var shape = shapes.Of(arguments[0], session);
                        var k = Index(call, shape.Rows);
                        return new CallSyntax(call.Line, call.Column, "ln", new IndexSumSyntax(call.Line, call.Column, k.Variable!,
                            new CallSyntax(call.Line, call.Column, "exp", Entry(arguments[0], k, One(call)))));
                    }

                case "norm":
                    return new CallSyntax(call.Line, call.Column, "sqrt", SumOfSquares(call));
                case "trace":
                    {
                        var shape = shapes.Of(arguments[0], session);
                        var k = Index(call, shape.Rows);
                        return new IndexSumSyntax(call.Line, call.Column, k.Variable!, Entry(arguments[0], k, k));
                    }

                case "dot":
                    {
                        var left = shapes.Of(arguments[0], session);
                        var right = shapes.Of(arguments[1], session);
                        var length = left.IsRowVector ? left.Columns : left.Rows;
                        var k = Index(call, length);
                        var one = One(call);
                        return new IndexSumSyntax(call.Line, call.Column, k.Variable!, new BinarySyntax(call.Line, call.Column, '*',
                            left.IsRowVector ? Entry(arguments[0], one, k) : Entry(arguments[0], k, one),
                            right.IsRowVector ? Entry(arguments[1], one, k) : Entry(arguments[1], k, one)));
                    }

                case "diag":
                    return new BinarySyntax(call.Line, call.Column, '*', new DeltaSyntax(call.Line, call.Column, row, column),
                        Entry(arguments[0], row, One(call)));
                case "eye":
                    return new DeltaSyntax(call.Line, call.Column, row, column);
                case "ones":
                    return Number(call, 1);
                case "zeros":
                    return Number(call, 0);
                default:
                    throw new ClaimsSyntaxException(call.Line, call.Column, "unknown function '" + call.Function + "'");
            }
        }

        /// <summary>sum over every entry of the norm's argument of the entry squared.</summary>
        private SyntaxNode SumOfSquares(MatrixCallSyntax norm)
        {
            var argument = norm.Arguments[0];
            var shape = shapes.Of(argument, session);
            return SumOver(norm, shape, (r, c) => new BinarySyntax(norm.Line, norm.Column, '^', Entry(argument, r, c), Number(norm, 2)));
        }

        /// <summary>The sum over every entry (r, c) of a shape of <paramref name="term"/>(r, c).</summary>
        private SyntaxNode SumOver(SyntaxNode at, Shape shape, Func<SubscriptSyntax, SubscriptSyntax, SyntaxNode> term)
        {
            var r = shape.Rows.IsOne ? One(at) : Index(at, shape.Rows);
            var c = shape.Columns.IsOne ? One(at) : Index(at, shape.Columns);
            var body = term(r, c);
            if (c.Variable is { } cv)
            {
                body = new IndexSumSyntax(at.Line, at.Column, cv, body);
            }

            if (r.Variable is { } rv)
            {
                body = new IndexSumSyntax(at.Line, at.Column, rv, body);
            }

            return body;
        }

        private SubscriptSyntax Index(SyntaxNode at, Dimension dimension) =>
            new(at.Line, at.Column, session.FreshSumIndex(dimension), 0);

        private static SubscriptSyntax One(SyntaxNode at) => new(at.Line, at.Column, null, 1);

        private static NumberSyntax Number(SyntaxNode at, int value) =>
            new(at.Line, at.Column, value.ToString(System.Globalization.CultureInfo.InvariantCulture), value, 1);
    }

    /// <summary>Shapes of matrix-notation expressions, with positioned errors that name both shapes.</summary>
    private sealed class ShapeInference
    {
        private readonly Dictionary<SyntaxNode, Shape> _known = new(ReferenceEqualityComparer.Instance);

        /// <summary>True for <c>A^T</c> with A a vector or matrix (otherwise T is an ordinary exponent symbol).</summary>
        public static bool IsTransposeMark(BinarySyntax binary, Shape left) =>
            binary is { Operator: '^', Right: NameSyntax { Name: "T", Subscripts.IsEmpty: true } } && !left.IsScalar;

        /// <summary>n/2 for a literal even exponent n ≥ 2, else null.</summary>
        public static int? EvenPower(SyntaxNode exponent) =>
            exponent is NumberSyntax { Denominator.IsOne: true } n && n.Numerator >= 2 && n.Numerator <= 64 && n.Numerator.IsEven
                ? (int)(n.Numerator / 2)
                : null;

        public Shape Of(SyntaxNode node, Session session)
        {
            if (_known.TryGetValue(node, out var known))
            {
                return known;
            }

            var shape = Infer(node, session);
            _known[node] = shape;
            return shape;
        }

        /// <summary>The shape of a derivative's variable: a declared name's, a `let`'s, else a scalar.</summary>
        public Shape OfVariable(NameSyntax variable, Session session) => variable.Subscripts.IsEmpty ? Of(variable, session) : Shape.Scalar;

        private Shape Infer(SyntaxNode node, Session session)
        {
            switch (node)
            {
                case NumberSyntax or DeltaSyntax:
                    return Shape.Scalar;
                case NameSyntax name:
                    return OfName(name, session);
                case CallSyntax call:
                    return Of(call.Argument, session);
                case UnarySyntax unary:
                    return Of(unary.Operand, session);
                case TransposeSyntax transpose:
                    return Of(transpose.Operand, session).Transposed;
                case IndexSumSyntax sum:
                    return Of(sum.Body, session);
                case IndexProductSyntax product:
                    return RequireScalar(product.Body, session, "the body of prod(k, …)");
                case BinarySyntax binary:
                    return OfBinary(binary, session);
                case EntrywiseSyntax entrywise:
                    return OfEntrywise(entrywise, session);
                case DerivativeSyntax derivative:
                    return OfDerivative(derivative, session);
                case MatrixCallSyntax call:
                    return OfCall(call, session);
                default:
                    throw new ClaimsSyntaxException(node.Line, node.Column, "unsupported syntax in matrix notation: " + node);
            }
        }

        /// <summary>Lets an undeclared vector assumed simplex or onehot take its partner's size (see <see cref="Session.InferVector"/>).</summary>
        private void Infer(SyntaxNode left, SyntaxNode right, Session session)
        {
            if (left is NameSyntax && !_known.ContainsKey(left) && right is not NameSyntax)
            {
                session.InferVector(left, Of(right, session));
            }
            else if (right is NameSyntax && !_known.ContainsKey(right) && left is not NameSyntax)
            {
                session.InferVector(right, Of(left, session));
            }
            else if (left is NameSyntax && right is NameSyntax)
            {
                session.InferVector(left, OfName((NameSyntax)right, session));
                session.InferVector(right, OfName((NameSyntax)left, session));
            }
        }

        private static Shape OfName(NameSyntax name, Session session)
        {
            if (session.TryGetDeclared(name.Name, out var declaration))
            {
                var expected = declaration.IsMatrix ? 2 : 1;
                if (!name.Subscripts.IsEmpty && name.Subscripts.Length != expected)
                {
                    var shape = new Shape(declaration.Rows, declaration.Columns);
                    throw new ClaimsSyntaxException(name.Line, name.Column, declaration.IsMatrix
                        ? $"'{name.Name}' is {shape.Describe()}: an entry takes two indices, {name.Name}_{{j,k}}"
                        : $"'{name.Name}' is {shape.Describe()}: an entry takes one index, {name.Name}_k");
                }

                return name.Subscripts.IsEmpty ? new Shape(declaration.Rows, declaration.Columns) : Shape.Scalar;
            }

            if (name.Subscripts.IsEmpty && session.TryGetLetShape(name.Name, out var letShape))
            {
                return letShape;
            }

            var letIndices = session.TryGetLetShape(name.Name, out var vectorLet) ? (vectorLet.Rows.IsOne ? 0 : 1) + (vectorLet.Columns.IsOne ? 0 : 1) : 0;
            if (!name.Subscripts.IsEmpty && letIndices > 0 && name.Subscripts.Length != letIndices)
            {
                throw new ClaimsSyntaxException(name.Line, name.Column,
                    $"'{name.Name}' is defined as {vectorLet!.Describe()}: an entry takes {(letIndices == 1 ? "one index" : "two indices")}");
            }

            return Shape.Scalar;
        }

        private Shape RequireScalar(SyntaxNode node, Session session, string what)
        {
            var shape = Of(node, session);
            return shape.IsScalar
                ? shape
                : throw new ClaimsSyntaxException(node.Line, node.Column, $"{what} must be a scalar, but {node} is {shape.Describe()}");
        }

        private Shape OfBinary(BinarySyntax binary, Session session)
        {
            if (binary.Operator is '+' or '-' or '*')
            {
                Infer(binary.Left, binary.Right, session);
            }

            var left = Of(binary.Left, session);
            if (IsTransposeMark(binary, left))
            {
                return left.Transposed;
            }

            var right = Of(binary.Right, session);
            switch (binary.Operator)
            {
                case '+' or '-':
                    if (left == right || right.IsScalar)
                    {
                        return left;
                    }

                    if (left.IsScalar)
                    {
                        return right;
                    }

                    throw Error(binary, $"cannot {(binary.Operator == '+' ? "add" : "subtract")} {right.Describe()} {(binary.Operator == '+' ? "to" : "from")} {left.Describe()}");
                case '*':
                    if (left.IsScalar)
                    {
                        return right;
                    }

                    if (right.IsScalar)
                    {
                        return left;
                    }

                    if (left.Columns != right.Rows)
                    {
                        throw Error(binary, $"cannot multiply {left.Describe()} by {right.Describe()}");
                    }

                    var product = new Shape(left.Rows, right.Columns);
                    return product.IsScalar ? Shape.Scalar : product;
                case '/':
                    if (!right.IsScalar)
                    {
                        throw Error(binary, $"cannot divide by {right.Describe()}: use ./ for an entrywise quotient");
                    }

                    return left;
                default:
                    if (!left.IsScalar)
                    {
                        if (binary.Left is MatrixCallSyntax { Function: "norm" })
                        {
                            return Shape.Scalar;
                        }

                        throw Error(binary, $"cannot raise {left.Describe()} to a power with '^': write .^ for an entrywise power, A*A for a matrix product, or ' (or ^T) for a transpose");
                    }

                    if (!right.IsScalar)
                    {
                        throw Error(binary, $"an exponent must be a scalar, but {binary.Right} is {right.Describe()}");
                    }

                    return Shape.Scalar;
            }
        }

        private Shape OfEntrywise(EntrywiseSyntax entrywise, Session session)
        {
            Infer(entrywise.Left, entrywise.Right, session);
            var left = Of(entrywise.Left, session);
            var right = Of(entrywise.Right, session);
            if (left == right || right.IsScalar)
            {
                return left;
            }

            if (left.IsScalar)
            {
                return right;
            }

            var what = entrywise.Operator switch { '*' => "take the entrywise product of", '/' => "divide entrywise", _ => "raise entrywise" };
            throw Error(entrywise, $"cannot {what} {left.Describe()} and {right.Describe()}: the shapes must be the same");
        }

        private Shape OfDerivative(DerivativeSyntax derivative, Session session)
        {
            var body = Of(derivative.Body, session);
            var variables = derivative.Variables.Select(v => OfVariable(v, session)).ToList();
            foreach (var (variable, shape) in derivative.Variables.Zip(variables))
            {
                if (!variable.Subscripts.IsEmpty && session.TryGetDeclared(variable.Name, out _))
                {
                    OfName(variable, session); // checks the number of indices
                }

                if (shape.IsRowVector)
                {
                    throw Error(variable, $"derivative with respect to {shape.Describe()}: differentiate with respect to a column vector or a matrix");
                }
            }

            if (variables.Count == 1)
            {
                var x = variables[0];
                if (x.IsScalar)
                {
                    return body;
                }

                if (body.IsScalar)
                {
                    return x;
                }

                if (body.IsColumnVector && x.IsColumnVector)
                {
                    return new Shape(body.Rows, x.Rows);
                }

                throw Error(derivative, $"d/d{derivative.Variables[0]} of {body.Describe()} with respect to {x.Describe()} would be a {Order(body, x)}-way tensor, "
                    + "which matrix notation does not write (the derivatives are: scalar by scalar, vector or matrix; vector by vector, the Jacobian; d2/dx2 of a scalar, the Hessian); differentiate an entry instead");
            }

            var (first, second) = (variables[0], variables[1]);
            if (first.IsScalar && second.IsScalar)
            {
                return body;
            }

            if (!body.IsScalar || !(first.IsScalar || first.IsColumnVector) || !(second.IsScalar || second.IsColumnVector))
            {
                throw Error(derivative, $"a second derivative of {body.Describe()} with respect to {first.Describe()} and {second.Describe()} is not a matrix; "
                    + "matrix notation writes the Hessian d2/dx2 f of a scalar f by a vector x");
            }

            return first.IsScalar ? second : second.IsScalar ? first : new Shape(first.Rows, second.Rows);

            static int Order(Shape f, Shape x) => Rank(f) + Rank(x);

            static int Rank(Shape s) => s.IsScalar ? 0 : s.IsColumnVector || s.IsRowVector ? 1 : 2;
        }

        private Shape OfCall(MatrixCallSyntax call, Session session)
        {
            if (call.IsConstant)
            {
                var dimensions = call.Arguments.Select(a => Dimension(a, session)).ToList();
                return call.Function switch
                {
                    "eye" => new Shape(dimensions[0], dimensions[0]),
                    _ when dimensions.Count == 1 => Shape.Vector(dimensions[0]),
                    _ => new Shape(dimensions[0], dimensions[1]),
                };
            }

            var shapes = call.Arguments.Select(a => Of(a, session)).ToList();
            var first = shapes[0];
            switch (call.Function)
            {
                case "sum":
                case "norm":
                    return Shape.Scalar;
                case "softmax":
                    return first.IsColumnVector
                        ? first
                        : throw Error(call, $"softmax takes a vector, but {call.Arguments[0]} is {first.Describe()}");
                case "logsumexp":
                    return first.IsColumnVector
                        ? Shape.Scalar
                        : throw Error(call, $"logsumexp takes a vector, but {call.Arguments[0]} is {first.Describe()}");
                case "trace":
                    return first.Rows == first.Columns && !first.IsScalar
                        ? Shape.Scalar
                        : throw Error(call, $"trace takes a square matrix, but {call.Arguments[0]} is {first.Describe()}");
                case "dot":
                    {
                        var second = shapes[1];
                        var leftLength = first.IsRowVector ? first.Columns : first.IsColumnVector ? first.Rows : null;
                        var rightLength = second.IsRowVector ? second.Columns : second.IsColumnVector ? second.Rows : null;
                        if (leftLength is null || rightLength is null || leftLength != rightLength)
                        {
                            throw Error(call, $"dot takes two vectors of the same size, but they are {first.Describe()} and {second.Describe()}");
                        }

                        return Shape.Scalar;
                    }

                case "diag":
                    return first.IsColumnVector
                        ? new Shape(first.Rows, first.Rows)
                        : throw Error(call, $"diag takes a vector (the diagonal matrix of a vector), but {call.Arguments[0]} is {first.Describe()}");
                default:
                    throw Error(call, "unknown function '" + call.Function + "'");
            }
        }

        private static Dimension Dimension(SyntaxNode argument, Session session) => argument switch
        {
            NumberSyntax { Denominator.IsOne: true } n when n.Numerator >= 1 && n.Numerator <= ClaimLimits.MaxSize =>
                new Dimension(null, (int)n.Numerator),
            NameSyntax { Subscripts.IsEmpty: true } name when session.IsSize(name.Name) => new Dimension(name.Name, 0),
            NameSyntax name => throw Error(name, $"'{name.Name}' is not a size: sizes are the names in R^… declarations and `for` lines"),
            _ => throw Error(argument, $"a size must be a size name or a whole number in 1..{ClaimLimits.MaxSize}, found {argument}"),
        };

        /// <summary>A positioned error that quotes the expression: "cannot multiply a 3×2 matrix by a vector of size 4 (W * x)".</summary>
        private static ClaimsSyntaxException Error(SyntaxNode at, string message)
        {
            var text = at.ToString();
            if (text.Length > 1 && text[0] == '(' && text[^1] == ')' && at is BinarySyntax or EntrywiseSyntax or DerivativeSyntax)
            {
                text = text[1..^1];
            }

            return new ClaimsSyntaxException(at.Line, at.Column, message + " (" + text + ")");
        }
    }
}
