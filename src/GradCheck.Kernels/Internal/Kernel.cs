using System.Runtime.CompilerServices;

namespace GradCheck.Kernels.Internal;

/// <summary>How the JIT should treat the methods that hold a kernel's vector loops.</summary>
internal static class Kernel
{
    /// <summary>
    /// Never inlined: the JIT's inlining budget scales with the caller's size, and when the tiny public
    /// <c>Activations.Sigmoid</c> swallowed the element-wise loop with its inlined exp bodies it ran out of budget and
    /// left the polynomial's multiply-adds as calls (sigmoid 128×200 took 4–5× as long). Compiled fully optimised on
    /// the first call: a loop that sees a few calls on a large matrix should not run them as tier-0 code.
    /// </summary>
    public const MethodImplOptions Loop = MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization;
}
