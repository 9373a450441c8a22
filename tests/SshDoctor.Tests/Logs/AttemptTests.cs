using System.Text;
using System.Text.Json;
using SshDoctor.Localization;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Signatures;
using SshDoctor.Reporting;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// Pre-authentication attempts (issue 14): which recognised lines are failed attempts is the signature table's
/// <see cref="MessageSignature.Attempt"/> column; the summary counts them per address and user beside the failures; no
/// line of an accepted login is ever one, and a failure is never also an attempt.
/// </summary>
public class AttemptTests
{
    /// <summary>One sample per signature whose attempt column is not Never (a test below checks none is left out).</summary>
    public static TheoryData<string, string, string?, string?> Attempts() => new()
    {
        { "Failed none for invalid user admin from 192.0.2.1 port 5 ssh2", SshdFailedNone, "192.0.2.1", "admin" },
        { "Postponed keyboard-interactive for invalid user warez from 192.0.2.1 port 54197 ssh2 [preauth]", "sshd.postponed", "192.0.2.1", "warez" },
        { "Disconnecting invalid user admin 192.0.2.1 port 44004: Change of username or service not allowed: (admin,ssh-connection) -> (user,ssh-connection) [preauth]", "sshd.change-of-username", "192.0.2.1", "admin" },
        // A known algorithm list makes these failures (kex.no-common-*); an unknown one leaves an attempt.
        { "Unable to negotiate with 192.0.2.1 port 5: no matching compression method found. Their offer: zlib [preauth]", "sshd.unable-to-negotiate", "192.0.2.1", null },
        { "error: client sent invalid protocol identifier \"GET / HTTP/1.1\"", "sshd.invalid-protocol-identifier", null, null },
        { "Bad protocol version identification 'GET / HTTP/1.1' from 192.0.2.1 port 5", "sshd.bad-protocol-version", "192.0.2.1", null },
        { "Bad protocol version identification GET / HTTP/1.1 from 192.0.2.1", "sshd.bad-protocol-version", "192.0.2.1", null },
        { "Failed gssapi-with-mic for bob from 192.0.2.1 port 5 ssh2", "sshd.failed-other", "192.0.2.1", "bob" },
        { "Did not receive identification string from 192.0.2.1 port 5", "sshd.did-not-receive-ident", "192.0.2.1", null },
        { "Unable to negotiate a key exchange method", "sshd.unable-to-negotiate-old", null, null },
        { "no matching comp found: client zlib server none", "sshd.no-matching-algorithm", null, null },
        { "error: kex_exchange_identification: Connection closed by remote host", "sshd.kex-exchange-identification", null, null },
        { "banner exchange: Connection from 192.0.2.1 port 5: invalid format", "sshd.banner-exchange", "192.0.2.1", null },
        { "ssh_dispatch_run_fatal: Connection from 192.0.2.1 port 5: message authentication code incorrect [preauth]", "sshd.dispatch-fatal", "192.0.2.1", null },
        { "Read error from remote host 192.0.2.1 port 5: Connection reset by peer [preauth]", "sshd.read-error", "192.0.2.1", null },
        { "fatal: Read from socket failed: Connection reset by peer [preauth]", "sshd.read-socket-failed", null, null },
        { "fatal: Write failed: Broken pipe [preauth]", "sshd.write-failed", null, null },
        { "Corrupted MAC on input. [preauth]", "sshd.corrupted-mac", null, null },
        { "Bad packet length 1349676916. [preauth]", "sshd.bad-packet-length", null, null },
        { "error: bad client public DH value [preauth]", "sshd.bad-dh-value", null, null },
        { "Magic value check failed (4289475479) on obfuscated handshake from 192.0.2.1 port 62730", "sshd.obfuscated-magic", "192.0.2.1", null },
        { "scanned from 192.0.2.1 port 5 with SSH-2.0-Go.  Don't panic.", "sshd.scanner", "192.0.2.1", null },
        { "Connection closed by authenticating user root 192.0.2.1 port 5 [preauth]", "sshd.connection-closed", "192.0.2.1", "root" },
        { "Connection closed by 192.0.2.1 port 5 [preauth]", "sshd.connection-closed", "192.0.2.1", null },
        { "Connection reset by invalid user admin 192.0.2.1 port 5 [preauth]", "sshd.connection-reset", "192.0.2.1", "admin" },
        { "Disconnected from invalid user ftp 192.0.2.1 port 5 [preauth]", "sshd.disconnected", "192.0.2.1", "ftp" },
        // Outside ASCII: the regex path, not the generated reader, decides; the same answer.
        { "Disconnected from invalid user jörg 192.0.2.1 port 5 [preauth]", "sshd.disconnected", "192.0.2.1", "jörg" },
        { "Received disconnect from 192.0.2.1 port 5:11: Bye Bye [preauth]", "sshd.received-disconnect", "192.0.2.1", null },
        { "Timeout before authentication for 192.0.2.1 port 5", "sshd.timeout-before-auth", "192.0.2.1", null },
        { "Exit before auth from <192.0.2.1:5>: Exited normally", "dropbear.exit-before-auth", "192.0.2.1", null },
    };

