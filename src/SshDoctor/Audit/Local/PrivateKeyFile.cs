using System.Security.Cryptography;
using System.Text;

namespace SshDoctor.Audit.Local;

/// <summary>
/// What can be learnt from a private key file without its passphrase: the format, whether it is encrypted, and the
/// public key (stored in clear in the OpenSSH format and in PuTTY files; derived for unencrypted PEM/PKCS#8).
/// </summary>
public sealed record PrivateKeyFile(KeyFormat Format, bool Encrypted, PublicKeyInfo? PublicKey, string? Problem)
{
    private static readonly byte[] OpenSshMagic = "openssh-key-v1\0"u8.ToArray();

    /// <summary>True when the text starts like a private key file of some format (used to find keys among ~/.ssh files).</summary>
    public static bool LooksLikePrivateKey(string text)
    {
        var start = text.TrimStart();
        return start.StartsWith("-----BEGIN ", StringComparison.Ordinal) && start.Contains("PRIVATE KEY-----", StringComparison.Ordinal)
            || start.StartsWith("PuTTY-User-Key-File-", StringComparison.Ordinal);
    }

    public static PrivateKeyFile? Parse(string text)
    {
        var start = text.TrimStart();
        if (start.StartsWith("PuTTY-User-Key-File-", StringComparison.Ordinal))
        {
            return ParsePutty(start);
        }

        if (start.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return ParseOpenSsh(start);
        }

        if (start.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return new PrivateKeyFile(KeyFormat.Pkcs8, true, null, null);
        }

        if (start.StartsWith("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return new PrivateKeyFile(KeyFormat.Pkcs8, false, FromDotNet(start), null);
        }

        if (start.StartsWith("-----BEGIN ", StringComparison.Ordinal) && start.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            var encrypted = start.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal);
            return new PrivateKeyFile(KeyFormat.Pem, encrypted, encrypted ? null : FromDotNet(start), null);
        }

        return null;
    }

    private static PrivateKeyFile ParseOpenSsh(string text)
    {
        var body = Armored(text, "OPENSSH PRIVATE KEY");
        if (body is null || body.Length < OpenSshMagic.Length || !body.AsSpan(0, OpenSshMagic.Length).SequenceEqual(OpenSshMagic))
        {
            return new PrivateKeyFile(KeyFormat.OpenSsh, false, null, "invalid format");
        }

        var reader = new BlobReader(body.AsSpan(OpenSshMagic.Length));
        if (!reader.TryString(out var cipher) || !reader.TryString(out _) || !reader.TryBytes(out _)
            || !reader.TryUInt32(out var count) || count < 1 || !reader.TryBytes(out var publicBlob))
        {
            return new PrivateKeyFile(KeyFormat.OpenSsh, false, null, "invalid format");
        }

        return new PrivateKeyFile(KeyFormat.OpenSsh, cipher != "none", PublicKeyInfo.FromBlob(publicBlob.ToArray()), null);
    }

    private static PrivateKeyFile ParsePutty(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var encryption = Header(lines, "Encryption");
        var publicLines = lines.FindIndex(l => l.StartsWith("Public-Lines:", StringComparison.Ordinal));
        PublicKeyInfo? key = null;
        if (publicLines >= 0 && int.TryParse(lines[publicLines]["Public-Lines:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n is > 0 and < 100 && publicLines + n < lines.Count)
        {
            try
            {
                key = PublicKeyInfo.FromBlob(Convert.FromBase64String(string.Concat(lines.Skip(publicLines + 1).Take(n))));
            }
            catch (FormatException)
            {
                key = null;
            }
        }

        return new PrivateKeyFile(KeyFormat.PuTTY, encryption is not null and not "none", key, "PuTTY format: OpenSSH cannot load it");
    }

    private static string? Header(List<string> lines, string name) =>
        lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim();

    private static byte[]? Armored(string text, string label)
    {
        var begin = $"-----BEGIN {label}-----";
        var end = $"-----END {label}-----";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            return null;
        }

        var base64 = new StringBuilder();
        foreach (var c in text.AsSpan(from + begin.Length, to - from - begin.Length))
        {
            if (!char.IsWhiteSpace(c))
            {
                base64.Append(c);
            }
        }

        try
        {
            return Convert.FromBase64String(base64.ToString());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The public half of an unencrypted PEM/PKCS#8 RSA or ECDSA key, in SSH encoding; null for other types.</summary>
    private static PublicKeyInfo? FromDotNet(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            var p = rsa.ExportParameters(false);
            return PublicKeyInfo.FromBlob(Blob(w => { w.String("ssh-rsa"u8); w.MpInt(p.Exponent!); w.MpInt(p.Modulus!); }));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // Not RSA: try ECDSA below.
        }

        try
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            var p = ec.ExportParameters(false);
            var curve = ec.KeySize switch { 256 => "nistp256", 384 => "nistp384", 521 => "nistp521", _ => null };
            if (curve is null)
            {
                return null;
            }

            var point = new byte[1 + p.Q.X!.Length + p.Q.Y!.Length];
            point[0] = 4;
            p.Q.X.CopyTo(point, 1);
            p.Q.Y.CopyTo(point, 1 + p.Q.X.Length);
            return PublicKeyInfo.FromBlob(Blob(w => { w.String(Encoding.ASCII.GetBytes("ecdsa-sha2-" + curve)); w.String(Encoding.ASCII.GetBytes(curve)); w.String(point); }));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    private static byte[] Blob(Action<BlobWriter> write)
    {
        var writer = new BlobWriter();
        write(writer);
        return writer.ToArray();
    }
}
