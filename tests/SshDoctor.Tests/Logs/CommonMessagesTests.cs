using SshDoctor.Fuzz;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Server;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The hand-written readers of the common messages must say exactly what the signature table says: same signature,
/// same address, user and port, or nothing (then the table decides). Checked on every sample and corpus line and on
/// many variants of each common shape, including awkward users and addresses and free text that names other signatures.
/// </summary>
public class CommonMessagesTests
{

    private static readonly string[] Users = ["root", "admin", "invalid", "user", "from", "port", "a(b", "x=y", "ü", "", "two words", "bob from 1.2.3.4 port 22"];

    private static readonly string[] Ips = ["203.0.113.5", "2001:db8::1", "::ffff:192.0.2.7", "fe80::1%eth0", "host-name.example", "1.2.3.4:", "bad/ip", ""];

    private static readonly string[] Tails =
    [
        "", " ssh2", " ssh2: RSA SHA256:abc", " ssh2: maximum authentication attempts exceeded for x from 1.2.3.4 port 5",
        ": ED25519 SHA256:x", " ssh2:", " on 10.0.0.1", " port 7", " [preauth]", " ssh2x", "\tssh2",
        " Did not receive identification string from 1.2.3.4 port 5", " Failed password for x from 1.2.3.4 port 5 ssh2", " found. Their offer: x",
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
    ];

    [Fact]
    public void The_common_readers_agree_with_the_table_on_every_sample_and_corpus_line()
    {
        var files = Directory.EnumerateFiles(SampleFiles.PathOf("logs"), "*.log").ToList();
        files.AddRange(SampleFiles.Fail2banCorpusFiles("sshd", "sshd-journal"));

        var claimed = 0;
        foreach (var line in files.SelectMany(File.ReadLines))
        {
            claimed += AssertSame(MessageSpan.Strip(ServerLinePrefix.Split(line).Message).ToString(), out _) ? 1 : 0;
        }

        Assert.True(claimed > 10, $"only {claimed} sample lines went through the common readers");
    }

    [Fact]
    public void The_common_readers_agree_with_the_table_on_variants_of_each_shape()
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

        Assert.True(claimed > 1000, $"only {claimed} variants went through the common readers");
        Assert.Superset(
            new HashSet<string> { "sshd.unable-to-negotiate", "sshd.kex-exchange-identification", "sshd.banner-exchange", "sshd.timeout-before-auth",
                "sshd.not-allowed", "sshd.pam-authentication-failure",
            },
            signatures);
    }

    /// <summary>True when the common readers claimed the message (and then agreed with the table).</summary>
    private static bool AssertSame(string message, out string name)
    {
        var disagreement = SignatureAgreement.CommonReaders(message, out var claimedBy);
        Assert.True(disagreement is null, disagreement);
        name = claimedBy ?? string.Empty;
        return claimedBy is not null;
    }
}