    /// <summary>Recognised lines that are no attempt: what ordinary logins write at LogLevel VERBOSE, the same words after authentication, failures.</summary>
    public static TheoryData<string> NotAttempts() =>
    [
        "Postponed publickey for bob from 192.0.2.1 port 5 ssh2 [preauth]",
        "Failed none for bob from 192.0.2.1 port 5 ssh2",
        "Accepted publickey for bob from 192.0.2.1 port 5 ssh2: ED25519 SHA256:abc",
        "Connection from 192.0.2.1 port 5 on 192.0.2.9 port 22 rdomain \"\"",
        "Received disconnect from 192.0.2.1 port 5:11: disconnected by user",
        "Disconnected from user bob 192.0.2.1 port 5",
        "Connection closed by 192.0.2.1 port 5",
        "ssh_dispatch_run_fatal: Connection from user bob 192.0.2.1 port 5: message authentication code incorrect",
        "Read error from remote host 192.0.2.1 port 5: Connection reset by peer",
        "reverse mapping checking getaddrinfo for host.example [192.0.2.1] failed.",
        "pam_unix(sshd:auth): check pass; user unknown",
        // sshd logs each of these failures itself: counting the PAM summary too would count them twice.
        "PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.1  user=root",
        // Failures: never also attempts, even where the row says Always (a failure row matched first) or [preauth].
        "Failed password for invalid user admin from 192.0.2.1 port 5 ssh2",
        "Disconnecting authenticating user root 192.0.2.1 port 5: Too many authentication failures [preauth]",
        "error: maximum authentication attempts exceeded for root from 192.0.2.1 port 5 ssh2 [preauth]",
        "Unable to negotiate with 192.0.2.1 port 5: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1 [preauth]",
        "Exit before auth from <192.0.2.1:5>: (user 'root', 10 fails): Max auth tries reached - user 'root'",
    ];

    private const string SshdFailedNone = "sshd.failed-none";

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Each_attempt_signature_counts_its_sample_with_its_address_and_user(string message, string kind, string? ip, string? user)
    {
        var record = Classify("Mar  5 10:00:01 web1 sshd-session[12]: " + message);

        Assert.Equal((kind, ip, user), (record.Kind, record.Ip, record.User));
        Assert.Null(record.DiagnosisId);
        Assert.True(record.Attempt);
    }

    [Theory]
    [MemberData(nameof(NotAttempts))]
    public void Other_recognised_lines_are_no_attempt(string message)
    {
        var record = Classify("Mar  5 10:00:01 web1 sshd-session[12]: " + message);

        Assert.NotNull(record.Kind);
        Assert.False(record.Attempt);
    }

