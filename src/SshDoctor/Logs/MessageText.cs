namespace SshDoctor.Logs;

/// <summary>Removes what OpenSSH puts around a message: <c>debug1: </c>, <c>error: </c>, the <c>[preauth]</c> suffix.</summary>
public static class MessageText
{
    public static string Strip(string message)
    {
        var span = message.AsSpan().Trim();
        while (true)
        {
            var colon = span.IndexOf(": ", StringComparison.Ordinal);
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

        return span.Length == message.Length ? message : span.ToString();
    }

    private static bool IsLevel(ReadOnlySpan<char> word) =>
        word is "debug1" or "debug2" or "debug3" or "debug" or "error" or "fatal" or "verbose" or "info";
}
