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

        // A message that starts and ends with a printable character, and not with a wrapper's first letter, has nothing
        // to trim or unwrap (nearly all): only its first and last characters are looked at.
        if (span.IsEmpty || MayBeSpace(span[0]) || MayBeSpace(span[^1]) || span[0] is 'k' or '[' or 'm')
        {
            span = Unwrapped(span, ref times);
        }

        // Every level word starts with one of these letters: most messages ("Failed ...", "Accepted ...") are passed at once.
        while (!span.IsEmpty && span[0] is 'd' or 'e' or 'f' or 'v' or 'i')
        {
            var level = LevelLength(span);
            if (level == 0)
            {
                break;
            }

            span = span[level..];
        }

        // Both suffixes end in a bracket: most messages are passed by their last character alone.
        if (!span.IsEmpty && span[^1] == ']')
        {
            if (span.EndsWith(" [preauth]", StringComparison.Ordinal))
            {
                preauth = true;
                span = span[..^" [preauth]".Length];
            }
            else if (span.EndsWith(" [postauth]", StringComparison.Ordinal))
            {
                span = span[..^" [postauth]".Length];
            }
        }

        return span;
    }

    /// <summary>False for a printable ASCII character other than the space: it is no white space (<see cref="char.IsWhiteSpace(char)"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool MayBeSpace(char c) => c is <= ' ' or >= (char)0x7F;

    /// <summary>The message trimmed, without what a relay wrapped around it (a repeat, a Solaris id, a kernel clock).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ReadOnlySpan<char> Unwrapped(ReadOnlySpan<char> span, scoped ref int times)
    {
        span = span.Trim();
        return !span.IsEmpty && span[0] is 'k' or '[' or 'm' ? WithoutKernelClock(WithoutSolarisId(WithoutRepeat(span, ref times))) : span;
    }

    /// <summary>
    /// The length of the level word and its <c>": "</c> that start <paramref name="span"/> (<c>error: </c>, <c>debug1: </c> ...);
    /// 0 when none does. A level word holds no colon, so the first <c>": "</c> of such a message is the one after it.
    /// </summary>
    private static int LevelLength(ReadOnlySpan<char> span) => span[0] switch
    {
        'd' when span.StartsWith("debug: ", StringComparison.Ordinal) => "debug: ".Length,
        'd' when span.Length >= "debug1: ".Length && span.StartsWith("debug", StringComparison.Ordinal) && span[5] is >= '1' and <= '3' && span[6] == ':' && span[7] == ' ' => "debug1: ".Length,
        'e' when span.StartsWith("error: ", StringComparison.Ordinal) => "error: ".Length,
        'f' when span.StartsWith("fatal: ", StringComparison.Ordinal) => "fatal: ".Length,
        'v' when span.StartsWith("verbose: ", StringComparison.Ordinal) => "verbose: ".Length,
        'i' when span.StartsWith("info: ", StringComparison.Ordinal) => "info: ".Length,
        _ => 0,
    };

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
}
