namespace SshDoctor.Tests.Conventions;

/// <summary>
/// Reads the literal text a signature's pattern must start with (<c>^Failed none for</c> → <c>Failed none for</c>), so a
/// message can be ruled out by its first characters without running the pattern. Empty when the pattern is not anchored
/// at the start or begins with a group, class or alternation.
/// </summary>
internal static class PatternPrefix
{
    private const string Special = @"\.()[]{}?*+|^$#";

    /// <summary>Whether a pattern's character is more than itself (the literal start ends before it).</summary>
    public static bool IsSpecial(char c) => Special.Contains(c, StringComparison.Ordinal);

    public static string Of(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || HasTopLevelAlternation(pattern))
        {
            return string.Empty;
        }

        var end = 1;
        while (end < pattern.Length && !Special.Contains(pattern[end], StringComparison.Ordinal))
        {
            end++;
        }

        // A quantifier applies to the last literal character only: that character is optional, drop it.
        if (end < pattern.Length && pattern[end] is '?' or '*' or '{')
        {
            end--;
        }

        return end > 1 ? pattern[1..end] : string.Empty;
    }

    /// <summary>
    /// The characters a message matching the pattern can start with (all ASCII), when the pattern is anchored at the
    /// start and begins with literals, classes of literals and groups of them, some optional
    /// (<c>^(?:\[ID \d+ [\w.]+\] )?Failed</c> → <c>[F</c>); null when any character could come first or this reading
    /// cannot tell (<c>.</c>, <c>\d</c>, <c>\w</c>, <c>\S</c>, a negated class, a look-around, a top-level alternation).
    /// </summary>
    public static string? FirstChars(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || HasTopLevelAlternation(pattern))
        {
            return null;
        }

        var at = 1;
        var first = new SortedSet<char>();
        return Sequence(pattern, ref at, first) is false && first.Count > 0 ? string.Concat(first) : null;
    }

    /// <summary>
    /// Adds the first characters of the sequence at <paramref name="at"/> (up to <c>|</c>, <c>)</c> or the end) to
    /// <paramref name="first"/>: false when the sequence cannot be empty, true when it can, null when unreadable.
    /// <paramref name="at"/> ends at the sequence's end.
    /// </summary>
    private static bool? Sequence(string pattern, ref int at, SortedSet<char> first)
    {
        var canBeEmpty = true;
        while (at < pattern.Length && pattern[at] is not ('|' or ')'))
        {
            var seen = canBeEmpty ? first : [];
            var elementEmpty = Element(pattern, ref at, seen);
            if (elementEmpty is null)
            {
                return null;
            }

            if (at < pattern.Length && pattern[at] is '?' or '*')
            {
                elementEmpty = true;
                at++;
            }
            else if (at < pattern.Length && pattern[at] == '+')
            {
                at++;
            }
            else if (at < pattern.Length && pattern[at] == '{')
            {
                var close = pattern.IndexOf('}', at);
                if (close < 0)
                {
                    return null;
                }

                elementEmpty |= pattern[at + 1] == '0' || pattern[at + 1] == ',';
                at = close + 1;
            }

            if (at < pattern.Length && pattern[at] == '?')
            {
                at++; // lazy
            }

            canBeEmpty &= elementEmpty.Value;
            if (!canBeEmpty)
            {
                // The first characters are known: what follows only needs passing over, to the end of this sequence.
                return SkipSequence(pattern, ref at) ? false : null;
            }
        }

        return canBeEmpty;
    }

    /// <summary>Moves <paramref name="at"/> to the <c>|</c> or <c>)</c> that ends the current sequence, or to the end; false when unbalanced.</summary>
    private static bool SkipSequence(string pattern, ref int at)
    {
        var depth = 0;
        var inClass = false;
        for (; at < pattern.Length; at++)
        {
            var c = pattern[at];
            if (c == '\\')
            {
                at++;
            }
            else if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c is ')' or '|' && depth == 0)
            {
                return true;
            }
            else if (c == ')')
            {
                depth--;
            }
        }

        return depth == 0 && !inClass;
    }

    /// <summary>One element (a literal, a class or a group): its first characters; whether it can be empty; null when unreadable.</summary>
    private static bool? Element(string pattern, ref int at, SortedSet<char> first)
    {
        var c = pattern[at];
        if (c == '(')
        {
            if (pattern[at + 1] != '?')
            {
                at++;
            }
            else if (at + 3 < pattern.Length && pattern[at + 2] == ':')
            {
                at += 3;
            }
            else if (at + 3 < pattern.Length && pattern[at + 2] == '<' && char.IsLetter(pattern[at + 3]) && pattern.IndexOf('>', at) is > 0 and var close)
            {
                at = close + 1;
            }
            else
            {
                return null; // a look-around or an inline option
            }

            var canBeEmpty = false;
            while (true)
            {
                var alternative = Sequence(pattern, ref at, first);
                if (alternative is null || at >= pattern.Length)
                {
                    return null;
                }

                canBeEmpty |= alternative.Value;
                if (pattern[at++] == ')')
                {
                    return canBeEmpty;
                }
            }
        }

        if (c == '[')
        {
            return Class(pattern, ref at, first) ? false : null;
        }

        if (c == '\\')
        {
            if (at + 1 >= pattern.Length || char.IsLetterOrDigit(pattern[at + 1]))
            {
                return null;
            }

            first.Add(pattern[at + 1]);
            at += 2;
            return false;
        }

        if (c is '.' or '$' or '^' || c >= 128)
        {
            return null;
        }

        first.Add(c);
        at++;
        return false;
    }

    /// <summary>A class of literal ASCII characters and ranges (<c>[Tt]</c>, <c>[a-f]</c>); false for anything else.</summary>
    private static bool Class(string pattern, ref int at, SortedSet<char> first)
    {
        var close = pattern.IndexOf(']', at + 2);
        if (close < 0 || pattern[at + 1] == '^')
        {
            return false;
        }

        var members = pattern[(at + 1)..close];
        if (members.Contains('\\', StringComparison.Ordinal) || members.Any(m => m >= 128))
        {
            return false;
        }

        for (var i = 0; i < members.Length; i++)
        {
            if (i + 2 < members.Length && members[i + 1] == '-')
            {
                for (var m = members[i]; m <= members[i + 2]; m++)
                {
                    first.Add(m);
                }

                i += 2;
            }
            else
            {
                first.Add(members[i]);
            }
        }

        at = close + 1;
        return true;
    }

    /// <summary>A <c>|</c> outside every group: the pattern is an alternation as a whole (the walk of <see cref="SkipSequence"/> from the start).</summary>
    private static bool HasTopLevelAlternation(string pattern)
    {
        var at = 0;
        return SkipSequence(pattern, ref at) && at < pattern.Length && pattern[at] == '|';
    }
}
