using CsCheck;
using SshDoctor.Logs;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// explain (<see cref="LogReader"/>) and logs' bulk classifier (<see cref="LineClassifier"/>) read a server line the same
/// way: same host, process and pid, both call it an SSH line or neither, same signature, address and user. Checked on
/// generated lines (every prefix form the reader knows, awkward ones, and messages from the table's samples), one at a
/// time and as a run of lines (the bulk classifier remembers stamps and prefixes from line to line).
/// </summary>
public class PrefixAgreementTests
{
    private static readonly string[] Stamps =
    [
        "", "Mar  5 10:00:01 ", "Mar 15 10:00:01 ", "Mar  5 2026 10:00:01 ", "Mar  5 10:00:01.123 ", "2026-03-05T10:00:01+01:00 ",
        "2026-03-05T10:00:01.801612Z ", "2020-03-23 06:47:42.801612-0700  ", "2026-03-05 10:00:01,123 ", "2026-03-05_10:00:01.33227 ",
        "Mar  5 10:00:01  ", "<38>Mar  5 10:00:01 ", "<38>2026-03-05T10:00:01Z ", "9999-12-31T23:59:59+14:00 ", "Mar  5 10:00:0x ",
    ];

    private static readonly string[] Middles =
    [
        "", "web1 ", "<10.5> web1 ", "<auth.info> web1 ", "web1 auth.info ", "auth.info: ", "auth.info: Mar  5 10:00:01 ", "fe80::1 ",
        "web1.example.org ", "web1 authpriv.notice ", "a]b ", "auth.nothing ", "host:1 ", "fail2ban.web ",
    ];

    private static readonly string[] Processes =
    [
        "sshd[123]: ", "sshd-session[77]: ", "sshd-auth[9]: ", "/usr/sbin/sshd[42]: ", "sshd(pam_unix)[31]: ", "dropbear[5]: ", "CRON[8]: ",
        "sshd: ", "[sshd]: ", "[sshd] ", "kernel: ", "kernel: [  970.699396] ", "audit[3]: ", "fail2ban.actions        [1234]: ",
        "sshd[12] ", "sshd[]: ", "sshd[99999999999]: ", "error: ", "", "sudo: ",
    ];

    private static readonly string[] Messages =
    [
        "Failed password for root from 192.0.2.1 port 22 ssh2", "Invalid user admin from 2001:db8::1 port 5", "Accepted publickey for bob from 192.0.2.9 port 1 ssh2: ED25519 SHA256:x",
        "error: maximum authentication attempts exceeded for root from 192.0.2.1 port 22 ssh2 [preauth]",
        "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.1  user=root",
        "[ID 800047 auth.notice] Failed password for root from 192.0.2.1 port 22 ssh2", "Connection closed by 192.0.2.1 port 9 [preauth]",
        "Bad password attempt for 'root' from 192.0.2.1:22", "NOTICE  [sshd] Ban 192.0.2.1", "session opened for user root by (uid=0)",
        "comm=\"sshd\" avc:  denied { read } name=\"authorized_keys\"", "something else entirely", "", "x",
    ];

    private static readonly Gen<string> Lines = Gen.OneOf(
        Gen.Select(Gen.OneOfConst(Stamps), Gen.OneOfConst(Middles), Gen.OneOfConst(Processes), Gen.OneOfConst(Messages), (s, m, p, x) => s + m + p + x),
        Gen.Select(Gen.OneOfConst(Stamps), Gen.OneOfConst(Processes), Gen.String[0, 30], (s, p, x) => s + p + x),
        Gen.Select(Gen.OneOfConst(Messages), m => "<38>1 2026-03-05T10:00:01Z web1 sshd 123 - [x@1 a=\"b]c\" d=\"\\\"]\"] " + m),
        Gen.Select(Gen.OneOfConst(Messages), Gen.OneOfConst("-", "2026-03-05T10:00:01.5+02:00", "bad"), (m, t) => $"<86>1 {t} - sshd - - - " + m),
        Gen.Select(Gen.OneOfConst(Messages), m => "[1234] Mar  5 10:00:01 " + m));

