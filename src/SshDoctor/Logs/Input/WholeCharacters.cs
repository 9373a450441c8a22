namespace SshDoctor.Logs.Input;

/// <summary>
/// Cutting text without splitting a character: a character above U+FFFF is two UTF-16 units (a surrogate pair), and half
/// of one is not text — the JSON writer refuses it and a terminal shows garbage. Every bound on the length of read text
/// goes through <see cref="Cut"/>.
/// </summary>
public static class WholeCharacters
{
    /// <summary>The longest beginning of <paramref name="text"/> of at most <paramref name="max"/> units that ends between two characters.</summary>
    public static ReadOnlySpan<char> Cut(ReadOnlySpan<char> text, int max) => text.Length <= max ? text : text[..CutLength(text, max)];

    /// <summary>How many units of <paramref name="text"/> fit in <paramref name="max"/> without ending in the first half of a pair.</summary>
    public static int CutLength(ReadOnlySpan<char> text, int max)
    {
        if (text.Length <= max)
        {
            return text.Length;
        }

        return max > 0 && char.IsHighSurrogate(text[max - 1]) && char.IsLowSurrogate(text[max]) ? max - 1 : max;
    }

    /// <summary>True when <paramref name="text"/> holds half of a surrogate pair without its other half.</summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return true;
        }

        return false;
    }
}
