using SshDoctor.Ssh.Transport;

namespace SshDoctor.Ssh;

/// <summary>Entry point of the observing SSH client.</summary>
public static class SshProbeClient
{
    /// <summary>
    /// Runs the identification exchange and key exchange over an already connected stream and returns what was seen.
    /// Never throws for anything the server does: check <see cref="SshProbeSession.Failure"/>. Only cancellation of
    /// <paramref name="cancellationToken"/> by the caller throws. The session owns the stream from now on.
    /// </summary>
    public static async Task<SshProbeSession> ConnectAsync(Stream stream, ProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var session = new SshProbeSession(stream, new SshTransport(stream, options ?? ProbeOptions.Default));
        await session.HandshakeAsync(cancellationToken);
        return session;
    }
}
