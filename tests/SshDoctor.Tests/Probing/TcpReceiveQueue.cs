using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SshDoctor.Tests.Probing;

/// <summary>
/// What the kernel knows about a test's TCP socket (Linux TCP_INFO), so a test can wait for an event instead of
/// sleeping: bytes received by the kernel and none left unread means a reader in the process took them; the state
/// CLOSE after CLOSE_WAIT means the peer's reset arrived. Waits poll with a generous upper bound.
/// </summary>
internal static class TcpReceiveQueue
{
    private const int IpProtocolTcp = 6;
    private const int TcpInfo = 11;
    private const int StateOffset = 0;
    private const int BytesReceivedOffset = 128;
    private const byte TcpClose = 7;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Until the kernel has received <paramref name="bytes"/> on <paramref name="socket"/> and none is left unread.</summary>
    public static Task UntilTakenAsync(Socket socket, long bytes, CancellationToken token) =>
        UntilAsync(() => BytesReceived(socket) >= bytes && socket.Available == 0, $"the read-ahead did not take {bytes} bytes", token);

    /// <summary>Until the peer's reset has closed <paramref name="socket"/>.</summary>
    public static Task UntilResetAsync(Socket socket, CancellationToken token) =>
        UntilAsync(() => Info(socket)[StateOffset] == TcpClose, "no reset arrived", token);

    private static long BytesReceived(Socket socket) => MemoryMarshal.Read<long>(Info(socket).AsSpan(BytesReceivedOffset));

    private static byte[] Info(Socket socket)
    {
        var info = new byte[256];
        var length = socket.GetRawSocketOption(IpProtocolTcp, TcpInfo, info);
        Assert.True(length >= BytesReceivedOffset + 8, $"TCP_INFO gave {length} bytes (Linux 4.1 or later gives tcpi_bytes_received)");
        return info;
    }

    private static async Task UntilAsync(Func<bool> condition, string failure, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{failure} within {Patience.TotalSeconds} s");
            await Task.Delay(5, token);
        }
    }
}
