namespace SshDoctor.Audit.Local;

/// <summary>The parts of an OpenSSH certificate (PROTOCOL.certkeys) the audit shows: key id, principals and validity.</summary>
public sealed record CertificateInfo(string Type, string KeyId, IReadOnlyList<string> Principals, ulong ValidAfter, ulong ValidBefore)
{
    public bool IsExpired(DateTimeOffset now) => ValidBefore != ulong.MaxValue && (ulong)now.ToUnixTimeSeconds() >= ValidBefore;

    public bool IsNotYetValid(DateTimeOffset now) => (ulong)now.ToUnixTimeSeconds() < ValidAfter;

    public static string Time(ulong seconds) => seconds == ulong.MaxValue
        ? "forever"
        : DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(seconds, 253402300799UL)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static CertificateInfo? FromBlob(byte[] blob)
    {
        var r = new BlobReader(blob);
        if (!r.TryString(out var type) || !type.EndsWith("-cert-v01@openssh.com", StringComparison.Ordinal) || !r.TryBytes(out _))
        {
            return null;
        }

        var keyFields = type switch
        {
            "ssh-rsa-cert-v01@openssh.com" => 2,
            "ssh-dss-cert-v01@openssh.com" => 4,
            "ssh-ed25519-cert-v01@openssh.com" => 1,
            "sk-ssh-ed25519-cert-v01@openssh.com" => 2,
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com" => 3,
            _ when type.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) => 2,
            _ => -1,
        };
        if (keyFields < 0)
        {
            return null;
        }

        for (var i = 0; i < keyFields; i++)
        {
            if (!r.TryBytes(out _))
            {
                return null;
            }
        }

        if (!r.TryUInt64(out _) || !r.TryUInt32(out _) || !r.TryString(out var keyId) || !r.TryBytes(out var principalBytes)
            || !r.TryUInt64(out var after) || !r.TryUInt64(out var before))
        {
            return null;
        }

        var principals = new List<string>();
        var pr = new BlobReader(principalBytes);
        while (!pr.AtEnd && pr.TryString(out var principal))
        {
            principals.Add(principal);
        }

        return new CertificateInfo(type, keyId, principals, after, before);
    }
}