    [Fact]
    public void Every_signature_with_an_attempt_column_has_a_sample()
    {
        var sampled = Attempts().Select(row => row.Data.Item2).ToHashSet(StringComparer.Ordinal);
        var withColumn = SignatureTable.Server.Where(s => s.Attempt != AttemptWhen.Never).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(withColumn.Order(StringComparer.Ordinal), sampled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Preauth_is_carried_on_the_line()
    {
        Assert.True(Classify("Mar  5 10:00:01 web1 sshd[12]: Connection closed by 192.0.2.1 port 5 [preauth]").Preauth);
        Assert.False(Classify("Mar  5 10:00:01 web1 sshd[12]: Connection closed by 192.0.2.1 port 5").Preauth);
        Assert.False(Classify("Mar  5 10:00:01 web1 sshd[12]: Connection closed by 192.0.2.1 port 5 [postauth]").Preauth);
    }

    [Fact]
    public void A_scanner_with_attempts_only_is_listed_by_address_and_no_failure_is_counted()
    {
        var summary = Summarise(
            "Mar  5 10:00:01 web1 sshd[12]: Did not receive identification string from 198.51.100.7 port 5",
            "Mar  5 10:00:02 web1 sshd[13]: error: kex_exchange_identification: Connection closed by remote host",
            "Mar  5 10:00:02 web1 sshd[13]: Connection closed by 198.51.100.7 port 6 [preauth]",
            "Mar  5 10:00:03 web1 sshd[14]: Disconnected from invalid user admin 198.51.100.7 port 7 [preauth]");

        Assert.Equal(0, summary.Failures);
        Assert.Equal(4, summary.Attempts);
        Assert.Equal([("198.51.100.7", 3L)], summary.Addresses.Top(10, AuthCounts.AttemptsOf).Select(p => (p.Key, p.Counts.Count)));
        Assert.Equal([("admin", 1L)], summary.Users.Top(10, AuthCounts.AttemptsOf).Select(p => (p.Key, p.Counts.Count)));

        var written = new MemoryStream();
        LogsReportJson.Write(written, LogsReportBuilder.Build(summary, Language.English, null));
        using var json = JsonDocument.Parse(written.ToArray());
        Assert.Equal(4, json.RootElement.GetProperty("totals").GetProperty("attempts").GetInt64());
        var top = json.RootElement.GetProperty("top_attempt_addresses")[0];
        Assert.Equal(("198.51.100.7", 3), (top.GetProperty("ip").GetString(), top.GetProperty("attempts").GetInt32()));
        Assert.Equal("admin", json.RootElement.GetProperty("top_attempt_users")[0].GetProperty("user").GetString());
        Assert.Empty(json.RootElement.GetProperty("top_addresses").EnumerateArray());
    }

    [Fact]
    public void An_attempt_without_its_address_gets_the_connections()
    {
        var summary = Summarise(
            "Mar  5 10:00:01 web1 sshd[12]: Invalid user root from 61.0.0.1 port 5",
            "Mar  5 10:00:02 web1 sshd[12]: Connection closed by 61.0.0.1 [preauth]",
            "Mar  5 10:00:03 web1 sshd[13]: Connection from 61.0.0.2 port 6 on 10.0.0.1 port 22",
            "Mar  5 10:00:04 web1 sshd[13]: error: kex_exchange_identification: Connection closed by remote host");

        Assert.Equal(2, summary.Attempts);
        Assert.Equal([("61.0.0.1", 1L), ("61.0.0.2", 1L)], summary.Addresses.Top(10, AuthCounts.AttemptsOf).Select(p => (p.Key, p.Counts.Count)));
        Assert.Equal([("root", 1L)], summary.Users.Top(10, AuthCounts.AttemptsOf).Select(p => (p.Key, p.Counts.Count)));
    }

    /// <summary>What OpenSSH 9.x/10.x writes at LogLevel VERBOSE for ordinary logins, by key and by password after a wrong key.</summary>
    [Fact]
    public void Accepted_logins_at_verbose_add_no_attempt()
    {
        var summary = Summarise(
            "Mar  5 10:00:01 web1 sshd[12]: Connection from 192.0.2.1 port 50000 on 192.0.2.9 port 22 rdomain \"\"",
            "Mar  5 10:00:01 web1 sshd-session[12]: Failed none for bob from 192.0.2.1 port 50000 ssh2",
            "Mar  5 10:00:01 web1 sshd-session[12]: Postponed publickey for bob from 192.0.2.1 port 50000 ssh2 [preauth]",
            "Mar  5 10:00:01 web1 sshd-session[12]: Accepted key ED25519 SHA256:abc found at /home/bob/.ssh/authorized_keys:1",
            "Mar  5 10:00:01 web1 sshd-session[12]: Accepted publickey for bob from 192.0.2.1 port 50000 ssh2: ED25519 SHA256:abc",
            "Mar  5 10:00:01 web1 sshd-session[12]: pam_unix(sshd:session): session opened for user bob(uid=1000) by bob(uid=0)",
            "Mar  5 10:00:01 web1 sshd-session[12]: User child is on pid 13",
            "Mar  5 10:00:01 web1 sshd-session[12]: Starting session: shell on pts/0 for bob from 192.0.2.1 port 50000 id 0",
            "Mar  5 10:05:01 web1 sshd-session[13]: Received disconnect from 192.0.2.1 port 50000:11: disconnected by user",
            "Mar  5 10:05:01 web1 sshd-session[13]: Disconnected from user bob 192.0.2.1 port 50000",
            "Mar  5 10:05:01 web1 sshd-session[12]: Transferred: sent 3000, received 2000 bytes",
            "Mar  5 10:05:01 web1 sshd-session[12]: Closing connection to 192.0.2.1 port 50000",
            "Mar  5 10:05:01 web1 sshd-session[12]: pam_unix(sshd:session): session closed for user bob",
            "Mar  5 10:06:01 web1 dropbear[20]: Child connection from 192.0.2.2:50001",
            "Mar  5 10:06:01 web1 dropbear[20]: Pubkey auth succeeded for 'bob' with ssh-ed25519 key SHA256:abc from 192.0.2.2:50001",
            "Mar  5 10:06:09 web1 dropbear[20]: Exit (bob) from <192.0.2.2:50001>: Disconnect received");

        Assert.Equal(0, summary.Attempts);
        Assert.Empty(summary.Addresses.Top(int.MaxValue, AuthCounts.AttemptsOf));
    }

    /// <summary>
    /// The real captures: no line of a connection that logged in (its address and port on an accepted line) is an attempt.
    /// </summary>
    [Theory]
    [MemberData(nameof(BlockTallyTests.Files), MemberType = typeof(BlockTallyTests))]
    public void No_line_of_an_accepted_login_in_the_captures_is_an_attempt(string path)
    {
        var records = new List<LogRecord>();
        var pipeline = new LogPipeline(new LogFilter(), records.Add);
        using (var input = LogInput.Open("-", () => new MemoryStream(File.ReadAllBytes(path))))
        {
            pipeline.Read(input);
        }

        pipeline.Complete();
        var accepted = records.Where(r => r.Kind is "sshd.accepted" or "dropbear.auth-succeeded" && r.Port is not null).Select(r => (r.Ip, r.Port)).ToHashSet();
        Assert.Empty(records.Where(r => r.Attempt && r.Port is not null && accepted.Contains((r.Ip, r.Port))).Select(r => $"{r.Line}: {r.Text}"));
        Assert.DoesNotContain(records, r => r.Attempt && r.IsFailure);
    }

    private static LogRecord Classify(string line)
    {
        var record = new LineClassifier("t", YearInference.Now(), FastSignatureMatcher.Server).Classify(line.AsSpan(), 1);
        Assert.NotNull(record);
        return record;
    }

    private static LogSummary Summarise(params string[] lines)
    {
        var pipeline = new LogPipeline(new LogFilter(), null);
        using (var input = LogInput.Open("-", () => new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"))))
        {
            pipeline.Read(input);
        }

        pipeline.Complete();
        return pipeline.Summary;
    }
}
