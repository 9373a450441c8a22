using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Logs.Server;

/// <summary>
/// The fields of a <c>journalctl -o json</c> line that a log reader needs (message, time, host, process, pid), read on
/// the span with no allocation: the common line (one flat object of string values, the needed ones without escapes)
/// answers here; any other (a value that is not a string, an escape in a needed field or in a key, a needed field
/// twice, a surrogate, anything that is not that JSON) returns false, and the JSON reader
/// (<see cref="ServerLinePrefix"/>) decides, so both give the same answer.
/// </summary>
internal readonly ref struct JournalFields
{
    public JournalFields(ReadOnlySpan<char> message, LogTime? time, ReadOnlySpan<char> host, bool hasHost, ReadOnlySpan<char> process, bool hasProcess, int? pid)
    {
        Message = message;
        Time = time;
        Host = host;
        HasHost = hasHost;
        Process = process;
        HasProcess = hasProcess;
        Pid = pid;
    }

    public ReadOnlySpan<char> Message { get; }

    public LogTime? Time { get; }

    public ReadOnlySpan<char> Host { get; }

    public bool HasHost { get; }

    public ReadOnlySpan<char> Process { get; }

    public bool HasProcess { get; }

    public int? Pid { get; }

    private enum Field
    {
        Other = -1,
        Message,
        Realtime,
        Host,
        Identifier,
        Command,
        SyslogPid,
        Pid,
        Count,
    }

    /// <summary>Reads the line when it is the common flat form; false: ask the JSON reader.</summary>
    public static bool TryRead(ReadOnlySpan<char> line, out JournalFields fields) =>
        TryReadPlain(line, out fields) || TryReadSpaced(line, out fields);

    /// <summary>
    /// The most quotes <see cref="TryReadPlain"/> takes: a line of <c>journalctl -o json</c> has 20 to 40 fields, four
    /// quotes each.
    /// </summary>
    private const int MostQuotes = 256;

    /// <summary>
    /// The line as <c>journalctl -o json</c> writes it: <c>{"KEY":"VALUE",...}</c> with no space, escape, control
    /// character or non-ASCII character. One vector pass finds every quote; with no backslash each quote opens or closes
    /// a string, so the quotes alone place every key and value (the careful reading below called two searches per
    /// string, half of a journal line's time). False for any other line, which <see cref="TryReadSpaced"/> then reads.
    /// </summary>
    [SkipLocalsInit] // The quotes are written before they are read.
    internal static bool TryReadPlain(ReadOnlySpan<char> line, out JournalFields fields)
    {
        fields = default;
        Span<int> quotes = stackalloc int[MostQuotes];
        if (line.Length < 2 || line[0] != '{' || line[^1] != '}' || !TryFindQuotes(line, quotes, out var count)
            || count == 0 || count % 4 != 0 || quotes[0] != 1)
        {
            return false;
        }

        Span<Range> values = stackalloc Range[(int)Field.Count];
        var seen = 0;
        for (var k = 0; k < count; k += 4)
        {
            // "KEY":"VALUE" then , and the next key's quote, or the closing } that ends the line.
            var keyEnd = quotes[k + 1];
            var valueEnd = quotes[k + 3];
            if (quotes[k + 2] != keyEnd + 2 || line[keyEnd + 1] != ':'
                || (k + 4 < count ? line[valueEnd + 1] != ',' || quotes[k + 4] != valueEnd + 2 : valueEnd != line.Length - 2))
            {
                return false;
            }

            var field = FieldOf(line[(quotes[k] + 1)..keyEnd]);
            if (field != Field.Other)
            {
                if ((seen & (1 << (int)field)) != 0)
                {
                    return false;
                }

                seen |= 1 << (int)field;
                values[(int)field] = (keyEnd + 3)..valueEnd;
            }
        }

        if ((seen & (1 << (int)Field.Message)) == 0)
        {
            return false;
        }

        fields = Made(line, values, seen);
        return true;
    }

    /// <summary>
    /// Where each quote of the line is, sixteen characters at a time; false (ask the careful reading) on a backslash, a
    /// control character, a character past ASCII, more than <see cref="MostQuotes"/> quotes or a line shorter than a vector.
    /// </summary>
    private static bool TryFindQuotes(ReadOnlySpan<char> line, Span<int> quotes, out int count)
    {
        count = 0;
        if (!Vector128.IsHardwareAccelerated || line.Length < 2 * Vector128<ushort>.Count)
        {
            return false;
        }

        // Counted in a local, not through the out parameter: a store and a load a quote less.
        var found = 0;

        ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(line));
        for (var i = 0; ; i += 2 * Vector128<ushort>.Count)
        {
            // The last vector ends at the line's end; the characters it shares with the one before are not counted twice.
            var last = i + (2 * Vector128<ushort>.Count) >= line.Length;
            var at = last ? line.Length - (2 * Vector128<ushort>.Count) : i;
            var low = Vector128.LoadUnsafe(ref first, (nuint)at);
            var high = Vector128.LoadUnsafe(ref first, (nuint)(at + Vector128<ushort>.Count));
            if (((low | high) & Vector128.Create((ushort)0xFF80)) != Vector128<ushort>.Zero)
            {
                return false;
            }

            var bytes = Vector128.Narrow(low, high);
            var refused = (Vector128.LessThan(bytes, Vector128.Create((byte)' ')) | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))).ExtractMostSignificantBits();
            var quoted = Vector128.Equals(bytes, Vector128.Create((byte)'"')).ExtractMostSignificantBits();
            var counted = ~0u << (i - at);
            if ((refused & counted) != 0)
            {
                return false;
            }

            for (quoted &= counted; quoted != 0; quoted &= quoted - 1)
            {
                if ((uint)found >= (uint)quotes.Length)
                {
                    return false;
                }

                quotes[found++] = at + BitOperations.TrailingZeroCount(quoted);
            }

            if (last)
            {
                count = found;
                return true;
            }
        }
    }

    /// <summary>
    /// ASCII digits as a number, as <c>long.TryParse</c> with <see cref="NumberStyles.None"/> reads them; up to 18 digits
    /// here (a journal line's time and pid), eight at a time, more by that parser.
    /// </summary>
    internal static bool TryParseDigits(ReadOnlySpan<char> text, out long value)
    {
        if (text.Length > 18)
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        // Summed in a local, not through the out parameter (a store and a load a digit).
        var sum = 0L;
        value = 0;
        var i = 0;
        for (; i + 8 <= text.Length; i += 8)
        {
            if (!TryEightDigits(text.Slice(i, 8), out var eight))
            {
                return false;
            }

            sum = (sum * 100_000_000) + eight;
        }

        if (!TryDigitsOneByOne(text[i..], ref sum))
        {
            return false;
        }

        value = sum;
        return !text.IsEmpty;
    }

    /// <summary>Adds the digits of <paramref name="text"/> to <paramref name="sum"/> one at a time; false on any other character.</summary>
    private static bool TryDigitsOneByOne(ReadOnlySpan<char> text, ref long sum)
    {
        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            sum = (sum * 10) + digit;
        }

        return true;
    }

    /// <summary>
    /// Eight digits at once: checked in one vector, then combined in one long, the first digit in its lowest byte (pairs,
    /// then fours, then all eight: a journal time's sixteen digits one by one were a fortieth of a journal line).
    /// </summary>
    private static bool TryEightDigits(ReadOnlySpan<char> eight, out long value)
    {
        value = 0;
        if (!Vector128.IsHardwareAccelerated)
        {
            return TryDigitsOneByOne(eight, ref value);
        }

        var digits = Vector128.LoadUnsafe(ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(eight))) - Vector128.Create((ushort)'0');
        if (Vector128.GreaterThanAny(digits, Vector128.Create((ushort)9)))
        {
            return false;
        }

        var bytes = Vector128.Narrow(digits, digits).AsUInt64().ToScalar();
        bytes = ((bytes * 10) + (bytes >> 8)) & 0x00FF00FF00FF00FFUL;
        bytes = ((bytes * 100) + (bytes >> 16)) & 0x0000FFFF0000FFFFUL;
        bytes = ((bytes * 10_000) + (bytes >> 32)) & 0xFFFFFFFFUL;
        value = (long)bytes;
        return true;
    }

    /// <summary>The careful reading: spaces between the parts, escapes, any other line that may be JSON.</summary>
    internal static bool TryReadSpaced(ReadOnlySpan<char> line, out JournalFields fields)
    {
        fields = default;
        if (line.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            return false;
        }

        Span<Range> values = stackalloc Range[(int)Field.Count];
        var seen = 0;
        var p = SkipSpace(line, 0);
        if (p >= line.Length || line[p] != '{')
        {
            return false;
        }

        p = SkipSpace(line, p + 1);
        if (p < line.Length && line[p] == '}')
        {
            p++;
        }
        else
        {
            while (true)
            {
                if (!TryString(line, ref p, out var key, out var keyEscaped) || keyEscaped)
                {
                    return false;
                }

                p = SkipSpace(line, p);
                if (p >= line.Length || line[p] != ':')
                {
                    return false;
                }

                p = SkipSpace(line, p + 1);
                if (!TryString(line, ref p, out var value, out var escaped))
                {
                    return false;
                }

                var field = FieldOf(line[key]);
                if (field != Field.Other)
                {
                    if (escaped || (seen & (1 << (int)field)) != 0)
                    {
                        return false;
                    }

                    seen |= 1 << (int)field;
                    values[(int)field] = value;
                }

                p = SkipSpace(line, p);
                if (p >= line.Length)
                {
                    return false;
                }

                if (line[p] == '}')
                {
                    p++;
                    break;
                }

                if (line[p] != ',')
                {
                    return false;
                }

                p = SkipSpace(line, p + 1);
            }
        }

        if (SkipSpace(line, p) != line.Length || (seen & (1 << (int)Field.Message)) == 0)
        {
            return false;
        }

        fields = Made(line, values, seen);
        return true;
    }

    /// <summary>The fields from where each key's value lies; <paramref name="seen"/> has a bit per field found (the others' ranges are not read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // Into each reading: out of line it cost 75 instructions a journal line.
    private static JournalFields Made(ReadOnlySpan<char> line, scoped ReadOnlySpan<Range> values, int seen)
    {
        bool Has(Field field) => (seen & (1 << (int)field)) != 0;
        var process = Has(Field.Identifier) ? values[(int)Field.Identifier] : values[(int)Field.Command];
        var pidText = Has(Field.SyslogPid) ? line[values[(int)Field.SyslogPid]] : Has(Field.Pid) ? line[values[(int)Field.Pid]] : default;
        return new JournalFields(
            line[values[(int)Field.Message]],
            Has(Field.Realtime) ? Realtime(line[values[(int)Field.Realtime]]) : null,
            Has(Field.Host) ? line[values[(int)Field.Host]] : default,
            Has(Field.Host),
            Has(Field.Identifier) || Has(Field.Command) ? line[process] : default,
            Has(Field.Identifier) || Has(Field.Command),
            TryParseDigits(pidText, out var pid) && pid <= int.MaxValue ? (int)pid : null);
    }

    /// <summary>The journal's time (microseconds since 1970) as <see cref="JournalJson.RealtimeText"/> writes it and the ISO reader reads it back: UTC, whole milliseconds.</summary>
    private static LogTime? Realtime(ReadOnlySpan<char> text)
    {
        if (!TryParseDigits(text, out var micros) || micros / 1000 > JournalJson.LatestMilliseconds)
        {
            return null;
        }

        var utc = DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000).UtcDateTime;
        return new LogTime(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), TimeSpan.Zero);
    }

    /// <summary>By length first, then one inline compare (a journal line has 20 to 40 keys; a switch on the text called a compare for each key of a matching length).</summary>
    private static Field FieldOf(ReadOnlySpan<char> key) => key.Length switch
    {
        7 when KeyText.Equal(key, "MESSAGE") => Field.Message,
        20 when KeyText.Equal(key, "__REALTIME_TIMESTAMP") => Field.Realtime,
        9 when KeyText.Equal(key, "_HOSTNAME") => Field.Host,
        17 when KeyText.Equal(key, "SYSLOG_IDENTIFIER") => Field.Identifier,
        5 when KeyText.Equal(key, "_COMM") => Field.Command,
        10 when KeyText.Equal(key, "SYSLOG_PID") => Field.SyslogPid,
        4 when KeyText.Equal(key, "_PID") => Field.Pid,
        _ => Field.Other,
    };

    /// <summary>A JSON string at <paramref name="p"/>: its contents' range (escapes not decoded), whether it holds any, p moved past it.</summary>
    private static bool TryString(ReadOnlySpan<char> line, ref int p, out Range contents, out bool escaped)
    {
        contents = default;
        escaped = false;
        if (p >= line.Length || line[p] != '"')
        {
            return false;
        }

        var start = p + 1;
        var i = start;
        while (true)
        {
            var next = line[i..].IndexOfAny('"', '\\');
            if (next < 0)
            {
                return false;
            }

            // A raw control character is not JSON: the reader refuses the line, and so must this one.
            if (line.Slice(i, next).IndexOfAnyInRange('\0', '\u001f') >= 0)
            {
                return false;
            }

            i += next;
            if (line[i] == '"')
            {
                contents = start..i;
                p = i + 1;
                return true;
            }

            escaped = true;
            if (i + 1 >= line.Length)
            {
                return false;
            }

            switch (line[i + 1])
            {
                case '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't':
                    i += 2;
                    break;
                case 'u' when i + 6 <= line.Length && char.IsAsciiHexDigit(line[i + 2]) && char.IsAsciiHexDigit(line[i + 3])
                    && char.IsAsciiHexDigit(line[i + 4]) && char.IsAsciiHexDigit(line[i + 5]):
                    i += 6;
                    break;
                default:
                    return false;
            }
        }
    }

    private static int SkipSpace(ReadOnlySpan<char> line, int p)
    {
        while (p < line.Length && line[p] is ' ' or '\t' or '\r' or '\n')
        {
            p++;
        }

        return p;
    }
}
