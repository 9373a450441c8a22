using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// What a line counts for in the failure totals (issue 14): rsyslog's repeat line for N failures, PAM's "N more" for
/// none of its own (sshd logged each), pre-authentication endings for none (fail2ban's default mode), an IPv6 zone
/// not splitting an address, and sshd's debug lines as events rather than unknown lines. Both the ordered reading and
/// the parallel one (a file of many blocks) count alike.
/// </summary>
public class CountingTests
{
    private const string Lines =
        "Mar  5 10:00:01 web1 sshd[12]: message repeated 4 times: [ Failed password for root from 192.0.2.1 port 22 ssh2]\n"
        + "Mar  5 10:00:02 web1 sshd[12]: Failed password for root from 192.0.2.1 port 22 ssh2\n"
        + "Mar  5 10:00:03 web1 sshd[13]: PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.1  user=root\n"
        + "Mar  5 10:00:04 web1 sshd[14]: Connection closed by authenticating user root 192.0.2.1 port 5 [preauth]\n"
        + "Mar  5 10:00:05 web1 sshd[14]: Disconnected from invalid user admin 192.0.2.1 port 5 [preauth]\n"
        + "Mar  5 10:00:06 web1 sshd[15]: Failed password for bob from fe80::1%eth0 port 22 ssh2\n"
        + "Mar  5 10:00:07 web1 sshd[16]: Failed password for bob from fe80::1%eth1 port 22 ssh2\n"
        + "Mar  5 10:00:08 web1 sshd[17]: debug1: channel 0: rcvd adjust 65536\n";

    [Fact]
    public void A_repeat_line_counts_its_failures_and_endings_count_none()
    {
        var (records, summary) = LogsTestSupport.ReadText(Lines);
        Assert.Equal(4 + 1 + 2, summary.Failures);
        Assert.Equal(5, Count(summary.Addresses, "192.0.2.1"));
        Assert.Equal(2, Count(summary.Addresses, "fe80::1"));
        Assert.Equal(5, Count(summary.Users, "root"));
        Assert.Equal(0, summary.Unknown);
        Assert.Contains(records, r => r.Kind == LineClassifier.DebugKind && r.DiagnosisId is null);
        Assert.Contains(records, r => r.Ip == "fe80::1%eth0");
        Assert.Equal(4, records.First().Times);
    }

    [Fact]
    public void The_parallel_reading_counts_as_the_ordered_one()
    {
        var text = string.Concat(Enumerable.Repeat(Lines, 20_000));
        var (_, summary) = LogsTestSupport.ReadText(text);
        Assert.Equal(20_000L * 7, summary.Failures);
        Assert.Equal(20_000L * 5, Count(summary.Addresses, "192.0.2.1"));
        Assert.Equal(20_000L * 2, Count(summary.Addresses, "fe80::1"));
    }

    private static long Count(BoundedCounter<AuthCounts> counter, string key) =>
        counter.Top(100, AuthCounts.FailuresOf).Where(e => e.Key == key).Select(e => e.Counts.Count).SingleOrDefault();

    [Fact]
    public void The_ban_lengths_the_summary_tests_first_are_those_of_the_ban_kinds()
    {
        // LogSummary compares a line's kind with the three ban kinds only when its length is one of theirs.
        Assert.Equal(LogSummary.BanKindLength, SshDoctor.Logs.Signatures.EventNames.Fail2banBan.Name.Length);
        Assert.Equal(LogSummary.UnbanOrBlockKindLength, SshDoctor.Logs.Signatures.EventNames.Fail2banUnban.Name.Length);
        Assert.Equal(LogSummary.UnbanOrBlockKindLength, SshDoctor.Logs.Signatures.EventNames.SshguardBlock.Name.Length);
    }
}
