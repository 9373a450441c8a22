using System.Buffers.Binary;
using System.Net.Sockets;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Agent;

/// <summary>
/// Lists an ssh-agent's keys over its AF_UNIX socket (RFC 9987 / draft-miller-ssh-agent; OpenSSH authfd.c), with the
/// same bounds as OpenSSH (reply ≤ 256 KiB, ≤ 2048 keys) and a deadline. It never asks the agent to sign.
/// </summary>
public static class AgentClient
{
    /// <summary>OpenSSH's MAX_AGENT_REPLY_LEN.</summary>
    public const int MaxReplyLength = 256 * 1024;

    /// <summary>OpenSSH's MAX_AGENT_IDENTITIES.</summary>
    public const int MaxIdentities = 2048;

    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;

    /// <summary>Lists identities from the agent at <paramref name="socketPath"/> (usually <c>$SSH_AUTH_SOCK</c>).</summary>
    public static async Task<AgentListResult> ListIdentitiesAsync(string? socketPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(socketPath))
        {
            return new AgentListResult(AgentListStatus.NotConfigured, [], "SSH_AUTH_SOCK is not set");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token);
        }
        catch (SocketException e)
        {
            return new AgentListResult(AgentListStatus.Unreachable, [], $"{e.SocketErrorCode}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AgentListResult(AgentListStatus.TimedOut, [], "connecting to the agent timed out");
        }

        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(new byte[] { 0, 0, 0, 1, RequestIdentities }, deadline.Token);
            var header = new byte[4];
            await stream.ReadExactlyAsync(header, deadline.Token);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length == 0 || length > MaxReplyLength)
            {
                return new AgentListResult(AgentListStatus.ProtocolError, [], $"agent reply of {length} bytes (limit {MaxReplyLength})");
            }

            var body = new byte[length];
            await stream.ReadExactlyAsync(body, deadline.Token);
            return Parse(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AgentListResult(AgentListStatus.TimedOut, [], $"no complete answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or SocketException)
        {
            return new AgentListResult(AgentListStatus.ProtocolError, [], "agent closed the connection: " + e.Message);
        }
    }

    internal static AgentListResult Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new SshReader(body);
            var type = reader.ReadByte();
            if (type is 5 or 30 or 102 or 28)
            {
                return new AgentListResult(AgentListStatus.Refused, [], $"agent answered failure ({type})");
            }

            if (type != IdentitiesAnswer)
            {
                return new AgentListResult(AgentListStatus.ProtocolError, [], $"unexpected agent message {type}");
            }

            var count = reader.ReadUInt32();
            if (count > MaxIdentities)
            {
                return new AgentListResult(AgentListStatus.ProtocolError, [], $"agent lists {count} keys (limit {MaxIdentities})");
            }

            var identities = new List<AgentIdentity>((int)count);
            var skipped = 0;
            for (var i = 0; i < count; i++)
            {
                var blob = reader.ReadString();
                var comment = reader.ReadUtf8Kept();
                if (SshPublicKey.TryParse(blob) is { } key)
                {
                    identities.Add(new AgentIdentity(key, comment));
                }
                else
                {
                    skipped++;
                }
            }

            return new AgentListResult(AgentListStatus.Listed, identities, count == 0 ? "The agent has no identities." : $"{identities.Count} keys")
            {
                SkippedKeys = skipped,
            };
        }
        catch (SshWireException e)
        {
            return new AgentListResult(AgentListStatus.ProtocolError, [], "malformed agent answer: " + e.Message);
        }
    }
}
