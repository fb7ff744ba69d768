using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GradCheck.Claims.Matrix;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Limits;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;
using MathNet.Numerics.LinearAlgebra;

namespace GradCheck.Claims.Checking;

/// <summary>
/// Checks claims: instantiates each claim for every size in its <c>for</c> lines and every value of
/// its free indices, then checks every step of every instance with <see cref="Prover"/>;
/// where the prover can neither prove nor refute, numeric witnesses compare the sides at random
/// points of the assumed domains with rigorous enclosures. A step's verdict is its weakest
/// instance's, a claim's its weakest step's; the first refuted step is named. Never throws for bad
/// input: anything that cannot be read or makes no sense is an <see cref="Verdict.Error"/> result
/// with line, column and reason.
/// </summary>
public static class ClaimChecker
{
    /// <summary>Parses and checks every claim of a file's text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The name shown in reports.</param>
    /// <param name="options">Settings, or null for <see cref="CheckOptions.Default"/>.</param>
    /// <param name="progress">Called after each claim is checked (for progress displays), or null.</param>
    /// <returns>One result per claim (or per unreadable stretch of text).</returns>
    public static IReadOnlyList<ClaimResult> CheckText(string text, string file, CheckOptions? options = null, Action<ClaimResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var results = new List<ClaimResult>();
        foreach (var entry in ClaimsParser.Parse(text, file))
        {
            var result = Check(entry, options);
            results.Add(result);
            progress?.Invoke(result);
        }

        return results;
    }

    /// <summary>Checks one parsed entry (an entry that did not parse becomes an error result).</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    public static ClaimResult Check(ClaimEntry entry, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Claim is { } claim)
        {
            return Check(claim, options);
        }

        return new ClaimResult(entry.Name, entry.File, entry.Line, entry.Source, Verdict.Error, entry.Expectation?.Outcome,
            entry.Expectation?.Step, null, [], entry.Error, null, TimeSpan.Zero);
    }

    /// <summary>Checks one claim.</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    public static ClaimResult Check(ClaimSyntax claim, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        options ??= CheckOptions.Default;
        var clock = Stopwatch.StartNew();
        using var limit = WorkDeadline.Start(options.ClaimTimeLimit);
        try
        {
            claim = MatrixLowering.Lower(claim);
            var run = new ClaimRun(claim, options, clock);
            var steps = EverySizeProof.Annotate(claim, run.Run(), options, options.ClaimTimeLimit - clock.Elapsed);
            if (claim.Matrix is null)
            {
                // Corrections are written in index notation; a matrix claim's would need writing back as matrices.
                steps = Corrections.StepCorrections.Annotate(claim, steps, run.Instances, options, options.ClaimTimeLimit - clock.Elapsed);
            }

            if (claim.Matrix is { } matrix)
            {
                // A step's shape is its right side's (the psd check's, the last expression's).
                steps = [.. steps.Select(s => s with { Shape = matrix.StepShapes[Math.Min(s.Index, matrix.StepShapes.Count - 1)] })];
            }

            var verdict = steps.Aggregate(Verdict.Proved, (v, s) => VerdictText.Weakest(v, s.Verdict));
            var firstRefuted = steps.FirstOrDefault(s => s.Verdict == Verdict.Refuted)?.Index;
            return Result(claim, verdict, firstRefuted, steps, null, clock.Elapsed) with { FiniteDifferenceChecks = run.FiniteDifferenceChecks };
        }
        catch (WorkTimeLimitException e)
        {
            // The limit holds in every phase (binding, let expansion, differentiation, proving, sampling): say where it stopped.
            return Result(claim, Verdict.Error, null, [], new SourceError(claim.Line, 1, string.Create(CultureInfo.InvariantCulture,
                $"checking {e.Message} (the claim's limit is {options.ClaimTimeLimit.TotalSeconds:0.#} s): the claim has too many instances or too large expressions")), clock.Elapsed);
        }
        catch (ClaimsSyntaxException e)
        {
            return Result(claim, Verdict.Error, null, [], e.ToSourceError(), clock.Elapsed);
        }
        catch (SymbolicSyntaxException e)
        {
            return Result(claim, Verdict.Error, null, [], new SourceError(e.Line, e.Column, e.Reason), clock.Elapsed);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException
                                      or KeyNotFoundException or NotSupportedException or InsufficientExecutionStackException)
        {
            // The engine refused the input in a way the checks above did not foresee: still an
            // answer with a position, never a crash.
            return Result(claim, Verdict.Error, null, [], new SourceError(claim.Line, 1, $"the claim could not be checked: {e.Message}"), clock.Elapsed);
        }
    }

    private static ClaimResult Result(ClaimSyntax claim, Verdict verdict, int? firstRefuted, IReadOnlyList<StepResult> steps, SourceError? error, TimeSpan elapsed) =>
        new(claim.Name, claim.File, claim.Line, claim.Source, verdict, claim.Expectation?.Outcome, claim.Expectation?.Step,
            firstRefuted, steps, error, claim, elapsed);

    /// <summary>A stable 32-bit hash (FNV-1a) so sampled points do not change between runs.</summary>
    internal static int StableHash(string text, int seed)
    {
        unchecked
        {
            var hash = 2166136261u ^ (uint)seed;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }
}
