using System.Collections.Immutable;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Indexed;

/// <summary>
/// A sum over <c>1..Size</c> that no rule reduces (<c>sum(k, exp(z_k))</c>): the prover sees it as the
/// opaque symbol <see cref="Symbol"/>. Alpha-equivalent sums are one atom, because the body is stored
/// with its bound index renamed to a canonical code that depends only on the nesting height.
/// </summary>
/// <param name="Id">The atom's number (its symbol's index).</param>
/// <param name="Size">The size symbol of the bound index's range.</param>
/// <param name="Bound">The canonical code of the bound index inside <paramref name="Body"/>.</param>
/// <param name="Body">The summand, every factor of which depends on the bound index.</param>
/// <param name="FreeCodes">The index codes free in the body (not the bound one).</param>
/// <param name="Height">0 for a sum with no sum inside, else one more than the highest inner atom.</param>
/// <param name="Positive">True when every term is certainly positive (a product of exponentials), so the sum is.</param>
/// <param name="Symbol">The opaque symbol standing for the sum.</param>
internal sealed record SumAtom(
    int Id, string Size, int Bound, Expr Body, ImmutableSortedSet<int> FreeCodes, int Height, bool Positive, Symbol Symbol);
