using System.Numerics;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>What an atom (a variable of the prover's polynomials) stands for.</summary>
internal abstract record Atom;

/// <summary>A symbol of the expression.</summary>
internal sealed record SymbolAtom(Symbol Symbol) : Atom;

/// <summary>exp(m / Q) for a monomial m over atoms (m = 1 gives e^(1/Q)); Q is the session's exp scale.</summary>
internal sealed record ExpAtom(Monomial Monomial) : Atom;

/// <summary>exp(v) for a rational function v whose denominator is not constant.</summary>
internal sealed record ExpOfFractionAtom(RationalFunction Argument) : Atom;

/// <summary>ln|a| for another atom a that is not an exponential.</summary>
internal sealed record LnOfAtom(int Atom) : Atom;

/// <summary>ln|P| for an interned factor polynomial P (primitive, at least two terms).</summary>
internal sealed record LnOfFactor(int Factor) : Atom;

/// <summary>ln n for an integer n ≥ 2 (a prime, or a cofactor without small prime factors).</summary>
internal sealed record LnOfInteger(BigInteger Value) : Atom;

/// <summary>sign(v) or step(v) of a normalised argument.</summary>
internal sealed record KinkAtom(FunctionKind Kind, RationalFunction Argument) : Atom;

/// <summary>b^(1/q) of a normalised base, q ≥ 2.</summary>
internal sealed record RootAtom(RationalFunction Base, int Degree) : Atom;
