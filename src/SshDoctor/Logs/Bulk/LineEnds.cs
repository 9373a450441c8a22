namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Where a log line ends: at LF, or at a CR followed by anything but CR or LF (old Mac files, and what a terminal or
/// <c>journalctl</c> shows of a carriage return). CRs just before an LF stay with the line (CR LF, CR CR LF) and are
/// trimmed with its trailing white space, so Windows files read exactly as before. A CR at the very end of what is
/// known so far ends nothing yet: the next character decides.
/// </summary>
public static class LineEnds
{
    public static bool CarriageReturnEndsLine(ReadOnlySpan<byte> bytes, int at) =>
        at + 1 < bytes.Length && bytes[at + 1] is not ((byte)'\n' or (byte)'\r');

    public static bool CarriageReturnEndsLine(ReadOnlySpan<char> text, int at) =>
        at + 1 < text.Length && text[at + 1] is not ('\n' or '\r');

    /// <summary>The index of the first line end in <paramref name="text"/>, or -1.</summary>
    public static int Next(ReadOnlySpan<char> text)
    {
        var from = 0;
        while (true)
        {
            var at = text[from..].IndexOfAny('\n', '\r');
            if (at < 0)
            {
                return -1;
            }

            at += from;
            if (text[at] == '\n' || CarriageReturnEndsLine(text, at))
            {
                return at;
            }

            from = at + 1;
        }
    }

    /// <summary>The index of the first line end in <paramref name="bytes"/>, or -1.</summary>
    public static int Next(ReadOnlySpan<byte> bytes)
    {
        var from = 0;
        while (true)
        {
            var at = bytes[from..].IndexOfAny((byte)'\n', (byte)'\r');
            if (at < 0)
            {
                return -1;
            }

            at += from;
            if (bytes[at] == '\n' || CarriageReturnEndsLine(bytes, at))
            {
                return at;
            }

            from = at + 1;
        }
    }

    /// <summary>The index of the last line end in <paramref name="bytes"/>, or -1.</summary>
    public static int Last(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.Length;
        while (true)
        {
            var at = bytes[..end].LastIndexOfAny((byte)'\n', (byte)'\r');
            if (at < 0)
            {
                return -1;
            }

            if (bytes[at] == '\n' || CarriageReturnEndsLine(bytes, at))
            {
                return at;
            }

            end = at;
        }
    }
}
