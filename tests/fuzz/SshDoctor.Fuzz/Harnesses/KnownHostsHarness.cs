using System.Text;
using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// A known_hosts file, read as <see cref="KnownHostsFile.Load"/> reads it, then looked up as the probe and the audit do:
/// names with and without a port, hashed names, every entry's own key, certificates against @cert-authority lines.
/// </summary>
public sealed class KnownHostsHarness : IHarness
{
    private static readonly string[] Names = ["example.com", "192.0.2.10", "[example.com]:2222", "host", "2001:db8::1"];

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public string Name => "known-hosts";

    public string Covers => "KnownHostsFile.Parse, KnownHostsDatabase (Find, Check, CheckCertificate), KnownHostsCheck.Lint";

    public void Run(byte[] input)
    {
        // File.ReadAllText: UTF-8 unless a byte order mark says otherwise.
        using var reader = new StreamReader(new MemoryStream(input, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var file = KnownHostsFile.Parse("/home/alice/.ssh/known_hosts", reader.ReadToEnd());
        ProducedText.CheckAll(file.Entries, "entries");
        ProducedText.CheckAll(file.InvalidLines, "invalid lines");
        var database = new KnownHostsDatabase([file]);
        foreach (var name in Names)
        {
            foreach (var port in (int[])[22, 2222])
            {
                database.Find(name, port);
                ProducedText.CheckAll(database.Check(name, port, [0, 0, 0, 11, .. "ssh-ed25519"u8, 0, 0, 0, 1, 7]), "verdict");
            }
        }

        foreach (var entry in file.Entries.Take(64))
        {
            ProducedText.CheckAll(database.Check("example.com", 22, entry.KeyBlob.Span), "verdict for an entry's key");
            if (SshPublicKey.TryParse(entry.KeyBlob.Span)?.Certificate is { } certificate)
            {
                ProducedText.CheckAll(database.CheckCertificate("example.com", 22, certificate, "example.com", Now), "certificate verdict");
            }
        }

        var sink = new AuditSink("known_hosts", EvidenceSource.Local);
        KnownHostsCheck.Lint(file, sink);
        ProducedText.CheckAll(sink.Findings, "findings");
    }
}
