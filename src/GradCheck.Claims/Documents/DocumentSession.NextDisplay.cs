// DocumentSession: the annotation item `next`, after which an annotation's items hold for the next display only.
namespace GradCheck.Claims.Documents;

/// <summary><c>&lt;!-- gradcheck: next; let s1 = …; read s_1 as s1 --&gt;</c>: what follows <c>next</c> in the annotation
/// holds for the next display (every row of an aligned block) and is forgotten after it, for a reading that is right for
/// one display only (seed 004's chain rule read with one unit per layer) in a section whose next part means otherwise.</summary>
internal sealed partial class DocumentSession
{
    /// <summary>The items an annotation made after its <c>next</c>, and the display they are for once it is met.</summary>
    private readonly List<Scoped> _nextOnly = [];
    private int? _nextOnlyDisplay;

    /// <summary>The count of <see cref="_items"/> when the current annotation's <c>next</c> was read, or null.</summary>
    private int? _nextFrom;

    /// <summary>At the end of an annotation block: the items made after its <c>next</c> become next-display-only.</summary>
    private void CloseNextOnly()
    {
        if (_nextFrom is { } from)
        {
            _nextOnly.AddRange(_items.Skip(from));
            _nextOnlyDisplay = null;
            _nextFrom = null;
        }
    }

    /// <summary>Before a display row: next-display-only items are tied to the first display that follows them and are
    /// dropped at the first row of any other display.</summary>
    private void ExpireNextOnly(int display)
    {
        if (_nextOnly.Count == 0)
        {
            return;
        }

        _nextOnlyDisplay ??= display;
        if (_nextOnlyDisplay != display)
        {
            _items.RemoveAll(item => _nextOnly.Any(n => ReferenceEquals(n, item)));
            _nextOnly.Clear();
            _nextOnlyDisplay = null;
        }
    }
}
