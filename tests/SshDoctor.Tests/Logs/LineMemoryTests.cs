using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// A classifier remembers what it read on earlier lines (the stamp, the next second of its minute, the host, the
/// beginnings <c>HOST NAME[</c> of recent lines) only to read later lines faster: a line must read the same after any
/// other lines as it reads alone.
/// </summary>
public sealed class LineMemoryTests
{
    /// <summary>{0}: a digit; {1}: a fraction's digits, 1 to 8 of them (the same count in runs, as a real log writes them).</summary>
    private static readonly string[] Stamps =
    [
        "May  1 12:00:0{0}", "May  1 12:00:1{0}", "May  1 2024 12:00:0{0}", "2024-05-01T12:00:0{0}", "2024-05-01T12:00:0{0}+02:00", "<13>May  1 12:00:0{0}", "",
        "2024-05-01T12:00:0{0}.{1}+02:00", "2024-05-01T12:00:1{0},{1}Z", "2024-05-01 12:00:0{0}.{1}", "2024-05-01T12:00:0{0}Z", "2024-05-01T12:00:5{0}.{1}-0530",
        "2024-05-01T12:00:0{0}.{1}", "2024-05-01T12:00:{0}9.{1}+02:00", "2024-05-01T12:01:0{0}.{1}+02:00",
    ];

    private static readonly string[] Hosts = ["bastion", "web-1", "2001:db8::1", "a", "", "sshd[9]:"];

    private static readonly string[] Processes = ["sshd", "sshd-session", "CRON", "kernel", "audit", "sudo", "sshd[x]", "sshd-auth", "dropbear", ""];

    private static readonly string[] Pids = ["[4242]", "[7]", "[1234567890]", "[99999999999]", "[]", "", "[007]"];

    private static readonly string[] Messages =
    [
        "Failed password for root from 192.0.2.1 port 2222 ssh2", "Invalid user x from 198.51.100.7 port 1",
        "pam_unix(cron:session): session opened for user root", "sshd Connection closed by 192.0.2.3 port 22 [preauth]",
        "Accepted publickey for git from 192.0.2.9 port 4 ssh2: ED25519 SHA256:abc", "", "[  970.6] Failed password for a from 192.0.2.5 port 1 ssh2",
    ];

    [Fact]
    public void A_line_reads_the_same_after_any_lines_as_alone()
    {
        var random = new Random(17);
        var years = YearInference.Now();
        var shared = new LineClassifier("f", years, FastSignatureMatcher.Server);
        for (var n = 0; n < 20_000; n++)
        {
            var line = Line(random);
            var alone = new LineClassifier("f", years, FastSignatureMatcher.Server).Classify(line, n + 1);
            var afterOthers = shared.Classify(line, n + 1);
            Assert.Equal(Describe(alone), Describe(afterOthers));
        }
    }

    private static string Line(Random random)
    {
        string Pick(string[] from) => from[random.Next(from.Length)];

        // Runs of lines alike (as in a real log) as well as any mix.
        var fraction = string.Concat(Enumerable.Range(0, 1 + (random.Next(3) == 0 ? random.Next(8) : 5)).Select(_ => (char)('0' + random.Next(10))));
        var stamp = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(Stamps), random.Next(10), fraction);
        var parts = new[] { stamp, Pick(Hosts), Pick(Processes) + Pick(Pids) + ":", Pick(Messages) }.Where(p => p.Length > 0);
        return string.Join(' ', parts);
    }

    private static string Describe(LogRecord? r) => r is null
        ? "other program or blank"
        : $"{r.Time?.Clock.Ticks}|{r.Time?.Clock.Kind}|{r.Time?.Offset}|{r.Host}|{r.Process}|{r.Pid}|{r.Ip}|{r.Port}|{r.User}|{r.Kind}|{r.DiagnosisId}|{r.Text}|{r.Cut}";
}
