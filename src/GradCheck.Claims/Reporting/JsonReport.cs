using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;

namespace GradCheck.Claims.Reporting;

/// <summary>
/// Writes results as the JSON document of claims-format.md: <c>claims</c> (name, file, line,
/// verdict, expected, expectedStep, expectationMet, firstRefutedStep, steps, error) and
/// <c>summary</c>. Fields beyond the contract (source, step text, evidence, instances) are added,
/// never renamed; <c>provedForEveryK</c> (per claim and per step) says a claim with <c>for</c> lines was also
/// proved for every size at once by the index calculus. Non-finite numbers, which JSON cannot hold, are written as null; so is the value of a
/// side that is undefined at a domain counterexample, which also carries <c>undefinedSide</c>
/// (<c>"left"</c> or <c>"right"</c>) and <c>reason</c>. A refuted step (not a psd step) also carries
/// <c>correction</c> (the right side it should have had, proved equal to its left side at every instance, or
/// null) and <c>correctionDiff</c> (<c>kind</c>, <c>written</c>, <c>corrected</c>, <c>explanation</c>,
/// <c>provedInstances</c>, or null).
/// </summary>
public static class JsonReport
{
    /// <summary>The JSON document for <paramref name="results"/>, indented, UTF-8 text.</summary>
    /// <param name="results">Claim results in order.</param>
    public static string Write(IReadOnlyList<ClaimResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("claims");
            foreach (var result in results)
            {
                WriteClaim(json, result);
            }

            json.WriteEndArray();
            var summary = VerdictSummary.Of(results);
            json.WriteStartObject("summary");
            json.WriteNumber("proved", summary.Proved);
            json.WriteNumber("holdsNumerically", summary.HoldsNumerically);
            json.WriteNumber("refuted", summary.Refuted);
            json.WriteNumber("error", summary.Error);
            json.WriteEndObject();
            json.WriteNumber("exitCode", ExitCodes.For(results));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteClaim(Utf8JsonWriter json, ClaimResult result)
    {
        json.WriteStartObject();
        json.WriteString("name", result.Name);
        json.WriteString("file", result.File);
        json.WriteNumber("line", result.Line);
        json.WriteString("verdict", result.Verdict.ToText());
        if (result.Expected is { } expected)
        {
            json.WriteString("expected", expected == ExpectedOutcome.Proved ? "proved" : "refuted");
        }
        else
        {
            json.WriteNull("expected");
        }

        WriteNullableInt(json, "expectedStep", result.ExpectedStep);
        if (result.ExpectationMet is { } met)
        {
            json.WriteBoolean("expectationMet", met);
        }
        else
        {
            json.WriteNull("expectationMet");
        }

        WriteNullableInt(json, "firstRefutedStep", result.FirstRefutedStep);
        if (result.Source is null)
        {
            json.WriteNull("source");
        }
        else
        {
            json.WriteString("source", result.Source);
        }

        json.WriteNumber("finiteDifferenceChecks", result.FiniteDifferenceChecks);
        if (result.Syntax?.Matrix is { } matrix)
        {
            // Matrix notation (extension): every size and the values it was checked at.
            json.WriteStartObject("sizes");
            foreach (var (size, values) in matrix.Sizes)
            {
                json.WriteStartArray(size);
                foreach (var value in values)
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteBoolean("provedForEveryK", result.ProvedForEveryK);
        json.WriteStartArray("steps");
        foreach (var step in result.Steps)
        {
            WriteStep(json, step);
        }

        json.WriteEndArray();
        if (result.Error is { } error)
        {
            json.WriteStartObject("error");
            json.WriteNumber("line", error.Line);
            json.WriteNumber("column", error.Column);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("error");
        }

        json.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter json, StepResult step)
    {
        json.WriteStartObject();
        json.WriteNumber("index", step.Index);
        json.WriteString("verdict", step.Verdict.ToText());
        if (EntryLabels.WithoutEntry(step.Instance) is not { } instance)
        {
            json.WriteNull("instance");
        }
        else
        {
            json.WriteStartObject("instance");
            foreach (var (name, value) in instance)
            {
                json.WriteNumber(name, value);
            }

            json.WriteEndObject();
        }

        // Matrix notation (extension): the step's shape, and the entry of a refuted instance.
        if (step.Shape is { } shape)
        {
            json.WriteString("shape", shape);
        }

        if (EntryLabels.Entry(step.Instance) is { } entry)
        {
            json.WriteStartArray("entry");
            foreach (var value in entry)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
        }

        if (step.Counterexample is { } counterexample)
        {
            json.WriteStartObject("counterexample");
            json.WriteStartObject("values");
            foreach (var (name, value) in counterexample.Values)
            {
                WriteDouble(json, name, value);
            }

            json.WriteEndObject();
            WriteDouble(json, "left", counterexample.Left);
            WriteDouble(json, "right", counterexample.Right);
            WriteDouble(json, "bound", counterexample.Bound);
            if (counterexample.UndefinedSide is { } side)
            {
                json.WriteString("undefinedSide", side);
                json.WriteString("reason", counterexample.Reason);
            }
            else if (counterexample.Reason is { } reason)
            {
                json.WriteString("reason", reason);
            }

            if (counterexample.ExactDifference is { } exact)
            {
                // exact fractions as strings ("1/3"): a JSON number would round them back to the doubles
                json.WriteString("exactDifference", exact.ToString());
                WriteOptionalString(json, "exactLeft", counterexample.ExactLeft?.ToString());
                WriteOptionalString(json, "exactRight", counterexample.ExactRight?.ToString());
            }

            if (counterexample.PreciseBits > 0)
            {
                WriteDouble(json, "preciseDifference", counterexample.PreciseDifference);
                json.WriteNumber("preciseBits", counterexample.PreciseBits);
            }

            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("counterexample");
        }

        json.WriteStartArray("refutedAt");
        foreach (var refuted in step.RefutedAt ?? [])
        {
            json.WriteStartObject();
            foreach (var (name, value) in EntryLabels.WithoutEntry(refuted)!)
            {
                json.WriteNumber(name, value);
            }

            if (EntryLabels.Entry(refuted) is { } refutedEntry)
            {
                json.WriteStartArray("entry");
                foreach (var value in refutedEntry)
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("left", step.Left);
        json.WriteString("right", step.Right);
        json.WriteNumber("line", step.Line);
        json.WriteString("method", step.Method);
        json.WriteNumber("instances", step.Instances);
        json.WriteNumber("provedInstances", step.ProvedInstances);
        json.WriteNumber("refutedInstances", step.RefutedInstances);
        if (step.Evidence is { } evidence)
        {
            json.WriteStartObject("evidence");
            json.WriteNumber("points", evidence.Points);
            WriteDouble(json, "maxAbsDifference", evidence.MaxAbsDifference);
            WriteDouble(json, "maxErrorBound", evidence.MaxErrorBound);
            json.WriteNumber("skippedPoints", evidence.SkippedPoints);
            json.WriteNumber("inconclusivePoints", evidence.InconclusivePoints);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("evidence");
        }

        json.WriteBoolean("provedForEveryK", step.ProvedForEveryK);
        if (step is { Verdict: Verdict.Refuted, IsPsd: false })
        {
            // Extension, on refuted steps only: what the step should have said, proved equal to its left side.
            WriteOptionalString(json, "correction", step.Correction?.Text);
            if (step.Correction is { } correction)
            {
                json.WriteStartObject("correctionDiff");
                json.WriteString("kind", correction.KindText);
                json.WriteString("written", correction.Written);
                json.WriteString("corrected", correction.Corrected);
                WriteOptionalString(json, "explanation", correction.Explanation);
                json.WriteNumber("provedInstances", correction.ProvedInstances);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("correctionDiff");
            }
        }

        json.WriteEndObject();
    }

    private static void WriteNullableInt(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteOptionalString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
