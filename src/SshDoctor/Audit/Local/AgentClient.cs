using System.Buffers.Binary;
using System.Net.Sockets;

namespace SshDoctor.Audit.Local;

/// <summary>
/// Lists the keys an ssh-agent holds (REQUEST_IDENTITIES, §5): 2 s deadline, replies over 256 KiB refused as OpenSSH does.
/// Minimal on purpose; the probe branch's agent client was not committed when this was written.
/// </summary>
public static class AgentClient
{
    private const int MaxReply = 256 * 1024;

    /// <summary>The keys, or null with <paramref name="error"/> set when the agent cannot be reached or answers oddly.</summary>
    public static IReadOnlyList<PublicKeyInfo>? ListKeys(string socketPath, out string? error)
    {
        error = null;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.ReceiveTimeout = 2000;
            socket.SendTimeout = 2000;
            var connect = socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
            if (!connect.Wait(2000))
            {
                error = "timed out";
                return null;
            }

            socket.Send([0, 0, 0, 1, 11]);
            var header = Receive(socket, 4);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length is 0 or > MaxReply)
            {
                error = "reply too long or empty";
                return null;
            }

            var body = Receive(socket, (int)length);
            if (body[0] != 12)
            {
                error = $"agent answered message type {body[0]}";
                return null;
            }

            var reader = new BlobReader(body.AsSpan(1));
            if (!reader.TryUInt32(out var count) || count > 2048)
            {
                error = "malformed answer";
                return null;
            }

            var keys = new List<PublicKeyInfo>();
            for (var i = 0; i < count; i++)
            {
                if (!reader.TryBytes(out var blob) || !reader.TryBytes(out _))
                {
                    error = "malformed answer";
                    return null;
                }

                if (PublicKeyInfo.FromBlob(blob.ToArray()) is { } key)
                {
                    keys.Add(key);
                }
            }

            return keys;
        }
        catch (Exception e) when (e is SocketException or IOException or AggregateException or ObjectDisposedException)
        {
            error = e is AggregateException { InnerException: { } inner } ? inner.Message : e.Message;
            return null;
        }
    }

    private static byte[] Receive(Socket socket, int count)
    {
        var buffer = new byte[count];
        var total = 0;
        while (total < count)
        {
            var n = socket.Receive(buffer, total, count - total, SocketFlags.None);
            if (n == 0)
            {
                throw new IOException("agent closed the connection");
            }

            total += n;
        }

        return buffer;
    }
}