    [Fact]
    public void Explain_and_logs_read_every_generated_line_alike() =>
        Lines.Sample(line => AssertAlike(new LineClassifier("t", YearInference.Now(), FastSignatureMatcher.Server), line), iter: 20_000);

    [Fact]
    public void A_run_of_lines_reads_as_each_line_alone()
    {
        Lines.Array[1, 30].Sample(run =>
        {
            var classifier = new LineClassifier("t", YearInference.Now(), FastSignatureMatcher.Server);
            foreach (var line in run)
            {
                AssertAlike(classifier, line);
            }
        }, iter: 2_000);
    }

    [Theory]
    [InlineData("<38>1 2026-03-05T10:00:01Z web1 sshd 123 - [x@1 note=\"a]b\"] Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user")]
    [InlineData("Mar  5 10:00:01 web1 /usr/sbin/sshd[42]: Failed password for root from 192.0.2.1 port 22 ssh2", "sshd.failed-password")]
    [InlineData("2020-03-23 06:47:42.801612-0700  web1 sshd[3186]: Failed password for root from 192.0.2.1 port 22 ssh2", "sshd.failed-password")]
    [InlineData("Mar  5 10:00:01 web1 auth.info sshd[12]: Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user")]
    [InlineData("2026-03-05_10:00:01.33227 auth.info: Mar  5 10:00:01 sshd[12]: Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user")]
    [InlineData("Mar  5 10:00:01 <10.5> web1 sshd[12]: Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: [ID 800047 auth.notice] Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user")]
    [InlineData("sshd: Failed password for root from 192.0.2.1 port 22 ssh2", "sshd.failed-password")]
    [InlineData("sshd-session: Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user")]
    public void The_prefixes_the_readers_disagreed_on_are_read_alike(string line, string kind)
    {
        Assert.Equal(kind, Explain(line)?.Kind);
        Assert.Equal(Explain(line), Bulk(new LineClassifier("t", YearInference.Now(), FastSignatureMatcher.Server), line));
    }

    /// <summary>
    /// Both read the line alike. explain also opens frames around a pasted message (a label, a quote: see
    /// <c>MessageFrames</c>), which logs does not; a line explain read inside such a frame is left out.
    /// </summary>
    private static void AssertAlike(LineClassifier classifier, string line)
    {
        var bulk = Bulk(classifier, line);

        // A line with no prefix at all is a client's or a server's by what else explain's input holds; logs reads server logs.
        if (ServerLinePrefix.Split(line).Header == ServerLineHeader.None)
        {
            return;
        }

        var events = LogReader.Classify(new InputText("t", [new SourceLine("t", 1, line)], [])).Events;
        if (events.Count > 0 && events[0].Line.Text != line)
        {
            return;
        }

        Assert.True(Equals(Explain(line), bulk), $"{line}\nexplain: {Explain(line)}\nlogs:    {bulk}");
    }

    /// <summary>What explain makes of one server line: null when it is no SSH line or no signature knows it.</summary>
    private static Reading? Explain(string line)
    {
        var input = new InputText("t", [new SourceLine("t", 1, line)], []);
        var events = LogReader.Classify(input).Events;
        return events.Count == 0 || events[0].Side != LogSide.Server ? null
            : new Reading(events[0].Kind, events[0].Header.Host, events[0].Header.Process, events[0].Header.Pid, Address.Normalise(events[0].Match[EventNames.AnyEvent.Ip]), events[0].Match[EventNames.AnyEvent.User]);
    }

    private static Reading? Bulk(LineClassifier classifier, string line)
    {
        var record = classifier.Classify(line.AsSpan(), 1);
        return record?.Kind is null ? null : new Reading(record.Kind, record.Host, record.Process, record.Pid, record.Ip, record.User);
    }

    private sealed record Reading(string? Kind, string? Host, string? Process, int? Pid, string? Ip, string? User);
}
