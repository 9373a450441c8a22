using System.Globalization;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Localization;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Reporting;

/// <summary>
/// Builds <see cref="LogsReport"/> from a <see cref="LogSummary"/>. Text from the logs (names, users, addresses, stories,
/// unknown lines) passes <see cref="SafeText"/> here, so the serializer writes only safe strings.
/// </summary>
public static class LogsReportBuilder
{
    private const int Top = 20;

    public static LogsReport Build(LogSummary summary, Language language, IReadOnlyList<LogRecord>? unknownLines) => new(
        Schema: "ssh-doctor/1",
        Command: "logs",
        Status: summary.Failures > 0 ? "problem" : "ok",
        Sources: [.. summary.Inputs.Select(i => new LogsSource(
            SafeText.Escape(i.Name), SafeText.Escape(i.Kind), i.Bytes, i.Lines, i.Recognised, [.. i.Notes.Select(n => SafeText.Escape(n))]))],
        Totals: new LogsTotals(
            summary.Lines, summary.SshLines, summary.Recognised, summary.Unknown, summary.Cut, summary.OtherPrograms, summary.Blank, summary.Failures, summary.Attempts),
        First: summary.Span.First?.Format(),
        Last: summary.Span.Last?.Format(),
        Diagnoses: [.. summary.ByDiagnosis.OrderByDescending(p => p.Value.Count).Select(p => Diagnosis(p.Key, p.Value, language))],
        Events: [.. summary.ByEvent.OrderByDescending(p => p.Value.Count).Select(p =>
            new LogsEventCount(SafeText.Escape(p.Key), p.Value.Count, p.Value.First?.Format(), p.Value.Last?.Format()))],
        TopAddresses: [.. summary.Addresses.Top(Top, AuthCounts.FailuresOf).Select(p =>
            new LogsAddressCount(SafeText.Escape(p.Key), p.Counts.Count, p.Counts.First?.Format(), p.Counts.Last?.Format()))],
        TopAddressesApproximate: summary.Addresses.Approximate,
        TopUsers: [.. summary.Users.Top(Top, AuthCounts.FailuresOf).Select(p =>
            new LogsUserCount(SafeText.Escape(p.Key), p.Counts.Count, p.Counts.First?.Format(), p.Counts.Last?.Format()))],
        TopUsersApproximate: summary.Users.Approximate,
        TopAttemptAddresses: [.. summary.Addresses.Top(Top, AuthCounts.AttemptsOf).Select(p =>
            new LogsAddressAttempts(SafeText.Escape(p.Key), p.Counts.Count, p.Counts.First?.Format(), p.Counts.Last?.Format()))],
        TopAttemptAddressesApproximate: summary.Addresses.Approximate,
        TopAttemptUsers: [.. summary.Users.Top(Top, AuthCounts.AttemptsOf).Select(p =>
            new LogsUserAttempts(SafeText.Escape(p.Key), p.Counts.Count, p.Counts.First?.Format(), p.Counts.Last?.Format()))],
        TopAttemptUsersApproximate: summary.Users.Approximate,
        FailuresPerHour: [.. summary.FailuresPerHour.Select(p =>
            new LogsHourCount(p.Key.ToString("yyyy-MM-ddTHH:00", CultureInfo.InvariantCulture), p.Value))],
        Bans: new LogsBans(summary.BansSeen, [.. summary.Bans.Select(b =>
            new LogsBan(b.Time?.Format(), SafeText.Escape(b.Action), SafeText.Escape(b.Ip), SafeText.Escape(b.Where)))]),
        Stories: [.. summary.Stories.Top(Top).Select(p =>
            new LogsStoryCount(SafeText.Escape(p.Key), p.Counts.Count, p.Counts.First?.Format(), p.Counts.Last?.Format()))],
        Unknown: new LogsUnknown(summary.Unknown, [.. (unknownLines ?? summary.UnknownSamples).Select(r => new LogsUnknownLine(
            SafeText.Escape($"{r.File}:{r.Line.ToString(CultureInfo.InvariantCulture)}"), r.Cut, SafeText.Escape(r.Text)))]));

    private static LogsDiagnosisCount Diagnosis(string id, CountWithTimes counts, Language language)
    {
        var known = DiagnosisIds.IsKnown(id);
        return new LogsDiagnosisCount(
            SafeText.Escape(id),
            known ? DiagnosisIds.StageOf(id).ToJson() : null,
            known ? DiagnosisCatalogue.GeneralTitle(id, language) : null,
            counts.Count,
            counts.First?.Format(),
            counts.Last?.Format());
    }
}
