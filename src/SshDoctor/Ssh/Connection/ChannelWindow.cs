using SshDoctor.Ssh.Transport;

namespace SshDoctor.Ssh.Connection;

/// <summary>The peer's channel window: what we may still send (RFC 4254 §5.2).</summary>
internal static class ChannelWindow
{
    /// <summary>
    /// The window after a WINDOW_ADJUST. It may grow to 2^32-1 and no further: a sum that wraps would shrink it to a few
    /// bytes, so it is a protocol error, as in OpenSSH's channel_input_window_adjust.
    /// </summary>
    public static uint Grow(uint window, uint adjust) => adjust <= uint.MaxValue - window
        ? window + adjust
        : throw new SshProtocolException($"window adjust of {adjust} bytes would take the channel window past 2^32-1 (it is {window})");
}
