using System.Globalization;

namespace GradCheck.Kernels.Internal;

/// <summary>Argument checks shared by every kernel; messages name the kernel, the argument and the shapes.</summary>
internal static class Guard
{
    public static void NonNegative(string kernel, int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentException(Format($"{kernel}: {name} must be non-negative but is {value}."), name);
        }
    }

    /// <summary>A matrix argument must hold exactly rows×cols elements.</summary>
    public static void MatrixLength(string kernel, int length, int rows, int cols, string name, string rowsName, string colsName)
    {
        long expected = (long)rows * cols;
        if (length != expected)
        {
            throw new ArgumentException(
                Format($"{kernel}: {name} has {length} elements but its shape {rowsName}×{colsName} = {rows}×{cols} needs {expected}."),
                name);
        }
    }

    /// <summary>A vector argument must hold exactly <paramref name="expected"/> elements.</summary>
    public static void VectorLength(string kernel, int length, int expected, string name, string what)
    {
        if (length != expected)
        {
            throw new ArgumentException(
                Format($"{kernel}: {name} has {length} elements but must have {what} = {expected}."), name);
        }
    }

    /// <summary>Element-wise kernels may run in place (same start) but not on partly overlapping spans.</summary>
    public static void NoPartialOverlap<T>(string kernel, ReadOnlySpan<T> input, ReadOnlySpan<T> output, string inputName, string outputName)
    {
        if (input.Overlaps(output, out int offset) && offset != 0)
        {
            throw new ArgumentException(
                Format($"{kernel}: {outputName} ({output.Length} elements) partly overlaps {inputName} ({input.Length} elements) at offset {offset}; pass the same span to work in place, or separate memory."),
                outputName);
        }
    }

    /// <summary>An output that must not share any memory with an input (GEMM reads its inputs many times).</summary>
    public static void NoOverlap<T>(string kernel, ReadOnlySpan<T> input, ReadOnlySpan<T> output, string inputName, string outputName)
    {
        if (input.Overlaps(output))
        {
            throw new ArgumentException(
                Format($"{kernel}: {outputName} ({output.Length} elements) overlaps {inputName} ({input.Length} elements); the output must be separate memory."),
                outputName);
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
