namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Drops, on a span and without making a string, <c>error: </c>/<c>debug1: </c> level
/// words and the <c>[preauth]</c>/<c>[postauth]</c> suffix. <see cref="MessageText.Strip"/> is its string form.
/// </summary>
public static class MessageSpan
{
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> span)
    {
        span = span.Trim();

        // Every level word starts with one of these letters: most messages ("Failed ...", "Accepted ...") are passed at once.
        while (!span.IsEmpty && span[0] is 'd' or 'e' or 'f' or 'v' or 'i')
        {
            // Only a first ": " at 4 to 7 can end a level word: the rest of the message need not be searched.
            var colon = span[..Math.Min(span.Length, 9)].IndexOf(": ", StringComparison.Ordinal);
            if (colon is < 4 or > 7 || !IsLevel(span[..colon]))
            {
                break;
            }

            span = span[(colon + 2)..];
        }

        if (span.EndsWith(" [preauth]", StringComparison.Ordinal))
        {
            span = span[..^" [preauth]".Length];
        }
        else if (span.EndsWith(" [postauth]", StringComparison.Ordinal))
        {
            span = span[..^" [postauth]".Length];
        }

        return span;
    }

    private static bool IsLevel(ReadOnlySpan<char> word) =>
        word is "debug1" or "debug2" or "debug3" or "debug" or "error" or "fatal" or "verbose" or "info";
}
