using System.Buffers.Binary;
using System.Net.Sockets;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Connection;

/// <summary>Signs through ssh-agent (SSH2_AGENTC_SIGN_REQUEST), with OpenSSH's reply bound and a deadline.</summary>
public sealed class AgentSigner(string socketPath, SshPublicKey publicKey, string identity, TimeSpan timeout) : ISshSigner
{
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;

    public SshPublicKey PublicKey => publicKey;

    public string Identity => identity;

    public async Task<byte[]?> SignAsync(byte[] data, string algorithm, CancellationToken cancellationToken)
    {
        // SSH_AGENT_RSA_SHA2_256 = 2, SSH_AGENT_RSA_SHA2_512 = 4 select the RSA signature hash.
        uint flags = algorithm switch { "rsa-sha2-256" => 2, "rsa-sha2-512" => 4, _ => 0 };
        var body = new SshWriter().WriteByte(SignRequest).WriteString(publicKey.Blob.Span).WriteString(data).WriteUInt32(flags).ToArray();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var frame = new byte[4 + body.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
            body.CopyTo(frame, 4);
            await stream.WriteAsync(frame, deadline.Token);
            var header = new byte[4];
            await stream.ReadExactlyAsync(header, deadline.Token);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length is 0 or > Agent.AgentClient.MaxReplyLength)
            {
                return null;
            }

            var reply = new byte[length];
            await stream.ReadExactlyAsync(reply, deadline.Token);
            var reader = new SshReader(reply);
            return reader.ReadByte() == SignResponse ? reader.ReadStringBytes(16384) : null;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or SshWireException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
