using System.Text;

namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>Fills <c>{name}</c> placeholders of catalogue texts; an unknown value prints as the name in capitals (HOST).</summary>
public static class Template
{
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }

            var close = text.IndexOf('}', open + 1);
            if (close < 0 || !IsName(text.AsSpan(open + 1, close - open - 1)))
            {
                result.Append(text, i, open - i + 1);
                i = open + 1;
                continue;
            }

            result.Append(text, i, open - i);
            var name = text.Substring(open + 1, close - open - 1);
            result.Append(values.TryGetValue(name, out var value) ? value : name.ToUpperInvariant());
            i = close + 1;
        }

        return result.ToString();
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 20)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
