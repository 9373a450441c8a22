namespace SshDoctor.Ssh.Kex;

/// <summary>What a completed key exchange yields: the shared secret (mpint-encoded, as hashed), H, and the server's proof.</summary>
internal sealed record KeyExchangeResult(byte[] SharedSecretMpint, byte[] ExchangeHash, byte[] HostKeyBlob, byte[] Signature);
