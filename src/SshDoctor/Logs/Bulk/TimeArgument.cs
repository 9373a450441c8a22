using System.Globalization;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Reads <c>--since</c>/<c>--until</c>: an ISO date or time (<c>2024-12-31</c>, <c>2024-12-31T23:30</c>, with an optional
/// offset), <c>YYYY-MM-DD HH:MM[:SS]</c>, or a time ago: <c>90s</c>, <c>30m</c>, <c>2h</c>, <c>3d</c>, <c>1w</c>.
/// Times without an offset are local, like the BSD syslog lines they are compared with.
/// </summary>
public static class TimeArgument
{
    /// <summary>The forms, as said to someone who wrote another.</summary>
    public const string Forms = "use 2024-12-31, '2024-12-31 23:30', an ISO 8601 time such as 2024-12-31T23:30:00+01:00, or a time ago such as 90s, 30m, 2h, 3d, 1w";

    /// <summary>How far back a time ago may reach: further is a typing mistake, and would leave the calendar.</summary>
    private static readonly TimeSpan LongestAgo = TimeSpan.FromDays(100 * 365);

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] ZonedFormats =
    [
        "yyyy-MM-ddTHH:mmzzz", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mmzzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ",
    ];

    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset value) => TryParse(text, now, out value, out _);

    /// <param name="problem">When false: what is wrong, for the user (the accepted forms follow it in the message).</param>
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset value, out string problem)
    {
        value = default;
        problem = "not a time";
        text = text.Trim();
        if (text.Length == 0)
        {
            problem = "empty";
            return false;
        }

        if (IsAgo(text, out var ago, out var agoProblem))
        {
            problem = agoProblem ?? problem;
            value = now - ago;
            return agoProblem is null;
        }

        if (DateTimeOffset.TryParseExact(text, ZonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var zoned))
        {
            value = zoned;
            return true;
        }

        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            // At the ends of the calendar the local offset can move the instant out of it.
            if (local.Year is <= 1 or >= 9999)
            {
                problem = "outside the years 2 to 9998";
                return false;
            }

            value = new DateTimeOffset(local, TimeZoneInfo.Local.GetUtcOffset(local));
            return true;
        }

        return false;
    }

    /// <summary>
    /// True when the text is digits with or without a unit letter, a time ago; <paramref name="problem"/> then says what is
    /// wrong with it, if anything. False for every other text (a date, or nothing this reads).
    /// </summary>
    private static bool IsAgo(string text, out TimeSpan ago, out string? problem)
    {
        ago = default;
        problem = null;
        if (text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
        {
            problem = "a number needs a unit: s, m, h, d or w (30m is 30 minutes ago)";
            return true;
        }

        var digits = text.AsSpan(0, text.Length - 1);
        var seconds = char.ToLowerInvariant(text[^1]) switch
        {
            's' => 1L,
            'm' => 60L,
            'h' => 3600L,
            'd' => 86_400L,
            'w' => 7 * 86_400L,
            _ => 0L,
        };
        if (seconds == 0 || digits.IsEmpty || digits.IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return false;
        }

        // Compared before multiplying: 9999999999w must not overflow.
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > (long)LongestAgo.TotalSeconds / seconds)
        {
            problem = "more than 100 years ago";
            return true;
        }

        ago = TimeSpan.FromSeconds(amount * seconds);
        return true;
    }
}
