using System.Globalization;
using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Audit.Local;

/// <summary>
/// Each private key: format, encryption, type and size (key.weak for DSA and RSA &lt; 2048), whether the .pub next to
/// it is its public half (key.mismatch), and the validity of a -cert.pub.
/// </summary>
public sealed class KeyContentCheck : IAuditCheck<LocalContext>
{
    public string Name => "key-content";

    public string Area => "keys";

    public void Run(LocalContext context, AuditSink sink)
    {
        if (context.Keys.Count == 0)
        {
            sink.Add(FindingSeverity.Info, "key.none", context.SshDirectory, ("path", context.SshDirectory));
        }

        foreach (var unread in context.UnreadFiles)
        {
            FileReadFindings.Report(sink, unread);
        }

        foreach (var key in context.Keys)
        {
            var content = key.Content;
            if (content is null || content.Problem is not null && content.Format != KeyFormat.PuTTY)
            {
                sink.Add(FindingSeverity.Warning, "key.unreadable", key.Path, ("path", key.Path), ("problem", content?.Problem ?? "invalid format"));
                continue;
            }

            var pub = content.PublicKey ?? ReadPub(context, key.PublicPath);
            sink.Add(FindingSeverity.Info, "key.describe", key.Path,
                ("path", key.Path),
                ("type", pub?.Family ?? "?"),
                ("bits", pub?.Bits.ToString(CultureInfo.InvariantCulture) ?? "?"),
                ("format", content.Format.ToString()),
                ("encrypted", content.Encrypted ? "encrypted" : "not encrypted"),
                ("fingerprint", pub?.Fingerprint ?? "?"));
            if (content.Format == KeyFormat.PuTTY)
            {
                sink.Add(FindingSeverity.Warning, "key.putty", key.Path, ("path", key.Path));
            }

            if (pub is { IsWeak: true })
            {
                sink.Problem("key.weak", key.Path,
                    $"{pub.Family} {pub.Bits} bits: {key.Path}", ("key", key.Path), ("type", pub.Family), ("bits", pub.Bits.ToString(CultureInfo.InvariantCulture)));
            }

            CheckPub(context, key, content, sink);
            CheckCertificate(context, key, sink);
        }
    }

    private static void CheckPub(LocalContext context, LocalKey key, PrivateKeyFile content, AuditSink sink)
    {
        if (!context.Fs.Stat(key.PublicPath).Exists)
        {
            return;
        }

        var read = context.Fs.Read(key.PublicPath, 64 * 1024);
        var pub = read.Ok ? PublicKeyInfo.FromLine(read.Text.Split('\n')[0], out _) : null;
        if (!read.Ok)
        {
            FileReadFindings.Report(sink, read);
        }
        else if (pub is null)
        {
            sink.Add(FindingSeverity.Warning, "key.pub-unreadable", key.PublicPath, ("path", key.PublicPath));
        }
        else if (content.PublicKey is { } inKey && !inKey.SameKeyAs(pub))
        {
            sink.Problem("key.mismatch", key.PublicPath,
                $"{key.PublicPath} is {pub.Family} {pub.Fingerprint}; {key.Path} holds {inKey.Family} {inKey.Fingerprint}",
                ("key", key.Path), ("pub_fingerprint", pub.Fingerprint), ("key_fingerprint", inKey.Fingerprint));
        }
    }

    private static void CheckCertificate(LocalContext context, LocalKey key, AuditSink sink)
    {
        var read = context.Fs.Read(key.CertificatePath, 64 * 1024);
        FileReadFindings.Report(sink, read);
        if (!read.Ok)
        {
            return;
        }

        var text = read.Text;
        var parts = text.Trim().Split((char[])[' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if ((parts.Length >= 2 ? SshPublicKey.TryParseOpenSshLine(text.Trim())?.Certificate : null) is not { } cert)
        {
            sink.Add(FindingSeverity.Warning, "cert.unreadable", key.CertificatePath, ("path", key.CertificatePath));
            return;
        }

        var values = new (string, string?)[]
        {
            ("path", key.CertificatePath), ("key_id", cert.KeyId), ("principals", string.Join(",", cert.Principals)),
            ("valid_after", Time(cert.ValidAfter)), ("valid_before", Time(cert.ValidBefore)),
        };
        var code = cert.ExpiredAt(context.Now) ? "cert.expired" : cert.NotYetValidAt(context.Now) ? "cert.not-yet-valid" : "cert.valid";
        sink.Add(code == "cert.valid" ? FindingSeverity.Info : FindingSeverity.Warning, code, key.CertificatePath, values);
    }

    private static string Time(ulong seconds) => seconds == SshCertificate.Forever
        ? "forever"
        : DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(seconds, 253402300799UL)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static PublicKeyInfo? ReadPub(LocalContext context, string path)
    {
        var text = context.Fs.ReadText(path, 64 * 1024);
        return text is null ? null : PublicKeyInfo.FromLine(text.Split('\n')[0], out _);
    }
}
