using System.Net.Sockets;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Transport;

/// <summary>Runs one stage under its deadline and turns every way it can end badly into a <see cref="ProbeFailure"/>.</summary>
internal static class StageRunner
{
    public static async Task<T> RunAsync<T>(ProbeStage stage, TimeSpan timeout, Func<CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await body(deadline.Token);
        }
        catch (ProbeFailureException)
        {
            throw;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(stage, ProbeFailureKind.TimedOut, $"no complete answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (Classify(stage, e) is { } failure)
        {
            throw new ProbeFailureException(failure);
        }
    }

    /// <summary>
    /// What an exception from the connection means for the probe, or null when it is not about the connection
    /// (cancellation, a bug). Used wherever messages are read outside <see cref="RunAsync"/>.
    /// </summary>
    public static ProbeFailure? Classify(ProbeStage stage, Exception exception) => exception switch
    {
        ProbeFailureException e => e.Failure,
        EndOfStreamException => new ProbeFailure(stage, ProbeFailureKind.ConnectionClosed, "connection closed by the server"),

        // ssh 9.2 (seen): "Bad packet length N." then "ssh_dispatch_run_fatal: …: message authentication code incorrect"
        // (it discards up to 256 KiB first, so as not to be a length oracle).
        PacketTooLargeException e => new ProbeFailure(stage, ProbeFailureKind.LimitExceeded, e.Message) { OpenSshError = "message authentication code incorrect" },
        SshWireException e => new ProbeFailure(stage, ProbeFailureKind.ProtocolError, "malformed message: " + e.Message),
        SshProtocolException e => new ProbeFailure(stage, ProbeFailureKind.ProtocolError, e.Message) { OpenSshError = e.OpenSshError },
        IOException { InnerException: SocketException socket } => new ProbeFailure(stage, ProbeFailureKind.ConnectionReset, $"{socket.SocketErrorCode}: {socket.Message}"),
        SocketException e => new ProbeFailure(stage, ProbeFailureKind.ConnectionReset, $"{e.SocketErrorCode}: {e.Message}"),
        IOException e => new ProbeFailure(stage, ProbeFailureKind.ConnectionReset, e.Message),
        ObjectDisposedException => new ProbeFailure(stage, ProbeFailureKind.ConnectionClosed, "the connection was closed locally"),

        // What the server sent could not be used by the crypto libraries (a key or value they refuse): its fault, never a crash.
        System.Security.Cryptography.CryptographicException or ArgumentException or FormatException or OverflowException =>
            new ProbeFailure(stage, ProbeFailureKind.ProtocolError, $"the server's data could not be processed: {exception.Message}"),
        _ => null,
    };

    public static ProbeFailureException Fail(ProbeStage stage, ProbeFailureKind kind, string detail, string? openSshError = null) =>
        new(new ProbeFailure(stage, kind, detail) { OpenSshError = openSshError });
}
