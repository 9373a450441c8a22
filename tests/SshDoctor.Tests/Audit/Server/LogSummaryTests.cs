using SshDoctor.Audit;
using SshDoctor.Audit.Server;
using SshDoctor.Audit.Server.Log;
using SshDoctor.Diagnosis;
using SshDoctor.Tests.Samples;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>
/// check-server summarises the last 24 hours of the sshd log it found with the logs machinery
/// (Samples/audit/auth-log/README.md), and reports what concerns --client-ip and each --user.
/// </summary>
public sealed class LogSummaryTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 24, 3, 0, 0, DateTimeKind.Local);

    private readonly PreparedServerTree _tree = new();

    public LogSummaryTests()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n")
            .Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\ndave:x:1002:1002::/home/dave:/bin/bash\n")
            .Write("/var/log/auth.log", File.ReadAllText(SampleFiles.PathOf("audit", "auth-log", "auth.log")))
            .Touch("/var/log/auth.log", Now);
    }

    [Fact]
    public void The_summary_counts_the_last_24_hours_by_diagnosis_id_and_address()
    {
        var result = Audit();

        var window = Assert.Single(result.Findings, f => f.Code == "log.window");
        Assert.Equal("/var/log/auth.log", window.Values["source"]);
        Assert.Equal("9", window.Values["failures"]);
        Assert.Equal("1", window.Values["bans"]);
        var byId = result.Findings.Where(f => f.Code == "log.failures-by-id").ToDictionary(f => f.Values["id"], f => f.Values["count"]);
        Assert.Equal("4", byId[DiagnosisIds.AuthWrongUser]);
        Assert.Equal("2", byId[DiagnosisIds.AuthPasswordWrong]);
        Assert.Equal("1", byId[DiagnosisIds.AuthPublicKeyServerModes]);
        Assert.Equal("1", byId[DiagnosisIds.AuthNotAllowed]);
        Assert.StartsWith("203.0.113.5 (", Assert.Single(result.Findings, f => f.Code == "log.top-addresses").Values["addresses"], StringComparison.Ordinal);
        Assert.Equal("/var/log/auth.log:13", Assert.Single(result.Findings, f => f.Code == "log.ban").Where);
    }

    [Fact]
    public void A_StrictModes_refusal_for_a_user_is_proven_server_modes_with_the_line_of_the_log()
    {
        var result = Audit(users: ["alice"]);

        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.AuthPublicKeyServerModes && d.Evidence[0].Where!.StartsWith("/var/log/", StringComparison.Ordinal));
        Assert.Equal(Certainty.Proven, diagnosis.Certainty);
        Assert.Equal("/var/log/auth.log:5", diagnosis.Evidence[0].Where);
        Assert.Equal("alice", diagnosis.Values["user"]);
        Assert.Equal("/home/alice/.ssh", diagnosis.Values["path"]);
        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.AuthPasswordWrong);
    }

    [Fact]
    public void Failures_followed_by_a_successful_login_are_reported_as_past_not_diagnosed()
    {
        var result = Audit(users: ["bob"]);

        var past = Assert.Single(result.Findings, f => f.Code == "log.subject-failure-past");
        Assert.Equal("2", past.Values["count"]);
        Assert.Equal("/var/log/auth.log:15", past.Where);
        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.AuthPasswordWrong);
    }

    [Fact]
    public void The_client_address_gets_its_own_failures_and_an_expired_sshguard_block_is_history()
    {
        var result = Audit(clientIp: "203.0.113.5");

        Assert.Equal(Certainty.Proven, Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.AuthWrongUser).Certainty);
        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.ServerBanned);
        var block = Assert.Single(result.Findings, f => f.Code == "log.subject-failure-past");
        Assert.Equal("/var/log/auth.log:13", block.Where);
        Assert.StartsWith("the sshguard block ended 2026-11-23T11:02:15", block.Values["since"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_that_still_holds_is_a_proven_ban_of_the_client_address()
    {
        _tree.Write("/var/log/auth.log", File.ReadAllText(SampleFiles.PathOf("audit", "auth-log", "auth.log"))
                + "Nov 24 02:59:00 web1 sshguard[900]: Blocking \"203.0.113.5/32\" for 240 secs (3 attacks in 15 secs, after 2 abuses over 900 secs.)\n")
            .Touch("/var/log/auth.log", Now);

        var result = Audit(clientIp: "203.0.113.5");

        var banned = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ServerBanned);
        Assert.Equal(Certainty.Proven, banned.Certainty);
        Assert.Equal("/var/log/auth.log:21", banned.Evidence[0].Where);
        Assert.Equal("203.0.113.5", banned.Values["ip"]);
    }

    [Fact]
    public void An_address_and_a_user_with_nothing_in_the_window_are_clean()
    {
        var result = Audit(clientIp: "192.0.2.200", users: ["dave"]);

        Assert.Equal(["192.0.2.200", "dave"], result.Findings.Where(f => f.Code == "log.subject-clean").Select(f => f.Values["subject"]));
        Assert.DoesNotContain(result.Diagnoses, d => d.Evidence.Any(e => e.Where?.StartsWith("/var/log/", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void The_address_of_a_StrictModes_refusal_counts_for_that_address_too()
    {
        _tree.Write("/var/log/auth.log", string.Join('\n', File.ReadAllLines(SampleFiles.PathOf("audit", "auth-log", "auth.log")).Where(l => !l.Contains("dave", StringComparison.Ordinal))) + "\n")
            .Touch("/var/log/auth.log", Now);

        var result = Audit(clientIp: "198.51.100.7");

        Assert.Equal("/var/log/auth.log:5", Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.AuthPublicKeyServerModes).Evidence[0].Where);
    }

    [Fact]
    public void The_journal_is_read_with_journalctl_newest_first_within_the_window_and_put_back_in_order()
    {
        var programs = new ScriptedPrograms().Prints("journalctl", string.Join('\n',
            Journal(Now.AddHours(-1), 812, "Connection closed by authenticating user alice 198.51.100.7 port 50522 [preauth]"),
            Journal(Now.AddHours(-1), 812, "Authentication refused: bad ownership or modes for file /home/alice/.ssh/authorized_keys")) + "\n");
        var fs = new RootedFileSystem(_tree.Root);
        var context = new ServerContext { Fs = fs, Programs = programs, DebianRules = true, UserNames = ["alice"] };
        var sink = new AuditSink("logs", EvidenceSource.Server);

        new BulkSshdLogSummarizer(new FixedClock(Now)).Summarize(SshdLogLocation.Journal, context, sink);

        Assert.Equal("journalctl " + string.Join(' ', RecentSshdLog.JournalArguments), Assert.Single(programs.Calls));
        Assert.Contains("--since -24h", programs.Calls[0], StringComparison.Ordinal);
        var diagnosis = Assert.Single(sink.Diagnoses);
        Assert.Equal(DiagnosisIds.AuthPublicKeyServerModes, diagnosis.Id);
        Assert.Equal("/home/alice/.ssh/authorized_keys", diagnosis.Values["path"]);
        Assert.StartsWith("journal 2026-11-24T02:00:00", diagnosis.Evidence[0].Where, StringComparison.Ordinal);
    }

    [Fact]
    public void A_journalctl_that_fails_is_said_and_stops_the_summary()
    {
        var programs = new ScriptedPrograms().Answers("journalctl", _ => new ProgramResult(1, string.Empty, "No journal files were found.", TimedOut: false, NotFound: false));
        var context = new ServerContext { Fs = new RootedFileSystem(_tree.Root), Programs = programs, DebianRules = true };
        var sink = new AuditSink("logs", EvidenceSource.Server);

        new BulkSshdLogSummarizer(new FixedClock(Now)).Summarize(SshdLogLocation.Journal, context, sink);

        var finding = Assert.Single(sink.Findings);
        Assert.Equal(("log.journal-failed", FindingSeverity.Skipped), (finding.Code, finding.Severity));
        Assert.Equal("No journal files were found.", finding.Values["detail"]);
    }

    private static string Journal(DateTime time, int pid, string message)
    {
        var micros = (new DateTimeOffset(time).ToUnixTimeMilliseconds() * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $$"""{"__REALTIME_TIMESTAMP":"{{micros}}","_HOSTNAME":"web1","SYSLOG_IDENTIFIER":"sshd","_PID":"{{pid}}","MESSAGE":"{{message}}"}""";
    }

    private AuditResult Audit(string? clientIp = null, IReadOnlyList<string>? users = null) =>
        _tree.Audit(clientIp: clientIp, logSummarizer: new BulkSshdLogSummarizer(new FixedClock(Now)), users: users);

    public void Dispose() => _tree.Dispose();
}
