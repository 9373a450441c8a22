namespace SshDoctor.Scan;

/// <summary>One host key a server showed: its type (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, …), SHA256 fingerprint and base64 blob.</summary>
public sealed record RecordedHostKey(string Type, string Fingerprint, string Key)
{
    /// <summary>
    /// When a scan last saw this key, where the history read it from a scan older than the host's latest record (a scan
    /// fetches only the negotiated type unless --all-host-keys): the time its change is reported against. Null: the
    /// record's own scan.
    /// </summary>
    public DateTimeOffset? SeenAt { get; init; }
}
