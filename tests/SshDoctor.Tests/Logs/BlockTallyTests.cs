using System.Globalization;
using System.Text;
using SshDoctor.Logs.Bulk;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The summary the workers add up per block (<see cref="BlockTally"/>, merged by the consumer) must be exactly the
/// summary of adding every line in turn: same counts, first and last times, top lists, hours, stories, bans, samples.
/// Checked on every sample and corpus file, and on generated logs that cross blocks, reuse pids across blocks, fill
/// addresses from the connection, mix times with offsets, end lines with CRLF, and pass the address bound.
/// </summary>
public class BlockTallyTests
{

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SampleFiles.PathOf("logs"), "*.log").Order(StringComparer.Ordinal))
        {
            files.Add(file);
        }

        foreach (var file in SampleFiles.Fail2banCorpusFiles("sshd", "sshd-journal", "selinux-ssh"))
        {
            files.Add(file);
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Tallied_summary_of_a_file_equals_the_line_by_line_summary(string path) =>
        AssertSame(File.ReadAllBytes(path));

    [Theory]
    [InlineData(40_000, false, false)]
    [InlineData(40_000, true, false)]
    [InlineData(40_000, false, true)]
    public void Tallied_summary_of_a_generated_log_over_many_blocks_equals_the_line_by_line_summary(int lines, bool offsets, bool crlf) =>
        AssertSame(Encoding.UTF8.GetBytes(Generate(lines, offsets, crlf, distinctAddresses: 3000)));

    /// <summary>
    /// Blocks with offsets are merged too: times are compared by their clocks, and a tie keeps the earlier line's time,
    /// in a block as across blocks. Here clocks go back and forth and equal clocks carry different offsets.
    /// </summary>
    [Fact]
    public void Tallied_summary_equals_the_line_by_line_summary_when_equal_clocks_carry_different_offsets() =>
        AssertSame(Encoding.UTF8.GetBytes(Generate(60_000, offsets: true, crlf: false, distinctAddresses: 3000, shuffledTimes: true)));

    [Fact]
    public void Tallied_summary_equals_the_line_by_line_summary_when_the_address_bound_is_passed() =>
        AssertSame(Encoding.UTF8.GetBytes(Generate(230_000, offsets: false, crlf: false, distinctAddresses: 1_000_000)));

    private static void AssertSame(byte[] log)
    {
        var lineByLine = Fingerprint(log, tally: false);
        var tallied = Fingerprint(log, tally: true);
        Assert.Equal(lineByLine, tallied);
    }

    private static string Fingerprint(byte[] log, bool tally)
    {
        var records = new List<LogRecord>();
        var pipeline = new LogPipeline(new LogFilter(), records.Add) { Tally = tally };
        using (var input = LogInput.Open("-", () => new MemoryStream(log)))
        {
            pipeline.Read(input);
        }

        pipeline.Complete();
        var s = pipeline.Summary;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{s.Lines} {s.Blank} {s.OtherPrograms} {s.SshLines} {s.Recognised} {s.Unknown} {s.Cut} {s.Failures} {s.BansSeen} attempts {s.Attempts}");
        text.AppendLine(CultureInfo.InvariantCulture, $"span {Times(s.Span)}");
        foreach (var (name, map) in (ReadOnlySpan<(string, SortedDictionary<string, CountWithTimes>)>)[("event", s.ByEvent), ("diagnosis", s.ByDiagnosis)])
        {
            foreach (var (key, counts) in map)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{name} {key} {Times(counts)}");
            }
        }

        foreach (var (name, counter, part) in (ReadOnlySpan<(string, BoundedCounter<AuthCounts>, Func<AuthCounts, TimedCount>)>)[("ip", s.Addresses, AuthCounts.FailuresOf), ("user", s.Users, AuthCounts.FailuresOf), ("attempt-ip", s.Addresses, AuthCounts.AttemptsOf), ("attempt-user", s.Users, AuthCounts.AttemptsOf)])
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{name} distinct {counter.Distinct} approximate {counter.Approximate}");
            foreach (var (key, counts) in counter.Top(int.MaxValue, part))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{name} {key} {Times(counts)}");
            }
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"story distinct {s.Stories.Distinct} approximate {s.Stories.Approximate}");
        foreach (var (key, counts) in s.Stories.Top(int.MaxValue))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"story {key} {Times(counts)}");
        }

        foreach (var (hour, count) in s.FailuresPerHour)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"hour {hour:O} {count}");
        }

        foreach (var ban in s.Bans)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"ban {ban}");
        }

        foreach (var sample in s.UnknownSamples)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"unknown {sample.Line} {sample.Text}");
        }

        // What the output got must not change either (addresses and users filled from the connection).
        foreach (var r in records)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"record {r.Line} {r.Time?.Format()} {r.Pid} {r.Ip} {r.Port} {r.User} {r.Id} {r.Attempt}");
        }

        return text.ToString();
    }

    private static string Times(CountWithTimes counts) => $"{counts.Count} {counts.First?.Format()} {counts.Last?.Format()}";

    /// <summary>Connections of several lines whose pids come back (so sessions span blocks), some lines without an address.</summary>
    internal static string Generate(int lines, bool offsets, bool crlf, int distinctAddresses, bool shuffledTimes = false)
    {
        var random = new Random(lines + (offsets ? 1 : 0) + (crlf ? 2 : 0));
        var text = new StringBuilder();
        var start = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Unspecified);
        string[] users = ["root", "admin", "git", "bob"];
        for (var n = 0; n < lines; n++)
        {
            var time = start.AddSeconds(shuffledTimes ? random.Next(200) : n / 3);
            var stamp = offsets && (n % 5 == 0 || (shuffledTimes && n % 2 == 0))
                ? time.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + (shuffledTimes ? $"+0{random.Next(3)}:00" : n % 10 == 0 ? "+02:00" : "+00:00")
                : time.ToString("MMM d HH:mm:ss", CultureInfo.InvariantCulture).PadLeft(15);
            var pid = 1000 + random.Next(300);
            var ip = distinctAddresses > 100_000 ? $"10.{n / 65536 % 256}.{n / 256 % 256}.{n % 256}" : $"203.0.{random.Next(distinctAddresses) / 256}.{random.Next(256)}";
            var user = users[random.Next(users.Length)];
            // 7 to 9: attempts, whose address or user the connection may have to give (the tally leaves those to the order).
            var message = random.Next(13) switch
            {
                0 => $"Connection from {ip} port 4{n % 1000} on 10.0.0.1 port 22",
                1 => "Disconnecting: Too many authentication failures [preauth]",
                2 => $"User {user} not allowed because account is locked",
                3 => $"Invalid user {user} from {ip} port 22",
                4 => "fatal: Timeout before authentication",
                5 => $"pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={ip}",
                6 => $"something sshd never says {n}",
                7 => "error: kex_exchange_identification: Connection closed by remote host",
                8 => $"Connection closed by {ip} port {n % 60000} [preauth]",
                9 => $"Disconnected from authenticating user {user} {ip} port {n % 60000} [preauth]",
                _ => $"Failed password for {user} from {ip} port {n % 60000} ssh2",
            };
            text.Append(stamp).Append(" host sshd[").Append(pid).Append("]: ").Append(message).Append(crlf ? "\r\n" : "\n");
            if (n % 7000 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{stamp} host CRON[{pid}]: pam_unix(cron:session): session opened\n\n");
            }
        }

        return text.ToString();
    }
}
