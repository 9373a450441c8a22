using System.Globalization;
using System.Net;
using SshDoctor.Diagnosis;
using SshDoctor.Logs.Bulk;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Audit.Server.Log;

/// <summary>
/// The recent sshd log (the last 24 hours) summarised with the logs machinery: failures per diagnosis id, the
/// addresses and users that failed most, bans; then, for --client-ip and each --user, the failures that concern them,
/// each a diagnosis proven by its last line (file:line) unless the same subject logged in successfully after it.
/// </summary>
/// <param name="clock">Where the window ends (the system clock unless a test fixes it).</param>
public sealed class BulkSshdLogSummarizer(TimeProvider? clock = null) : ISshdLogSummarizer
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private const int TopCount = 5;
    private const int MaxBansShown = 10;

    public void Summarize(SshdLogLocation log, ServerContext context, AuditSink sink)
    {
        var notes = new List<(string Code, string? Detail)>();
        var source = log.File ?? "journal";
        using var input = RecentSshdLog.Open(log, context, notes);
        foreach (var (code, detail) in notes)
        {
            sink.Add(input is null ? FindingSeverity.Skipped : FindingSeverity.Info, code, log.File, ("source", source), ("detail", detail));
        }

        if (input is null)
        {
            return;
        }

        var subjects = Subjects(context);
        var collector = new SubjectRecordCollector(subjects);
        var moment = (clock ?? TimeProvider.System).GetLocalNow();
        var pipeline = new LogPipeline(new LogFilter { Since = moment - Window }, collector.Observe);
        pipeline.Read(input);
        pipeline.Complete();
        collector.Complete();

        var where = new LogLineWhere(log);
        ReportSummary(pipeline.Summary, source, log, where, sink);
        foreach (var subject in subjects)
        {
            ReportSubject(subject, where, moment, sink);
        }
    }

    private static List<LogSubject> Subjects(ServerContext context)
    {
        var subjects = new List<LogSubject>();
        if (context.ClientIp is { } ip && IPAddress.TryParse(ip, out var address))
        {
            subjects.Add(LogSubject.OfAddress(address));
        }

        foreach (var name in context.UserNames.Distinct(StringComparer.Ordinal))
        {
            subjects.Add(LogSubject.OfUser(name, context.Users.User(name)?.Home));
        }

        return subjects;
    }

    private static void ReportSummary(LogSummary summary, string source, SshdLogLocation log, LogLineWhere where, AuditSink sink)
    {
        sink.Add(FindingSeverity.Info, "log.window", log.File,
            ("source", source), ("lines", Number(summary.SshLines)), ("failures", Number(summary.Failures)), ("bans", Number(summary.BansSeen)));
        foreach (var (id, counts) in summary.ByDiagnosis.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            sink.Add(FindingSeverity.Info, "log.failures-by-id", log.File, ("id", id), ("count", Number(counts.Count)), ("last", counts.Last?.Format()));
        }

        if (summary.Addresses.Top(TopCount, AuthCounts.FailuresOf) is { Count: > 0 } addresses)
        {
            sink.Add(FindingSeverity.Info, "log.top-addresses", log.File, ("addresses", Ranking(addresses)));
        }

        if (summary.Users.Top(TopCount, AuthCounts.FailuresOf) is { Count: > 0 } users)
        {
            sink.Add(FindingSeverity.Info, "log.top-users", log.File, ("users", Ranking(users)));
        }

        foreach (var ban in summary.Bans.TakeLast(MaxBansShown))
        {
            sink.Add(FindingSeverity.Info, "log.ban", where.OfBan(ban), ("action", ban.Action), ("ip", ban.Ip), ("time", ban.Time?.Format()));
        }
    }

    private static void ReportSubject(LogSubject subject, LogLineWhere where, DateTimeOffset moment, AuditSink sink)
    {
        if (subject.ByDiagnosis.Count == 0)
        {
            sink.Add(FindingSeverity.Ok, "log.subject-clean", null, ("subject", subject.Name));
            return;
        }

        foreach (var (id, failures) in subject.ByDiagnosis)
        {
            var last = failures.Last!;
            var values = new (string, string?)[]
            {
                ("subject", subject.Name), ("id", id), ("count", Number(failures.Count)), ("time", last.Time?.Format()),
                ("user", last.User ?? (subject.IsAddress ? null : subject.Name)), ("ip", last.Ip ?? (subject.IsAddress ? subject.Name : null)),
                ("path", LogRecordPath.Of(last)), ("text", last.Text),
            };
            if ((Superseded(subject, id, last) ?? BanExpiry.Expired(last, moment)) is { } later)
            {
                sink.Add(FindingSeverity.Info, "log.subject-failure-past", where.Of(last), [.. values, ("since", later)]);
                continue;
            }

            // A ban line proves the ban, not that it still holds (fail2ban's bantime is not in the line): the live
            // fail2ban check proves current bans.
            sink.Problem(confirmed: !(id == DiagnosisIds.ServerBanned && last.Kind is Fail2banBan.Name), "log.subject-failure", where.Of(last), last.Text, values);
        }
    }

    /// <summary>What happened after the failure that makes it history: a successful login of the subject, or the ban lifted.</summary>
    private static string? Superseded(LogSubject subject, string id, LogRecord last)
    {
        var after = id == DiagnosisIds.ServerBanned ? subject.LastBanAction : subject.LastAccepted;
        if (after is null || after == last || after.Kind is Fail2banBan.Name or SshguardBlock.Name)
        {
            return null;
        }

        var later = after.Time is { } a && last.Time is { } l ? a.Clock >= l.Clock : after.Line > last.Line;
        return later ? $"{after.Kind} {after.Time?.Format()}" : null;
    }

    private static string Ranking(IReadOnlyList<(string Key, CountWithTimes Counts)> top) =>
        string.Join(", ", top.Select(t => $"{t.Key} ({Number(t.Counts.Count)})"));

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
