namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Drops, on a span and without making a string, what stands around an sshd message: a relay's kernel clock
/// (<c>kernel: [  970.699396] </c>), rsyslog's <c>message repeated N times: [ … ]</c>, Solaris' message id (<c>[ID 800047 auth.notice] </c>), <c>error: </c>/<c>debug1: </c>
/// level words and the <c>[preauth]</c>/<c>[postauth]</c> suffix. <see cref="MessageText.Strip"/> is its string form;
/// explain and logs read messages through it alike.
/// </summary>
public static class MessageSpan
{
    /// <summary>The most lines one repeat line is counted as.</summary>
    public const int MaxRepeat = 1_000_000;

    private static readonly System.Buffers.SearchValues<char> ClockChars = System.Buffers.SearchValues.Create("0123456789. ");

    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> span) => Strip(span, out _, out _);

    /// <summary>
    /// As <see cref="Strip(ReadOnlySpan{char})"/>; <paramref name="times"/> is N for <c>message repeated N times: [ … ]</c>,
    /// else 1; <paramref name="preauth"/> says sshd marked the message <c>[preauth]</c> (written before authentication).
    /// </summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> span, out int times, out bool preauth)
    {
        times = 1;
        preauth = false;
        span = span.Trim();
        if (!span.IsEmpty && span[0] is 'k' or '[' or 'm')
        {
            span = WithoutKernelClock(WithoutSolarisId(WithoutRepeat(span, ref times)));
        }

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
            preauth = true;
            span = span[..^" [preauth]".Length];
        }
        else if (span.EndsWith(" [postauth]", StringComparison.Ordinal))
        {
            span = span[..^" [postauth]".Length];
        }

        return span;
    }

    /// <summary>
    /// Some relays put the kernel's clock before the message (<c>kernel: [  970.699396] Failed password ...</c>, seen by
    /// fail2ban under journald): the message proper starts after it.
    /// </summary>
    private static ReadOnlySpan<char> WithoutKernelClock(ReadOnlySpan<char> message)
    {
        if (!message.StartsWith("kernel:", StringComparison.Ordinal))
        {
            return message;
        }

        var rest = message["kernel:".Length..].TrimStart();
        var close = rest.IndexOf(']');
        if (rest.IsEmpty || rest[0] != '[' || close < 0 || rest[1..close].IndexOfAnyExcept(ClockChars) >= 0)
        {
            return message;
        }

        rest = rest[(close + 1)..];
        if (!rest.IsEmpty && rest[0] == ':')
        {
            rest = rest[1..];
        }

        return rest.TrimStart();
    }

    /// <summary>
    /// rsyslog's and syslog-ng's <c>message repeated N times: [ MESSAGE]</c>: the message inside, which stands for N
    /// lines (rsyslog's RepeatedMsgReduction wrote one line for N identical ones): <paramref name="times"/> is N, at most
    /// <see cref="MaxRepeat"/> (a hostile count must not overflow a tally).
    /// </summary>
    private static ReadOnlySpan<char> WithoutRepeat(ReadOnlySpan<char> message, scoped ref int times)
    {
        const string Start = "message repeated ";
        if (!message.StartsWith(Start, StringComparison.Ordinal) || message[^1] != ']')
        {
            return message;
        }

        var open = message.IndexOf(" times: [", StringComparison.Ordinal);
        if (open <= Start.Length || message[Start.Length..open].IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return message;
        }

        times = int.TryParse(message[Start.Length..open], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 1, MaxRepeat) : MaxRepeat;
        return message[(open + " times: [".Length)..^1].Trim();
    }

    /// <summary>Solaris' syslog puts the message's id and facility first: <c>[ID 800047 auth.notice] Failed password ...</c>.</summary>
    private static ReadOnlySpan<char> WithoutSolarisId(ReadOnlySpan<char> message)
    {
        if (!message.StartsWith("[ID ", StringComparison.Ordinal))
        {
            return message;
        }

        var close = message.IndexOf("] ", StringComparison.Ordinal);
        return close > 4 && message[4..close].IndexOf(' ') > 0 ? message[(close + 2)..] : message;
    }

    private static bool IsLevel(ReadOnlySpan<char> word) =>
        word is "debug1" or "debug2" or "debug3" or "debug" or "error" or "fatal" or "verbose" or "info";
}
