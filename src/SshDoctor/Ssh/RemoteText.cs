using System.Globalization;
using System.Text;

namespace SshDoctor.Ssh;

/// <summary>
/// Bounds for what a remote party sent (a disconnect description, a banner, an agent key comment, a KEXINIT or
/// method name-list) wherever it is kept or shown: a hostile peer decides how long those are, the report does not.
/// Escaping for the terminal is the renderers' job; this only cuts, and says how much was cut.
/// </summary>
public static class RemoteText
{
    /// <summary>Longest free text kept from a peer (OpenSSH prints disconnect descriptions with %.400s).</summary>
    public const int MaxKeptCharacters = 1024;

    /// <summary>Most names of a name-list written into a sentence.</summary>
    public const int MaxNamesInText = 32;

    /// <summary>Most names of a name-list kept in a report list (one more entry says how many were left out).</summary>
    public const int MaxNamesInList = 64;

    /// <summary>The text, cut to <paramref name="maxCharacters"/> with the original length said when it was longer.</summary>
    public static string Cut(string text, int maxCharacters = MaxKeptCharacters)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxCharacters)
        {
            return text;
        }

        // Never split a surrogate pair.
        var end = char.IsHighSurrogate(text[maxCharacters - 1]) ? maxCharacters - 1 : maxCharacters;
        return text[..end] + string.Create(CultureInfo.InvariantCulture, $"… ({text.Length:N0} characters)");
    }

    /// <summary>
    /// Decodes at most <paramref name="maxBytes"/> of UTF-8 (cut at a character boundary; invalid sequences become
    /// U+FFFD) and says how many bytes there were when it cut.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, int maxBytes = MaxKeptCharacters)
    {
        if (bytes.Length <= maxBytes)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return Encoding.UTF8.GetString(bytes[..end]) + string.Create(CultureInfo.InvariantCulture, $"… ({bytes.Length:N0} bytes)");
    }

    /// <summary>A name-list joined with commas, at most <see cref="MaxNamesInText"/> names and a count of the rest.</summary>
    public static string Names(IReadOnlyList<string> names, int maxNames = MaxNamesInText)
    {
        ArgumentNullException.ThrowIfNull(names);
        var shown = string.Join(',', names.Take(maxNames).Select(n => Cut(n, 128)));
        return names.Count <= maxNames ? shown : shown + string.Create(CultureInfo.InvariantCulture, $",… (+{names.Count - maxNames:N0} more)");
    }

    /// <summary>The first <see cref="MaxNamesInList"/> names and, when there were more, an entry saying how many.</summary>
    public static IReadOnlyList<string> Head(IReadOnlyList<string> names, int maxNames = MaxNamesInList)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Count <= maxNames && names.All(n => n.Length <= 128)
            ? names
            : [.. names.Take(maxNames).Select(n => Cut(n, 128)), .. names.Count > maxNames ? [string.Create(CultureInfo.InvariantCulture, $"… (+{names.Count - maxNames:N0} more)")] : Array.Empty<string>()];
    }
}
