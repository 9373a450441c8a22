namespace SshDoctor.Ssh.Connection;

/// <summary>
/// Our side of every channel's flow control (RFC 4254 §5.2) and how long an open may wait for its answer. The window is
/// also the bound on what one channel buffers: the peer may not send beyond it, and it is opened again only as the
/// channel's reader takes the data.
/// </summary>
internal sealed record ChannelLimits
{
    /// <summary>
    /// The window we give each channel: a probe reads a few kilobytes per host (identification, KEXINIT, the key
    /// exchange reply), so 256 KiB never stalls it, and ten channels' worst case is 2.5 MiB, not OpenSSH's 2 MiB each.
    /// </summary>
    public uint Window { get; init; } = 256 * 1024;

    /// <summary>The largest CHANNEL_DATA we accept (OpenSSH's CHAN_TCP_PACKET_DEFAULT); a bigger one fails that channel.</summary>
    public uint MaxPacket { get; init; } = 32 * 1024;

    /// <summary>The largest CHANNEL_DATA we send, whatever the peer allows.</summary>
    public uint MaxSendPacket { get; init; } = 32 * 1024;

    /// <summary>How long CHANNEL_OPEN waits for its confirmation or failure.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The defaults.</summary>
    public static ChannelLimits Default { get; } = new();
}
