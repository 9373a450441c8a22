using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace SshDoctor.Probing.Connect;

/// <summary>
/// A TLS server reads SSH's identification line as a broken ClientHello and closes without sending a byte, which looks
/// exactly like a server turning the client away (tcp.reset-before-banner). One more connection that sends a TLS 1.2
/// ClientHello instead tells them apart: a TLS record in reply (a ServerHello, or an alert) proves the port speaks TLS.
/// </summary>
internal static class TlsProbe
{
    public static async Task<bool> AnswersTlsAsync(Func<CancellationToken, Task<Stream?>> connect, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var stream = await connect(deadline.Token);
            if (stream is null)
            {
                return false;
            }

            await using (stream)
            {
                await stream.WriteAsync(ClientHello(), deadline.Token);
                var header = new byte[3];
                var read = 0;
                while (read < header.Length)
                {
                    var n = await stream.ReadAsync(header.AsMemory(read), deadline.Token);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                // ContentType handshake (22) or alert (21), then a TLS record version 3.x.
                return read == header.Length && (header[0] == 0x16 || header[0] == 0x15) && header[1] == 0x03;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A TLS 1.2 ClientHello with common ECDHE suites, groups and signature algorithms (RFC 5246, 8422, 8446 §4.2.3).</summary>
    internal static byte[] ClientHello()
    {
        byte[] suites = [0xc0, 0x2b, 0xc0, 0x2f, 0xc0, 0x2c, 0xc0, 0x30, 0xcc, 0xa9, 0xcc, 0xa8, 0x00, 0x9c, 0x00, 0x2f];
        byte[] extensions =
        [
            0x00, 0x0a, 0x00, 0x08, 0x00, 0x06, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18, // supported_groups: x25519, P-256, P-384
            0x00, 0x0b, 0x00, 0x02, 0x01, 0x00, // ec_point_formats: uncompressed
            0x00, 0x0d, 0x00, 0x0c, 0x00, 0x0a, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x03, 0x05, 0x01, // signature_algorithms
        ];
        var body = new List<byte> { 0x03, 0x03 };
        body.AddRange(RandomNumberGenerator.GetBytes(32));
        body.Add(0); // no session id
        body.AddRange([(byte)(suites.Length >> 8), (byte)suites.Length]);
        body.AddRange(suites);
        body.AddRange([1, 0]); // compression: null
        body.AddRange([(byte)(extensions.Length >> 8), (byte)extensions.Length]);
        body.AddRange(extensions);
        var record = new byte[5 + 4 + body.Count];
        record[0] = 0x16;
        record[1] = 0x03;
        record[2] = 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), (ushort)(4 + body.Count));
        record[5] = 0x01; // ClientHello
        record[6] = (byte)(body.Count >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(7), (ushort)body.Count);
        body.CopyTo(record, 9);
        return record;
    }
}
