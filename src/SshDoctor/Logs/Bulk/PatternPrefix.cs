namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Reads the literal text a signature's pattern must start with (<c>^Failed none for</c> → <c>Failed none for</c>), so a
/// message can be ruled out by its first characters without running the pattern. Empty when the pattern is not anchored
/// at the start or begins with a group, class or alternation.
/// </summary>
internal static class PatternPrefix
{
    private const string Special = @"\.()[]{}?*+|^$#";

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

    private static bool HasTopLevelAlternation(string pattern)
    {
        var depth = 0;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
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
            else if (c == ')')
            {
                depth--;
            }
            else if (c == '|' && depth == 0)
            {
                return true;
            }
        }

        return false;
    }
}
