namespace SshDoctor.Ssh;

/// <summary>Deadlines and size bounds that keep a hostile or broken server from hanging or exhausting the probe.</summary>
public sealed record ProbeLimits
{
    /// <summary>How many lines a server may send before its <c>SSH-</c> line (RFC 4253 §4.2 allows some; OpenSSH allows 1024).</summary>
    public int MaxPreBannerLines { get; init; } = 64;

    /// <summary>The longest identification or pre-banner line, terminator included (OpenSSH: 8 KB).</summary>
    public int MaxLineLength { get; init; } = 8192;

    /// <summary>How many raw pre-banner bytes to keep for naming the other protocol.</summary>
    public int MaxRetainedPreBannerBytes { get; init; } = 16384;

    /// <summary>
    /// The largest packet_length accepted: OpenSSH's PACKET_MAX_SIZE (256 KiB), so a large but valid KEXINIT or method
    /// list is read as ssh reads it. It also bounds every name-list and text inside a packet.
    /// </summary>
    public int MaxPacketLength { get; init; } = 256 * 1024;

    /// <summary>
    /// USERAUTH_BANNER bytes accepted on one connection before the probe stops reading: sshd never sends more than its
    /// Banner file, which it refuses above 1 MiB; beyond that a server is flooding.
    /// </summary>
    public int MaxBannerBytes { get; init; } = 1024 * 1024;

    /// <summary>Deadline for each stage: banner, key exchange, and each authentication request.</summary>
    public TimeSpan StageTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The defaults.</summary>
    public static ProbeLimits Default { get; } = new();
}
