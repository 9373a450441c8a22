namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Reads the timestamps that start log lines, by hand (no regex, no allocation): BSD syslog <c>Jan  5 01:31:41</c>
/// (optionally with a year, fractional seconds), and ISO 8601 <c>2024-05-01T12:00:00.123456+02:00</c> /
/// <c>2024-05-01 12:00:00,123</c> (rsyslog high precision, <c>journalctl -o short-iso</c>, RFC 5424, fail2ban.log,
/// svlogd's <c>2024-05-01_12:00:00.12345</c>).
/// </summary>
public static class TimeText
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Parses a timestamp at the start of <paramref name="text"/>; <paramref name="length"/> is the characters it used.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, YearInference years, out LogTime time, out int length) =>
        TryParseIso(text, out time, out length) || TryParseBsd(text, years, out time, out length);

    public static bool TryParseIso(ReadOnlySpan<char> s, out LogTime time, out int length)
    {
        time = default;
        length = 0;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ' && s[10] != '_') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        var millis = Fraction(s, ref i);
        TimeSpan? offset = null;
        if (i < s.Length && s[i] == 'Z')
        {
            offset = TimeSpan.Zero;
            i++;
        }
        else if (i + 5 <= s.Length && s[i] is '+' or '-' && Digits(s, i + 1, 2, out var oh))
        {
            var j = i + 3;
            if (j < s.Length && s[j] == ':')
            {
                j++;
            }

            if (Digits(s, j, 2, out var om))
            {
                var span = new TimeSpan(oh, om, 0);
                offset = s[i] == '-' ? -span : span;
                i = j + 2;
            }
        }

        if (!Valid(year, month, day, hour, minute, second) || offset is { } o && (o > TimeSpan.FromHours(14) || o < TimeSpan.FromHours(-14)))
        {
            return false;
        }

        time = new LogTime(new DateTime(year, month, day, hour, minute, second, millis, DateTimeKind.Unspecified), offset);
        length = i;
        return true;
    }

    public static bool TryParseBsd(ReadOnlySpan<char> s, YearInference years, out LogTime time, out int length)
    {
        time = default;
        length = 0;
        if (s.Length < 15 || s[3] != ' ')
        {
            return false;
        }

        var month = MonthOf(s[..3]);
        if (month == 0)
        {
            return false;
        }

        // "Jan  5", "Jan 05", "Jan 5"
        var i = 4;
        if (s[i] == ' ')
        {
            i++;
        }

        if (!Digit(s, i, out var day))
        {
            return false;
        }

        i++;
        if (Digit(s, i, out var d2))
        {
            day = (day * 10) + d2;
            i++;
        }

        if (i >= s.Length || s[i] != ' ')
        {
            return false;
        }

        i++;
        int? year = null;
        if (Digits(s, i, 4, out var y) && i + 4 < s.Length && s[i + 4] == ' ')
        {
            year = y;
            i += 5;
        }

        if (i + 8 > s.Length || s[i + 2] != ':' || s[i + 5] != ':' || !Digits(s, i, 2, out var hour) || !Digits(s, i + 3, 2, out var minute) || !Digits(s, i + 6, 2, out var second))
        {
            return false;
        }

        i += 8;
        var millis = Fraction(s, ref i);
        if (!Valid(year ?? 2000, month, day, hour, minute, second))
        {
            return false;
        }

        var clock = year is { } known
            ? new DateTime(known, month, day, hour, minute, second, millis, DateTimeKind.Unspecified)
            : years.Complete(month, day, hour, minute, second, millis);
        time = new LogTime(clock, null);
        length = i;
        return true;
    }

    private static int MonthOf(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < Months.Length; i++)
        {
            if (name.SequenceEqual(Months[i]))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static int Fraction(ReadOnlySpan<char> s, ref int i)
    {
        if (i >= s.Length || s[i] is not ('.' or ','))
        {
            return 0;
        }

        var millis = 0;
        var digits = 0;
        var j = i + 1;
        while (j < s.Length && char.IsAsciiDigit(s[j]))
        {
            if (digits < 3)
            {
                millis = (millis * 10) + (s[j] - '0');
            }

            digits++;
            j++;
        }

        if (digits == 0)
        {
            return 0;
        }

        for (var k = digits; k < 3; k++)
        {
            millis *= 10;
        }

        i = j;
        return millis;
    }

    /// <summary>
    /// A real date and time of day. Years 1 and 9999 are refused too: no log is from then, and with a UTC offset (or the
    /// local zone) their instant can fall outside the calendar .NET can represent.
    /// </summary>
    private static bool Valid(int year, int month, int day, int hour, int minute, int second) =>
        year is > 1 and < 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60;

    private static bool Digit(ReadOnlySpan<char> s, int at, out int value)
    {
        value = at < s.Length && char.IsAsciiDigit(s[at]) ? s[at] - '0' : -1;
        return value >= 0;
    }

    private static bool Digits(ReadOnlySpan<char> s, int at, int count, out int value)
    {
        value = 0;
        if (at + count > s.Length)
        {
            return false;
        }

        for (var k = at; k < at + count; k++)
        {
            if (!char.IsAsciiDigit(s[k]))
            {
                return false;
            }

            value = (value * 10) + (s[k] - '0');
        }

        return true;
    }
}
