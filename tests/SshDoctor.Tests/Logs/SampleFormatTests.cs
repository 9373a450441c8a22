using System.Globalization;
using System.Text;
using SshDoctor.Logs.Bulk;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// One sample per log format and OpenSSH version (Samples/logs; the version is in each file's name and first comment):
/// every SSH line is recognised, and the ids the file's <c># expect:</c> line names are all found.
/// </summary>
public class SampleFormatTests
{
    public static TheoryData<string> Files() =>
        [.. Directory.EnumerateFiles(SampleFiles.PathOf("logs"), "*.log").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_ssh_line_is_recognised_and_the_expected_ids_are_found(string file)
    {
        var path = SampleFiles.PathOf("logs", file);
        var (records, _) = LogsTestSupport.Read(path);
        var unknown = records.Where(r => !r.Recognised && !r.Text.StartsWith('#')).ToList();
        Assert.True(unknown.Count == 0, "not recognised: " + string.Join(" | ", unknown.Select(u => u.Text)));
        var expected = File.ReadLines(path).Where(l => l.StartsWith("# expect:", StringComparison.Ordinal))
            .SelectMany(l => l["# expect:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var found = records.Select(r => r.DiagnosisId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.All(expected, id => Assert.Contains(id, found));
    }

    /// <summary>The server logs the lab captured from real sshd and Dropbear runs (Samples/lab/*/server*.log).</summary>
    public static TheoryData<string> LabServerLogs() =>
        [.. Directory.EnumerateDirectories(SampleFiles.PathOf("lab")).SelectMany(d => Directory.EnumerateFiles(d, "server*.log"))
            .Select(f => Path.GetRelativePath(SampleFiles.PathOf("lab"), f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(LabServerLogs))]
    public void Every_line_of_a_lab_capture_is_recognised(string file)
    {
        var (records, summary) = LogsTestSupport.Read(SampleFiles.PathOf("lab", file));

        var unknown = records.Where(r => !r.Recognised).ToList();
        Assert.True(unknown.Count == 0, "not recognised: " + string.Join(" | ", unknown.Select(u => u.Text)));
        Assert.Equal(summary.Lines, summary.Recognised + summary.OtherPrograms + summary.Blank);
    }

    [Fact]
    public void Fields_come_from_the_line_and_lines_without_an_address_get_their_connection_s()
    {
        var (records, summary) = LogsTestSupport.Read(SampleFiles.PathOf("logs", "debian12-openssh-9.2p1-syslog.log"));
        var failed = records.Single(r => r.Kind == "sshd.failed-password-invalid");
        Assert.Equal(("web1", "sshd", 4242, "203.0.113.5", 50522, "oracle", "auth.wrong-user"), (failed.Host, failed.Process, failed.Pid, failed.Ip, failed.Port, failed.User, failed.DiagnosisId));
        Assert.Equal(1, summary.OtherPrograms);
        Assert.Contains(summary.Stories.Top(10), s => s.Key == "sshd.failed-password → sshd.max-auth-tries → sshd.disconnecting-too-many");
    }

    [Fact]
    public void A_pam_session_close_is_an_event_that_takes_its_connection_s_address()
    {
        var (records, summary) = LogsTestSupport.Read(SampleFiles.PathOf("logs", "debian12-openssh-9.2p1-syslog.log"));
        var closed = records.Single(r => r.Kind == "sshd.session-closed");
        Assert.Equal(("alice", "198.51.100.7", 4290, (string?)null), (closed.User, closed.Ip, closed.Pid, closed.DiagnosisId));
        Assert.Equal(1, summary.ByEvent["sshd.session-closed"].Count);
    }

    [Fact]
    public void A_line_without_an_address_gets_the_address_of_earlier_lines_of_its_connection()
    {
        // OpenSSH 7.x wording: the final Disconnecting line names no address; the pid ties it to the failed keys.
        var (records, summary) = LogsTestSupport.ReadText(
            "Nov 28 09:16:05 srv sshd[32310]: Failed publickey for git from 192.0.2.111 port 57910 ssh2: RSA SHA256:x\n" +
            "Nov 28 09:16:05 srv sshd[32310]: Failed publickey for git from 192.0.2.111 port 57910 ssh2: ECDSA SHA256:y\n" +
            "Nov 28 09:16:05 srv sshd[32311]: Connection closed by 192.0.2.5 port 1 [preauth]\n" +
            "Nov 28 09:16:05 srv sshd[32310]: Disconnecting: Too many authentication failures for git [preauth]\n");
        var last = records[^1];
        Assert.Equal(("auth.too-many-failures", "192.0.2.111", "git"), (last.DiagnosisId, last.Ip, last.User));
        Assert.Contains(summary.Stories.Top(10), s => s.Key == "sshd.failed-publickey ×2 → sshd.disconnecting-too-many");
    }

    [Fact]
    public void Connections_of_hundreds_of_hosts_with_one_pid_stay_apart()
    {
        // A central log of 600 hosts, each with an sshd of pid 4242: past the first hosts, which get a number of their
        // own, a host is told apart by a hash of its name; every host's closing line still gets that host's address.
        const int Hosts = 600;
        var text = new StringBuilder();
        for (var h = 0; h < Hosts; h++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Nov 28 09:16:05 host{h} sshd[4242]: Failed publickey for git from 192.0.{h >> 8}.{h & 255} port 57910 ssh2: RSA SHA256:x\n");
        }

        for (var h = 0; h < Hosts; h++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Nov 28 09:16:06 host{h} sshd[4242]: Disconnecting: Too many authentication failures for git [preauth]\n");
        }

        var (records, summary) = LogsTestSupport.ReadText(text.ToString());
        var closing = records.Where(r => r.Kind == "sshd.disconnecting-too-many").ToList();
        Assert.Equal(Hosts, closing.Count);
        Assert.All(closing, r => Assert.Equal(r.Host![4..], AddressNumber(r.Ip!)));
        Assert.Equal(Hosts, summary.Stories.Top(10).Single(s => s.Key == "sshd.failed-publickey → sshd.disconnecting-too-many").Counts.Count);

        static string AddressNumber(string ip)
        {
            var parts = ip.Split('.');
            return (int.Parse(parts[2], CultureInfo.InvariantCulture) * 256 + int.Parse(parts[3], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public void Rfc5424_structured_data_with_brackets_in_quotes_is_skipped()
    {
        var (records, _) = LogsTestSupport.Read(SampleFiles.PathOf("logs", "rfc5424-openssh-10.0-sshd-auth.log"));
        var line = records.Single(r => r.Line == 4);
        Assert.Equal(("gw", "sshd-session", 9100, "192.0.2.200", "auth.wrong-user"), (line.Host, line.Process, line.Pid, line.Ip, line.DiagnosisId));
        Assert.Equal(TimeSpan.Zero, line.Time!.Value.Offset);
    }

    [Fact]
    public void Bans_are_counted()
    {
        var (_, summary) = LogsTestSupport.Read(SampleFiles.PathOf("logs", "fail2ban-and-sshguard.log"));
        Assert.Equal(3, summary.BansSeen);
        Assert.Contains(summary.Bans, b => b.Action == "sshguard.block" && b.Ip == "198.51.100.99");
    }
}
