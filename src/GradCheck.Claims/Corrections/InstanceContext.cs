using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Claims.Corrections;

/// <summary>One instance of a claim as the checker bound it, kept so that a refuted step's correction can
/// be proved at every instance without binding the chain again.</summary>
/// <param name="Label">The sizes and free-index values (null for a claim without either).</param>
/// <param name="Scope">The binding scope of the instance.</param>
/// <param name="Assumptions">The assumptions the steps were proved under.</param>
/// <param name="Chain">The chain's expressions, bound.</param>
internal sealed record InstanceContext(IReadOnlyDictionary<string, int>? Label, BindingScope Scope, Assumptions Assumptions, IReadOnlyList<Expr> Chain);
