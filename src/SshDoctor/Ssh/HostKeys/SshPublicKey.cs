using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.HostKeys;

/// <summary>A public key in its RFC 4253 §6.6 blob encoding, with its type name and fingerprint.</summary>
public sealed class SshPublicKey
{
    private readonly byte[] _blob;

    private SshPublicKey(string keyType, byte[] blob)
    {
        KeyType = keyType;
        _blob = blob;
        Certificate = SshCertificate.IsCertificateType(keyType) ? SshCertificate.TryParse(blob) : null;

        // OpenSSH fingerprints a certificate by its certified key (sshkey_fingerprint uses the plain blob).
        Fingerprint = Certificate?.Key.Fingerprint ?? SshKeyFingerprint.Sha256(blob);
    }

    /// <summary>The key type name inside the blob, e.g. <c>ssh-ed25519</c>, <c>ecdsa-sha2-nistp256</c>, <c>ssh-rsa</c>.</summary>
    public string KeyType { get; }

    /// <summary>The blob as sent on the wire.</summary>
    public ReadOnlyMemory<byte> Blob => _blob;

    /// <summary>The SHA256 fingerprint exactly as <c>ssh-keygen -lf</c> prints it.</summary>
    public string Fingerprint { get; }

    /// <summary>The parsed certificate when the blob is a <c>*-cert-v01@openssh.com</c> certificate, else null.</summary>
    public SshCertificate? Certificate { get; }

    /// <summary>The blob as base64, as it appears in authorized_keys and known_hosts.</summary>
    public string ToBase64() => Convert.ToBase64String(_blob);

    /// <summary>Reads the type name from a blob; returns null when the blob is not well formed.</summary>
    public static SshPublicKey? TryParse(ReadOnlySpan<byte> blob)
    {
        try
        {
            var reader = new SshReader(blob);
            var type = System.Text.Encoding.ASCII.GetString(reader.ReadString(64));
            return type.Length == 0 ? null : new SshPublicKey(type, blob.ToArray());
        }
        catch (SshWireException)
        {
            return null;
        }
    }

    /// <summary>Parses the <c>type base64 [comment]</c> form of a .pub / authorized_keys line.</summary>
    public static SshPublicKey? TryParseOpenSshLine(string line)
    {
        var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return null;
        }

        var blob = new byte[parts[1].Length];
        if (!Convert.TryFromBase64String(parts[1], blob, out var written))
        {
            return null;
        }

        var key = TryParse(blob.AsSpan(0, written));
        return key is not null && key.KeyType == parts[0] ? key : null;
    }

    /// <summary>True when both blobs are byte-for-byte equal.</summary>
    public bool SameKeyAs(ReadOnlySpan<byte> otherBlob) => otherBlob.SequenceEqual(_blob);

    public override string ToString() => $"{KeyType} {Fingerprint}";
}
