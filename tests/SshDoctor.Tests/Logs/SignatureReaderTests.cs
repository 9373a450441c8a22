using SshDoctor.Fuzz;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Server;
using SshDoctor.Logs.Signatures;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The generated readers (the bulk path's span reading, and the fast matcher explain uses) must say exactly what the
/// signature table's regexes say: same signature, same groups, or nothing. Checked on every sample and corpus line, on
/// every table sample, and on many variants of each common shape, including awkward users and addresses and free text
/// that names other signatures.
/// </summary>
public class SignatureReaderTests
{

    private static readonly string[] Users = ["root", "admin", "invalid", "user", "from", "port", "a(b", "x=y", "ü", "", "two words", "bob from 1.2.3.4 port 22"];

    private static readonly string[] Ips = ["203.0.113.5", "2001:db8::1", "::ffff:192.0.2.7", "fe80::1%eth0", "host-name.example", "1.2.3.4:", "bad/ip", ""];

    private static readonly string[] Tails =
    [
        "", " ssh2", " ssh2: RSA SHA256:abc", " ssh2: maximum authentication attempts exceeded for x from 1.2.3.4 port 5",
        ": ED25519 SHA256:x", " ssh2:", " on 10.0.0.1", " port 7", " [preauth]", " ssh2x", "\tssh2",
        " Did not receive identification string from 1.2.3.4 port 5", " Failed password for x from 1.2.3.4 port 5 ssh2", " found. Their offer: x",
        " session opened for user x", " PAM: Authentication failure for x from 1.2.3.4", " avc: denied comm=\"sshd\"", " Child connection from 1.2.3.4:5",
    ];

    private static readonly string[] Shapes =
    [
        "Failed password for {u} from {a} port {p}{t}", "Failed password for invalid user {u} from {a} port {p}{t}",
        "Failed publickey for {u} from {a} port {p}{t}", "Failed publickey for invalid user {u} from {a} port {p}{t}",
        "Failed keyboard-interactive/pam for {u} from {a} port {p}{t}", "Failed none for {u} from {a} port {p}{t}",
        "Invalid user {u} from {a} port {p}{t}", "Invalid user {u} from {a}{t}", "Illegal user {u} from {a} port {p}{t}",
        "Connection closed by invalid user {u} {a} port {p}{t}", "Connection closed by authenticating user {u} {a} port {p}{t}",
        "Connection closed by {a} port {p}{t}", "Connection closed by user {u} {a} port {p}{t}", "Connection reset by {a} port {p}{t}",
        "Connection reset by invalid user {u} {a} port {p}{t}", "Disconnected from invalid user {u} {a} port {p}{t}",
        "Disconnected from user {u} {a} port {p}{t}", "Disconnected from {a} port {p}{t}",
        "Received disconnect from {a} port {p}:11: Bye Bye{t}", "Received disconnect from {a} port {p}:11: disconnected by user{t}",
        "Received disconnect from {a} port {p}: 3: {u}{t}", "Received disconnect from {a} port {p}:11:{t}",
        "maximum authentication attempts exceeded for {u} from {a} port {p}{t}",
        "maximum authentication attempts exceeded for invalid user {u} from {a} port {p}{t}",
        "Disconnecting authenticating user {u} {a} port {p}: Too many authentication failures{t}",
        "Disconnecting invalid user {u} {a} port {p}: Too many authentication failures{t}",
        "Accepted publickey for {u} from {a} port {p}{t}", "Accepted password for {u} from {a} port {p}{t}",
        "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={a}  user={u}{t}",
        "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={a}{t}",
        "pam_unix(sshd:session): session opened for user {u}(uid=1000) by (uid=0){t}", "pam_unix(sshd:session): session opened for user {u}{t}",
        "pam_unix(sshd:session): session closed for user {u}{t}",
        "Unable to negotiate with {a} port {p}: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1,diffie-hellman-group14-sha1{t}",
        "Unable to negotiate with {a} port {p}: no matching host key type found. Their offer: ssh-rsa,ssh-dss{t}",
        "Unable to negotiate with {a} port {p}: no matching cipher found.Their offer: {u}{t}", "Unable to negotiate with {a} port {p}: no matching MAC found. Their offer: {t}",
        "Unable to negotiate with {a} port {p}: no matching kex algorithm found. Their offer:{t}", "Unable to negotiate with {a} port {p}: no matching {u} found. Their offer: x{t}",
        "Unable to negotiate with {a} port {p}: no matching cipher found. found. Their offer: x{t}", "Unable to negotiate with {a} port {p}: no matching  found. Their offer: x{t}",
        "kex_exchange_identification: Connection closed by remote host{t}", "kex_exchange_identification: read: Connection reset by peer{t}",
        "kex_exchange_identification: {u}{t}", "kex_exchange_identification: client sent invalid protocol identifier \"{u}\"{t}",
        "kex_exchange_identification: banner line contains invalid characters{t}",
        "banner exchange: Connection from {a} port {p}: invalid format{t}", "banner exchange: Connection from {a} port {p}: {u}{t}",
        "banner exchange: Connection from {a} port {p}:{t}", "banner exchange: Connection from {u} {a} port {p}: invalid format{t}",
        "Timeout before authentication for {a} port {p}{t}", "Timeout before authentication for connection from {a} to 10.0.0.1, pid = 12{t}",
        "Timeout before authentication for {a}{t}", "Timeout before authentication for {u} {a}{t}", "Timeout before authentication for connection from {u}{t}",
        "User {u} from {a} not allowed because not listed in AllowUsers{t}", "User {u} from {a} not allowed because {u}{t}",
        "User {u} from {a} not allowed because{t}", "User {u} not allowed because shell /bin/false does not exist{t}", "User {u} not allowed because account is locked{t}",
        "PAM: Authentication failure for {u} from {a}{t}", "PAM: Authentication failure for invalid user {u} from {a}{t}",
        "PAM: Authentication failure for {u} from {a} via 10.0.0.1{t}", "PAM: authentication error for {u} from {a} port {p}{t}",
        "Bad password attempt for '{u}' from {a}:{p}{t}", "Login attempt for nonexistent user from {a}:{p}{t}",
        "Login attempt for nonexistent user '{u}' from {a}:{p}{t}", "Exit before auth from <{a}:{p}>: Exited normally{t}",
        "Exit before auth from <{a}:{p}>: (user '{u}', 10 fails): Max auth tries reached - user '{u}'{t}",
        "Exit ({u}) from <{a}:{p}>: Disconnect received{t}", "Child connection from {a}:{p}{t}",
        "Password auth succeeded for '{u}' from {a}:{p}{t}", "Pubkey auth succeeded for '{u}' with key md5 0c:1d from {a}:{p}{t}",
    ];

    [Fact]
    public void The_readers_agree_with_the_table_on_every_sample_and_corpus_line()
    {
        var files = Directory.EnumerateFiles(SampleFiles.PathOf("logs"), "*.log").ToList();
        files.AddRange(SampleFiles.Fail2banCorpusFiles("sshd", "sshd-journal"));

        var claimed = 0;
        foreach (var line in files.SelectMany(File.ReadLines))
        {
            claimed += AssertSame(MessageSpan.Strip(ServerLinePrefix.Split(line).Message).ToString(), out _) ? 1 : 0;
        }

        Assert.True(claimed > 10, $"only {claimed} sample lines were recognised");
    }

    [Fact]
    public void The_readers_agree_with_the_table_on_variants_of_each_shape()
    {
        var claimed = 0;
        var signatures = new HashSet<string>();
        foreach (var shape in Shapes)
        {
            foreach (var user in Users)
            {
                foreach (var ip in Ips)
                {
                    foreach (var tail in Tails)
                    {
                        foreach (var port in (string[])["22", "65535", "0123456789", ""])
                        {
                            var message = shape.Replace("{u}", user, StringComparison.Ordinal).Replace("{a}", ip, StringComparison.Ordinal)
                                .Replace("{p}", port, StringComparison.Ordinal).Replace("{t}", tail, StringComparison.Ordinal);
                            if (AssertSame(message, out var name))
                            {
                                claimed++;
                                signatures.Add(name);
                            }
                        }
                    }
                }
            }
        }

        Assert.True(claimed > 1000, $"only {claimed} variants were recognised");
        Assert.Superset(
            new HashSet<string> { "sshd.unable-to-negotiate", "sshd.kex-exchange-identification", "sshd.banner-exchange", "sshd.timeout-before-auth",
                "sshd.not-allowed", "sshd.pam-authentication-failure", "sshd.session-opened", "dropbear.bad-password",
                "dropbear.nonexistent-user", "dropbear.max-auth-tries", "dropbear.exit-before-auth", "dropbear.exit",
                "dropbear.child-connection", "dropbear.auth-succeeded",
            },
            signatures);
    }

    [Fact]
    public void Each_reader_answers_as_its_regex_on_every_corpus_message_and_variant()
    {
        var files = Directory.EnumerateFiles(SampleFiles.PathOf("logs"), "*.log").ToList();
        files.AddRange(SampleFiles.Fail2banCorpusFiles("sshd", "sshd-journal"));
        var messages = files.SelectMany(File.ReadLines).Select(line => MessageSpan.Strip(ServerLinePrefix.Split(line).Message).ToString())
            .Concat(Shapes.SelectMany(shape => Users.SelectMany(user => Ips.Select(ip => shape.Replace("{u}", user, StringComparison.Ordinal)
                .Replace("{a}", ip, StringComparison.Ordinal).Replace("{p}", "22", StringComparison.Ordinal).Replace("{t}", " ssh2", StringComparison.Ordinal)))))
            .Where(m => SignatureReader.Fits(m)).Distinct(StringComparer.Ordinal).ToList();
        var matched = MatchesWhereEveryReaderAnswersAsItsRegex(messages);

        Assert.True(matched > 1000, $"only {matched} matches");
    }

    [Fact]
    public void Each_reader_answers_as_its_regex_where_a_line_feed_cuts_a_run_at_every_place()
    {
        // A run of a class lacking one character (. lacks LF, [^"] the quote) ends at a search for it, and a run
        // followed by a literal backs off to that literal's places: an LF (or the quote) put at or before each place
        // of these messages, and each message cut short, ends or splits every run at every length.
        string[] bases =
        [
            "kex_exchange_identification: Connection closed by remote host", "kex_exchange_identification: read: Connection reset by peer",
            "Failed password for invalid user admin from 203.0.113.5 port 22 ssh2", "Failed password for root from 203.0.113.5 port 22 ssh2: RSA SHA256:x",
            "Received disconnect from 203.0.113.5 port 22:11: Bye Bye [preauth]", "Connection closed by authenticating user root 203.0.113.5 port 22 [preauth]",
            "Bad password attempt for 'root' from 203.0.113.5:22", "Exit before auth from <203.0.113.5:22>: (user 'root', 10 fails): Max auth tries reached - user 'root'",
            "kex_exchange_identification: client sent invalid protocol identifier \"GET / HTTP/1.1\"", "Authenticating to host.example:22 as 'alice'",
            "Connecting to host.example [203.0.113.5] port 22.", "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5  user=root",
        ];
        var messages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in bases)
        {
            for (var at = 0; at <= message.Length; at++)
            {
                messages.Add(message[..at]);
                messages.Add(message.Insert(at, "\n"));
                messages.Add(message.Insert(at, "\"'"));
                if (at < message.Length)
                {
                    messages.Add(message[..at] + "\n" + message[(at + 1)..]);
                }
            }
        }

        var matched = MatchesWhereEveryReaderAnswersAsItsRegex(messages);

        Assert.True(matched > 500, $"only {matched} matches");
    }

    [Fact]
    public void The_address_run_ends_where_the_class_masks_end_it_for_every_character_at_every_place()
    {
        // [\w.:%-], as the generator writes it for every ip group; each ASCII character (and one beyond) stops a run of
        // 0 to 40 address characters, at every place of a message, as the mask loop stops it.
        const ulong Low = 0x7FF602000000000UL, High = 0x7FFFFFE87FFFFFEUL;
        const string Address = "2001:db8::1%eth0-a_b.c:22";
        for (var ch = 0; ch <= 128; ch++)
        {
            for (var length = 0; length <= 40; length++)
            {
                var text = "from " + string.Concat(Enumerable.Repeat(Address, 2))[..length] + (char)ch + " port 22";
                for (var p = 0; p <= text.Length; p++)
                {
                    Assert.Equal(SignatureReader.Run(text, p, text.Length, Low, High), SignatureReader.RunAddress(text, p));
                }
            }
        }
    }

    [Fact]
    public void The_run_helpers_answer_as_a_character_by_character_loop_at_every_place_and_length()
    {
        const string Text = "ab\"c 12\n9 x\t\"\r\n  0';]";
        for (var p = 0; p <= Text.Length; p++)
        {
            for (var end = p; end <= Text.Length; end++)
            {
                foreach (var stop in "\n\"'] x")
                {
                    Assert.Equal(Loop(p, end, ch => ch != stop), SignatureReader.RunUntil(Text, p, end, stop));
                }

                Assert.Equal(Loop(p, end, char.IsAsciiDigit), SignatureReader.RunDigits(Text, p, end));
                Assert.Equal(Loop(p, end, ch => !char.IsWhiteSpace(ch)), SignatureReader.RunNotSpace(Text, p, end));
            }

            for (var at = -1; at <= Text.Length + 1; at++)
            {
                foreach (var first in "\n\"'] xz")
                {
                    var expected = -1;
                    for (var i = Math.Min(at, Text.Length - 1); i >= p; i--)
                    {
                        if (Text[i] == first)
                        {
                            expected = i;
                            break;
                        }
                    }

                    Assert.Equal(expected, SignatureReader.LastAt(Text, p, at, first));
                }
            }
        }

        static int Loop(int p, int end, Func<char, bool> inClass)
        {
            var i = p;
            while (i < end && inClass(Text[i]))
            {
                i++;
            }

            return i;
        }
    }

    /// <summary>True when the span reading recognised the message (and then agreed with the table).</summary>
    private static bool AssertSame(string message, out string name)
    {
        var disagreement = SignatureAgreement.SpanReading(message, out var claimedBy) ?? SignatureAgreement.FastMatcher(message);
        Assert.True(disagreement is null, disagreement);
        name = claimedBy ?? string.Empty;
        return claimedBy is not null;
    }

    /// <summary>Checks every reader of the table against its regex (match, and every group) on each message; returns how many matched.</summary>
    private static int MatchesWhereEveryReaderAnswersAsItsRegex(IReadOnlyCollection<string> messages)
    {
        Span<int> slots = stackalloc int[SignatureReader.MaxSlots];
        var matched = 0;
        foreach (var signature in SignatureTable.All)
        {
            var reader = signature.Reader!;
            foreach (var message in messages)
            {
                var m = signature.Regex.Match(message);
                Assert.True(m.Success == reader.TryRead(message, slots), $"{signature.Name}: regex {m.Success}, reader not, on: {message.ReplaceLineEndings("\\n")}");
                if (!m.Success)
                {
                    continue;
                }

                matched++;
                foreach (var group in reader.Groups)
                {
                    var g = m.Groups[group];
                    var read = SignatureReader.TryGroup(slots, reader.SlotOf(group), out var range) ? message[range] : null;
                    Assert.True((g.Success ? g.Value : null) == read, $"{signature.Name} group {group}: regex '{g.Value}', reader '{read}' on: {message.ReplaceLineEndings("\\n")}");
                }
            }
        }

        return matched;
    }
}
