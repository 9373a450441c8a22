using System.Text;
using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;
using SshDoctor.Probing.Auth;
using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// Private and public key files. The first byte says how the rest becomes a file, so that the fuzzer mutates the binary
/// structure rather than its base64: 0 the rest is the file's text; 1 the rest is an openssh-key-v1 body in its armour;
/// 2 a PKCS#8 DER, 3 a PKCS#1 RSA DER, 4 a SEC1 EC DER in PEM armour; 5 a public key blob as a .pub line. Then every
/// reader: the audit's (format, encryption, public half, key-content check), the probe's (public half, the signer for
/// --login, which signs once) and the .pub line readers.
/// </summary>
public sealed class KeyFileHarness : IHarness
{
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("session id and userauth request, as signed for --login");

    public string Name => "key-file";

    public string Covers => "PrivateKeyFile, OpenSshKeyFile, PrivateKeyFileLoader + signing, PublicKeyInfo/SshPublicKey .pub lines, KeyContentCheck";

    public void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var text = FileText(input[0], input.AsSpan(1));
        PrivateKeyFile.LooksLikePrivateKey(text);
        ProducedText.CheckAll(PrivateKeyFile.Parse(text), "private key file");
        if (OpenSshKeyFile.TryReadPublic(text) is { } found)
        {
            ProducedText.CheckAll(SshPublicKey.TryParse(found.PublicBlob), "public half");
        }

        if (PrivateKeyFileLoader.TryLoad(text, "/home/alice/.ssh/id_fuzz") is { } signer)
        {
            var algorithm = SshCertificate.PlainType(signer.PublicKey.KeyType) == "ssh-rsa" ? "rsa-sha2-256" : signer.PublicKey.KeyType;
            signer.SignAsync(Data, algorithm, CancellationToken.None).GetAwaiter().GetResult();
            (signer as IDisposable)?.Dispose();
        }

        foreach (var line in text.Split('\n').Take(64))
        {
            ProducedText.CheckAll(PublicKeyInfo.FromLine(line, out var comment), "public key line");
            ProducedText.Check(comment, "comment");
            ProducedText.CheckAll(SshPublicKey.TryParseOpenSshLine(line), "public key line");
        }

        var fs = new MemoryFileSystem().Add(AuditFixtures.Home + "/.ssh/id_fuzz", text);
        var sink = new AuditSink("keys", EvidenceSource.Local);
        new KeyContentCheck().Run(AuditFixtures.Local(fs), sink);
        ProducedText.CheckAll(sink.Findings, "findings");
        ProducedText.CheckAll(sink.Diagnoses, "diagnoses");
    }

    private static string FileText(byte mode, ReadOnlySpan<byte> rest) => (mode % 6) switch
    {
        1 => Armour("OPENSSH PRIVATE KEY", rest),
        2 => Armour("PRIVATE KEY", rest),
        3 => Armour("RSA PRIVATE KEY", rest),
        4 => Armour("EC PRIVATE KEY", rest),
        5 => PublicLine(rest),
        _ => Encoding.UTF8.GetString(rest),
    };

    private static string Armour(string label, ReadOnlySpan<byte> body) =>
        $"-----BEGIN {label}-----\n{Convert.ToBase64String(body, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal)}\n-----END {label}-----\n";

    private static string PublicLine(ReadOnlySpan<byte> blob)
    {
        var type = SshPublicKey.TryParse(blob)?.KeyType ?? "ssh-ed25519";
        return $"{type} {Convert.ToBase64String(blob)} alice@example\n";
    }
}
