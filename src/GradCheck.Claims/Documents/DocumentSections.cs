using System.Text.RegularExpressions;

namespace GradCheck.Claims.Documents;

/// <summary>Sections by their numbers: a heading titled with a section number (<c>### 1.3 Deriving …</c>, or a word and
/// a number: <c>### Problem 3</c>, <c>#### Q4</c>) closes the section of a numbered sibling (<c>## 1.2 Conceptual …</c>,
/// <c>## Problem 2</c>) even when its <c>#</c>s make it deeper: students number what they mean and pick the <c>#</c>s by
/// look.</summary>
internal sealed partial class DocumentSession
{
    /// <summary>The numbered headings open at this point: their section number and the level they stand at.</summary>
    private readonly List<(string Word, string Number, int Level)> _numbered = [];

    [GeneratedRegex(@"^[ \t]*#+[ \t]*(?:([A-Za-z]+)[ \t]*)?(\d+(?:\.\d+)*)\.?(?=[ \t]|$)", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex SectionNumber();

    /// <summary>The level at which a heading closes sections: its own, or a numbered sibling's when that is higher.</summary>
    private int SectionLevel(Heading heading)
    {
        var level = heading.Level;
        var match = SectionNumber().Match(_document.Text, heading.Offset);
        if (match.Success && match.Index == heading.Offset)
        {
            var word = match.Groups[1].Value;
            var number = match.Groups[2].Value;
            var depth = number.Count(c => c == '.');
            foreach (var (openWord, open, openLevel) in _numbered)
            {
                if (open.Count(c => c == '.') == depth && string.Equals(openWord, word, StringComparison.OrdinalIgnoreCase) && openLevel < level)
                {
                    level = openLevel; // 1.3 after 1.2: a sibling, whatever its #s
                }
            }

            _numbered.RemoveAll(n => n.Level >= level);
            _numbered.Add((word, number, level));
            return level;
        }

        _numbered.RemoveAll(n => n.Level >= level);
        return level;
    }
}
