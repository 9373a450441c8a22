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

    /// <summary>The largest packet_length accepted (RFC 4253 §6.1 requires 35000 to work).</summary>
    public int MaxPacketLength { get; init; } = 35000;

    /// <summary>Deadline for each stage: banner, key exchange, and each authentication request.</summary>
    public TimeSpan StageTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The defaults.</summary>
    public static ProbeLimits Default { get; } = new();
}
