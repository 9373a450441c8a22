using System.Collections;
using System.Reflection;

namespace SshDoctor.Fuzz;

/// <summary>
/// Checks what a parser produced for lone surrogates: a string holding one cannot be written as UTF-8 (the JSON writer
/// throws, a terminal shows garbage). Walks the public properties of the produced objects, their lists and dictionaries.
/// </summary>
public static class ProducedText
{
    private const int MaxDepth = 16;

    public static void Check(string? text, string what)
    {
        if (text is not null && LoneSurrogateAt(text) is { } index)
        {
            throw new FuzzFindingException($"lone surrogate U+{(int)text[index]:X4} at {index} in {what}: {Escape(text)}");
        }
    }

    /// <summary>Every string reachable from <paramref name="value"/> through public properties, sequences and dictionaries.</summary>
    public static void CheckAll(object? value, string what) => Walk(value, what, 0, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static void Walk(object? value, string path, int depth, HashSet<object> seen)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                Check(s, path);
                return;
            case char c:
                if (char.IsSurrogate(c))
                {
                    throw new FuzzFindingException($"lone surrogate U+{(int)c:X4} in {path}");
                }

                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || depth > MaxDepth || value is Delegate or Type or MemberInfo)
        {
            return;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                Walk(item, $"{path}[{i++}]", depth + 1, seen);
            }

            return;
        }

        // Only our own types and the framework's pairs and tuples: their parts are what was produced.
        var ours = type.Namespace?.StartsWith("SshDoctor", StringComparison.Ordinal) == true;
        if (!ours && !(type.IsGenericType && type.Name.StartsWith("KeyValuePair", StringComparison.Ordinal)) && !type.Name.StartsWith("ValueTuple", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is not null)
            {
                Walk(property.GetValue(value), $"{path}.{property.Name}", depth + 1, seen);
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            Walk(field.GetValue(value), $"{path}.{field.Name}", depth + 1, seen);
        }
    }

    private static int? LoneSurrogateAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return null;
    }

    private static string Escape(string text)
    {
        var shown = text.Length > 200 ? text[..200] : text;
        return string.Concat(shown.Select(c => c < ' ' || char.IsSurrogate(c) || c > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
