using System.Security.Cryptography;

namespace SshDoctor.Audit.Local;

/// <summary>A public key blob (RFC 4253 encoding): its type, size in bits and SHA256 fingerprint as ssh-keygen -l prints it.</summary>
public sealed record PublicKeyInfo(string Type, int Bits, byte[] Blob)
{
    public string Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(Blob)).TrimEnd('=');

    /// <summary>The name ssh-keygen -l shows: RSA, ED25519, ECDSA, DSA, ED25519-SK...</summary>
    public string Family => Type switch
    {
        "ssh-rsa" => "RSA",
        "ssh-dss" => "DSA",
        "ssh-ed25519" => "ED25519",
        "sk-ssh-ed25519@openssh.com" => "ED25519-SK",
        "sk-ecdsa-sha2-nistp256@openssh.com" => "ECDSA-SK",
        _ when Type.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) => "ECDSA",
        _ => Type,
    };

    /// <summary>DSA at any size and RSA below 2048 bits (DIAGNOSES.md key.weak).</summary>
    public bool IsWeak => Type == "ssh-dss" || (Type == "ssh-rsa" && Bits < 2048);

    public bool SameKeyAs(PublicKeyInfo other) => Blob.AsSpan().SequenceEqual(other.Blob);

    public static PublicKeyInfo? FromBlob(byte[] blob)
    {
        var reader = new BlobReader(blob);
        if (!reader.TryString(out var type))
        {
            return null;
        }

        var bits = 0;
        switch (type)
        {
            case "ssh-rsa":
                if (!reader.TryBytes(out _) || !reader.TryBytes(out var n))
                {
                    return null;
                }

                bits = BlobReader.BitLength(n);
                break;
            case "ssh-dss":
                if (!reader.TryBytes(out var p))
                {
                    return null;
                }

                bits = BlobReader.BitLength(p);
                break;
            case "ssh-ed25519" or "sk-ssh-ed25519@openssh.com":
                bits = 256;
                break;
            default:
                if (type.StartsWith("ecdsa-sha2-nistp", StringComparison.Ordinal) || type == "sk-ecdsa-sha2-nistp256@openssh.com")
                {
                    if (!reader.TryString(out var curve))
                    {
                        return null;
                    }

                    bits = curve switch { "nistp256" => 256, "nistp384" => 384, "nistp521" => 521, _ => 0 };
                }

                break;
        }

        return new PublicKeyInfo(type, bits, blob);
    }

    /// <summary>Parses one authorized_keys / .pub style line: <c>type base64 [comment]</c>.</summary>
    public static PublicKeyInfo? FromLine(string line, out string comment)
    {
        comment = string.Empty;
        var parts = line.Trim().Split((char[])[' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return null;
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }

        var key = FromBlob(blob);
        if (key is null || key.Type != parts[0])
        {
            return null;
        }

        comment = parts.Length > 2 ? parts[2] : string.Empty;
        return key;
    }
}
