using System.Diagnostics;
using System.Globalization;

namespace GradCheck.Symbolic.Limits;

/// <summary>
/// An ambient time limit for the work of one thread: binding, <c>let</c> expansion, differentiation, the
/// prover's normal form and its sampling all poll it, so a claim whose expressions explode (a chain of
/// <c>let a{i} = a{i-1}*a{i-1} + a{i-1}</c>, whose derivative compares structurally equal DAGs exponentially
/// often) stops at its limit in whichever phase it is, with <see cref="WorkTimeLimitException"/> naming
/// that phase, rather than running for minutes between the coarse checks of the caller.
/// </summary>
/// <remarks>
/// Ambient rather than a parameter because the expensive inner loops (structural equality and canonical
/// ordering of expressions, node construction) sit far below every public API; threading a token through
/// them would change every signature. The state is per thread ([ThreadStatic]): claims checked in
/// parallel each have their own limit, and a thread with no limit pays one static read per poll.
/// Polls read the clock once every <see cref="PollStride"/> calls.
/// </remarks>
/// <example>
/// <code>
/// using (WorkDeadline.Start(TimeSpan.FromSeconds(30)))
/// using (WorkDeadline.Enter("differentiation"))
/// {
///     var d = Differentiator.Differentiate(f, x); // throws WorkTimeLimitException after 30 s
/// }
/// </code>
/// </example>
public static class WorkDeadline
{
    /// <summary>How many polls pass between two readings of the clock.</summary>
    public const int PollStride = 256;

    [ThreadStatic] private static long t_deadline; // Stopwatch timestamp; 0: no limit on this thread
    [ThreadStatic] private static long t_started;
    [ThreadStatic] private static int t_countdown;
    [ThreadStatic] private static string? t_phase;

    /// <summary>Whether this thread has a limit.</summary>
    public static bool IsActive => t_deadline != 0;

    /// <summary>The phase the current work is in (for the message of a time-out), or null.</summary>
    public static string? Phase => t_phase;

    /// <summary>Starts a limit of <paramref name="limit"/> from now on this thread; disposing the result ends it
    /// (restoring an enclosing limit, if any).</summary>
    /// <param name="limit">The time allowed; zero or negative means the limit has already passed.</param>
    public static IDisposable Start(TimeSpan limit)
    {
        var saved = (t_deadline, t_started, t_phase);
        t_started = Stopwatch.GetTimestamp();
        var ticks = limit <= TimeSpan.Zero ? 1 : (long)Math.Min(limit.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4);
        t_deadline = t_started + ticks;
        t_countdown = 0;
        t_phase = null;
        return new Restore(() => (t_deadline, t_started, t_phase) = saved);
    }

    /// <summary>Names the phase of the work that follows, until the result is disposed (then the previous
    /// phase is current again).</summary>
    /// <param name="phase">A phrase such as "let expansion" that completes "stopped after 30 s in …".</param>
    public static IDisposable Enter(string phase)
    {
        var saved = t_phase;
        t_phase = phase;
        return new Restore(() => t_phase = saved);
    }

    /// <summary>Throws <see cref="WorkTimeLimitException"/> when this thread's limit has passed; reads the
    /// clock only every <see cref="PollStride"/> calls.</summary>
    /// <exception cref="WorkTimeLimitException">The limit has passed.</exception>
    public static void Poll()
    {
        if (t_deadline == 0 || --t_countdown > 0)
        {
            return;
        }

        t_countdown = PollStride;
        CheckNow();
    }

    /// <summary>Reads the clock now and throws when the limit has passed.</summary>
    /// <exception cref="WorkTimeLimitException">The limit has passed.</exception>
    public static void CheckNow()
    {
        if (t_deadline != 0 && Stopwatch.GetTimestamp() > t_deadline)
        {
            var elapsed = Stopwatch.GetElapsedTime(t_started);
            throw new WorkTimeLimitException(t_phase ?? "checking", elapsed);
        }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        private Action? _restore = restore;

        public void Dispose()
        {
            _restore?.Invoke();
            _restore = null;
        }
    }
}

/// <summary>Thrown when a <see cref="WorkDeadline"/> limit passes; names the phase the work was in.</summary>
public sealed class WorkTimeLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="phase">The phase, e.g. "differentiation".</param>
    /// <param name="elapsed">The time spent since the limit started.</param>
    public WorkTimeLimitException(string phase, TimeSpan elapsed)
        : base(string.Create(CultureInfo.InvariantCulture, $"stopped after {elapsed.TotalSeconds:0} s in {phase}"))
    {
        Phase = phase;
        Elapsed = elapsed;
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkTimeLimitException()
        : this("checking", TimeSpan.Zero)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public WorkTimeLimitException(string message)
        : base(message)
    {
        Phase = "checking";
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WorkTimeLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
        Phase = "checking";
    }

    /// <summary>The phase the work was in.</summary>
    public string Phase { get; }

    /// <summary>How long the work had run.</summary>
    public TimeSpan Elapsed { get; }
}
