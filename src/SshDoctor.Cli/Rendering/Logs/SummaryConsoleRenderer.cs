using System.Globalization;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Localization;
using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>The human summary of <c>logs</c>: totals, top lists, a per-hour bar chart, bans, stories. Decides nothing.</summary>
internal sealed class SummaryConsoleRenderer(Terminal output, Language language, bool unknownListed = false)
{
    private const int Top = 10;
    private const int BarWidth = 40;
    private const int MaxChartRows = 48;

    private readonly LogsText _text = LogsText.For(language);

    public void Render(LogSummary s)
    {
        foreach (var input in s.Inputs)
        {
            output.WriteLine($"{_text.Reading} {input.Name} ({input.Kind}, {N(input.Lines)} {_text.Lines}, {Size(input.Bytes)})");
            foreach (var note in input.Notes)
            {
                output.WriteLine($"  ! {note}");
            }
        }

        output.WriteLine($"{N(s.Lines)} {_text.Lines}: {_text.SshLines} {N(s.SshLines)} ({N(s.Recognised)} {_text.Recognised}, {N(s.Unknown)} {_text.Unknown}), {_text.OtherPrograms} {N(s.OtherPrograms)}");
        if (s.Span.First is { } first && s.Span.Last is { } last)
        {
            output.WriteLine($"{_text.Span} {first.Format()} → {last.Format()}");
        }

        output.WriteLine();
        if (s.Failures == 0)
        {
            output.WriteLine(_text.NoFailures);
        }
        else
        {
            output.WriteLine($"{_text.ByDiagnosis} ({_text.Failures}: {N(s.Failures)})");
            Table(s.ByDiagnosis.OrderByDescending(p => p.Value.Count).Select(p => (p.Key, Title(p.Key), p.Value)));
        }

        if (s.Attempts > 0)
        {
            output.WriteLine($"{_text.Attempts}: {N(s.Attempts)}");
        }

        if (s.ByEvent.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(_text.Events);
            Table(s.ByEvent.OrderByDescending(p => p.Value.Count).Select(p => (p.Key, string.Empty, p.Value)));
        }

        TopList(_text.TopAddresses, s.Addresses.Top(Top, AuthCounts.FailuresOf), s.Addresses.Approximate);
        TopList(_text.TopUsers, s.Users.Top(Top, AuthCounts.FailuresOf), s.Users.Approximate);
        TopList(_text.TopAttemptAddresses, s.Addresses.Top(Top, AuthCounts.AttemptsOf), s.Addresses.Approximate);
        TopList(_text.TopAttemptUsers, s.Users.Top(Top, AuthCounts.AttemptsOf), s.Users.Approximate);
        Chart(s);
        Bans(s);
        Stories(s);
        if (s.Unknown > 0)
        {
            output.WriteLine();
            // With --unknown the lines are listed above: no hint to list them.
            var hint = unknownListed ? string.Empty : $" — {_text.UnknownHint}";
            output.WriteLine($"{_text.UnknownLines}: {N(s.Unknown)}{(s.Cut > 0 ? $" ({N(s.Cut)} {_text.Cut})" : string.Empty)}{hint}");
        }
    }

    private void Table(IEnumerable<(string Key, string Title, CountWithTimes Counts)> rows)
    {
        foreach (var (key, title, counts) in rows)
        {
            var label = title.Length > 0 ? $"{key} — {title}" : key;
            output.WriteLine($"  {N(counts.Count),10}  {label}");
            output.WriteLine($"{string.Empty,14}{counts.First?.Format() ?? "?"} → {counts.Last?.Format() ?? "?"}");
        }
    }

    private void TopList(string title, IReadOnlyList<(string Key, CountWithTimes Counts)> top, bool approximate)
    {
        if (top.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(approximate ? $"{title} ({_text.Approximate})" : title);
        var width = Math.Min(40, top.Max(t => SafeText.Escape(t.Key).Length));
        foreach (var (key, counts) in top)
        {
            output.WriteLine($"  {N(counts.Count),10}  {SafeText.Escape(key).PadRight(width)}  {counts.First?.Format() ?? "?"} → {counts.Last?.Format() ?? "?"}");
        }
    }

    /// <summary>Per hour when the failures span two days or less, else per day, so the chart stays a screen high.</summary>
    private void Chart(LogSummary s)
    {
        if (s.FailuresPerHour.Count == 0)
        {
            return;
        }

        var first = s.FailuresPerHour.Keys.First();
        var last = s.FailuresPerHour.Keys.Last();
        var perHour = (last - first).TotalHours < MaxChartRows;
        var rows = perHour
            ? s.FailuresPerHour.Select(p => (Label: p.Key.ToString("yyyy-MM-dd HH:00", CultureInfo.InvariantCulture), Count: p.Value)).ToList()
            : [.. s.FailuresPerHour.GroupBy(p => p.Key.Date).Select(g => (Label: g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Count: g.Sum(p => p.Value)))];
        if (rows.Count > MaxChartRows)
        {
            rows = rows[^MaxChartRows..];
        }

        var max = rows.Max(r => r.Count);
        output.WriteLine();
        output.WriteLine(perHour ? _text.PerHour : _text.PerDay);
        foreach (var (label, count) in rows)
        {
            var width = (int)Math.Ceiling(BarWidth * (double)count / max);
            output.WriteLine($"  {label,-16} {new string('█', width).PadRight(BarWidth)} {N(count)}");
        }
    }

    private void Bans(LogSummary s)
    {
        output.WriteLine();
        if (s.BansSeen == 0)
        {
            output.WriteLine(_text.NoBans);
            return;
        }

        output.WriteLine($"{_text.Bans}: {N(s.BansSeen)}");
        foreach (var ban in s.Bans.TakeLast(Top))
        {
            output.WriteLine($"  {ban.Time?.Format() ?? "?",-25} {ban.Action,-15} {ban.Ip ?? "?",-20} {ban.Where}");
        }
    }

    private void Stories(LogSummary s)
    {
        var top = s.Stories.Top(Top);
        if (top.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(_text.Stories);
        foreach (var (story, counts) in top)
        {
            output.WriteLine($"  {N(counts.Count),10} {_text.Connections}: {story}");
        }
    }

    private string Title(string id) => DiagnosisIds.IsKnown(id) ? DiagnosisCatalogue.GeneralTitle(id, language) : string.Empty;

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes >= 1 << 20
        ? (bytes / 1048576.0).ToString("0.0 MiB", CultureInfo.InvariantCulture)
        : (bytes / 1024.0).ToString("0.0 KiB", CultureInfo.InvariantCulture);
}
