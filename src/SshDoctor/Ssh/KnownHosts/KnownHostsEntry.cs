namespace SshDoctor.Ssh.KnownHosts;

/// <summary>One valid known_hosts line.</summary>
/// <param name="Path">The file it came from.</param>
/// <param name="LineNumber">1-based, as OpenSSH reports it.</param>
/// <param name="Marker">@cert-authority / @revoked, if any.</param>
/// <param name="HostPatterns">The host field as written: comma-separated patterns, or one <c>|1|salt|hash</c>.</param>
/// <param name="KeyType">The key type name, e.g. <c>ssh-ed25519</c>.</param>
/// <param name="KeyBlob">The decoded public key blob.</param>
/// <param name="Comment">Anything after the key.</param>
public sealed record KnownHostsEntry(string Path, int LineNumber, KnownHostsMarker Marker, string HostPatterns, string KeyType, ReadOnlyMemory<byte> KeyBlob, string Comment)
{
    /// <summary>True for a hashed (<c>|1|</c>) host field.</summary>
    public bool IsHashed => HostPatterns.StartsWith(HostPatternMatcher.HashMagic, StringComparison.Ordinal);

    /// <summary><c>path:line</c>, the way OpenSSH points at an entry.</summary>
    public string Location => $"{Path}:{LineNumber}";
}
