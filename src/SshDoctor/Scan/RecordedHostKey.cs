namespace SshDoctor.Scan;

/// <summary>One host key a server showed: its type (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, …), SHA256 fingerprint and base64 blob.</summary>
public sealed record RecordedHostKey(string Type, string Fingerprint, string Key);
