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
        catch (EndOfStreamException)
        {
            throw Fail(stage, ProbeFailureKind.ConnectionClosed, "connection closed by the server");
        }
        catch (PacketTooLargeException e)
        {
            throw Fail(stage, ProbeFailureKind.LimitExceeded, e.Message);
        }
        catch (SshWireException e)
        {
            throw Fail(stage, ProbeFailureKind.ProtocolError, "malformed message: " + e.Message);
        }
        catch (SshProtocolException e)
        {
            throw Fail(stage, ProbeFailureKind.ProtocolError, e.Message);
        }
        catch (IOException e) when (e.InnerException is SocketException socket)
        {
            throw Fail(stage, ProbeFailureKind.ConnectionReset, $"{socket.SocketErrorCode}: {socket.Message}");
        }
        catch (SocketException e)
        {
            throw Fail(stage, ProbeFailureKind.ConnectionReset, $"{e.SocketErrorCode}: {e.Message}");
        }
        catch (IOException e)
        {
            throw Fail(stage, ProbeFailureKind.ConnectionReset, e.Message);
        }
        catch (ObjectDisposedException)
        {
            throw Fail(stage, ProbeFailureKind.ConnectionClosed, "the connection was closed locally");
        }
    }

    public static ProbeFailureException Fail(ProbeStage stage, ProbeFailureKind kind, string detail) =>
        new(new ProbeFailure(stage, kind, detail));
}
