using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;
using MathNet.Numerics.LinearAlgebra;

namespace GradCheck.Claims.Checking;

internal sealed partial class ClaimRun
{
    private Assumptions BuildAssumptions(HashSet<Symbol> symbols, Dictionary<string, (int From, int To)> ranges)
    {
        var assumptions = Assumptions.None;
        foreach (var assume in _claim.Assumptions)
        {
            switch (assume)
            {
                case IntervalAssumeSyntax interval:
                    {
                        // Exact ends: 0.1 is 1/10 and −1e-400 is not 0 (the doubles are rounded outward).
                        var domain = SymbolInterval.FromRationals(
                            interval.Lower is null ? null : Parse(interval.Lower, assume),
                            interval.Upper is null ? null : Parse(interval.Upper, assume),
                            interval.LowerOpen,
                            interval.UpperOpen);
                        if (domain.IsEmpty)
                        {
                            throw new ClaimsSyntaxException(assume.Line, assume.Column, $"the interval assumed for '{assume.Name}' is empty");
                        }

                        foreach (var s in symbols.Where(s => s.Name == assume.Name))
                        {
                            assumptions = assumptions.WithInterval(s, domain);
                        }

                        break;
                    }

                case DiscreteAssumeSyntax discrete:
                    {
                        var values = discrete.Values.Select(v => Parse(v, assume)).ToArray();
                        foreach (var s in symbols.Where(s => s.Name == assume.Name))
                        {
                            assumptions = assumptions.WithDiscrete(s, values);
                        }

                        break;
                    }

                case VectorAssumeSyntax vector:
                    {
                        var (from, to) = ranges[vector.Index!];
                        var entries = Enumerable.Range(from, to - from + 1).Select(k => (Symbol)Expr.Sym(vector.Name, k)).ToList();
                        assumptions = vector.OneHot ? assumptions.WithOneHot(entries) : assumptions.WithSimplex(entries);
                        break;
                    }
            }
        }

        return assumptions;

        static Rational Parse(string text, AssumeSyntax assume) =>
            Rational.TryParse(text, out var value)
                ? value
                : throw new ClaimsSyntaxException(assume.Line, assume.Column, $"'{text}' is not a number");
    }
}
