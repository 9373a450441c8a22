using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.IntegrationTests.Ssh;

/// <summary>Broken and hostile servers: every case ends within the deadline with a typed result and bounded memory.</summary>
public sealed class HostilePeerTests
{
    private static readonly byte[] Banner = "SSH-2.0-Hostile_1.0\r\n"u8.ToArray();
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1.5);
    private static readonly ProbeOptions FastOptions = new() { Limits = new ProbeLimits { StageTimeout = Deadline } };

    private static async Task<(SshProbeSession Session, TimeSpan Elapsed)> ProbeAsync(Func<Socket, NetworkStream, CancellationToken, Task> script)
    {
        await using var peer = new ScriptedPeer(script);
        var started = Stopwatch.GetTimestamp();
        var session = await SshProbeClient.ConnectAsync(await peer.ConnectAsync(), FastOptions, TestContext.Current.CancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await session.DisposeAsync();
        Assert.True(elapsed < Deadline * 3, $"took {elapsed}");
        return (session, elapsed);
    }

    [Fact]
    public async Task Garbage_after_the_banner_is_a_protocol_error()
    {
        var (session, _) = await ProbeAsync(async (_, stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            await stream.WriteAsync("\0\0\0\x0c\x0a\x14garbage!!!\r\n"u8.ToArray(), ct);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        Assert.Equal(ProbeStage.AlgorithmNegotiation, session.Failure!.Stage);
        Assert.Equal(ProbeFailureKind.ProtocolError, session.Failure.Kind);
        Assert.Equal("SSH-2.0-Hostile_1.0", session.ServerIdentification!.Line);
    }

    [Fact]
    public async Task A_4_GB_packet_length_is_refused_without_allocating_it()
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (session, _) = await ProbeAsync(async (_, stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            await stream.WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 0 }, ct);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        Assert.Equal(ProbeFailureKind.LimitExceeded, session.Failure!.Kind);
        Assert.Equal(ProbeStage.AlgorithmNegotiation, session.Failure.Stage);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore < 256L * 1024 * 1024);
    }

    [Fact]
    public async Task Endless_64_KB_banner_lines_stop_at_the_line_limit()
    {
        var (session, _) = await ProbeAsync(async (_, stream, ct) =>
        {
            var line = Encoding.ASCII.GetBytes(new string('A', 65535) + "\n");
            while (!ct.IsCancellationRequested)
            {
                await stream.WriteAsync(line, ct);
            }
        });

        Assert.Equal(ProbeStage.Banner, session.Failure!.Stage);
        Assert.Equal(ProbeFailureKind.LimitExceeded, session.Failure.Kind);
        Assert.True(session.PreBannerBytes.Length <= ProbeLimits.Default.MaxRetainedPreBannerBytes);
    }

    [Fact]
    public async Task Endless_short_lines_are_not_ssh()
    {
        var (session, _) = await ProbeAsync(async (_, stream, ct) =>
        {
            while (!ct.IsCancellationRequested)
            {
                await stream.WriteAsync("hello\r\n"u8.ToArray(), ct);
            }
        });

        Assert.Equal(ProbeFailureKind.NotSsh, session.Failure!.Kind);
        Assert.Equal(ProbeLimits.Default.MaxPreBannerLines, session.PreBannerLines.Count);
    }

    [Fact]
    public async Task One_byte_per_second_times_out_in_the_banner_stage()
    {
        var (session, elapsed) = await ProbeAsync(async (_, stream, ct) =>
        {
            foreach (var b in Banner)
            {
                await stream.WriteAsync(new[] { b }, ct);
                await Task.Delay(1000, ct);
            }
        });

        Assert.Equal(ProbeStage.Banner, session.Failure!.Stage);
        Assert.Equal(ProbeFailureKind.TimedOut, session.Failure.Kind);
        Assert.True(elapsed >= Deadline - TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Silence_after_the_banner_times_out_in_negotiation()
    {
        var (session, _) = await ProbeAsync(async (_, stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        Assert.Equal(ProbeStage.AlgorithmNegotiation, session.Failure!.Stage);
        Assert.Equal(ProbeFailureKind.TimedOut, session.Failure.Kind);
    }

    [Fact]
    public async Task Close_before_anything_is_closed_in_the_banner_stage()
    {
        var (session, _) = await ProbeAsync((socket, _, _) =>
        {
            socket.Shutdown(SocketShutdown.Both);
            return Task.CompletedTask;
        });

        Assert.Equal(ProbeStage.Banner, session.Failure!.Stage);
        Assert.Contains(session.Failure.Kind, (ProbeFailureKind[])[ProbeFailureKind.ConnectionClosed, ProbeFailureKind.ConnectionReset]);
    }

    [Fact]
    public async Task Text_before_closing_is_kept_to_name_the_other_protocol()
    {
        var (session, _) = await ProbeAsync(async (socket, stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), ct);
            socket.Shutdown(SocketShutdown.Send);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        Assert.Equal(ProbeFailureKind.ConnectionClosed, session.Failure!.Kind);
        Assert.Equal("HTTP/1.1 400 Bad Request", session.PreBannerLines[0]);
        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(session.PreBannerBytes.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_after_the_banner_is_closed_in_negotiation()
    {
        var (session, _) = await ProbeAsync(async (socket, stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            socket.Shutdown(SocketShutdown.Send);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        Assert.Equal(ProbeStage.AlgorithmNegotiation, session.Failure!.Stage);
        Assert.Equal(ProbeFailureKind.ConnectionClosed, session.Failure.Kind);
    }

    [Fact]
    public async Task Reset_during_key_exchange_is_reported_in_that_stage()
    {
        var (session, _) = await ProbeAsync(async (socket, stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            await stream.WriteAsync(ScriptedPeer.Packet(ScriptedPeer.ServerKexInit()), ct);
            await Task.Delay(200, ct);
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        });

        Assert.Equal(ProbeStage.KeyExchange, session.Failure!.Stage);
        Assert.Contains(session.Failure.Kind, (ProbeFailureKind[])[ProbeFailureKind.ConnectionReset, ProbeFailureKind.ConnectionClosed]);
        Assert.Equal(["curve25519-sha256", "kex-strict-s-v00@openssh.com"], session.ServerKexInit!.KexAlgorithms);
    }

    [Fact]
    public async Task Disconnect_message_is_typed_with_code_and_text()
    {
        var (session, _) = await ProbeAsync(async (_, stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            var disconnect = new SshWriter().WriteByte(1).WriteUInt32(12).WriteString("Too many connections").WriteString("").ToArray();
            await stream.WriteAsync(ScriptedPeer.Packet(disconnect), ct);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        Assert.Equal(ProbeFailureKind.Disconnected, session.Failure!.Kind);
        Assert.Equal(new DisconnectInfo(12, "Too many connections"), session.Failure.Disconnect);
        Assert.Equal("TOO_MANY_CONNECTIONS", session.Failure.Disconnect!.ReasonName);
    }

    [Fact]
    public async Task A_100_KB_disconnect_description_is_a_disconnect_with_its_text_cut()
    {
        var (session, _) = await ProbeAsync(async (_, stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            var disconnect = new SshWriter().WriteByte(1).WriteUInt32(11).WriteString(new string('x', 100_000)).WriteString("").ToArray();
            await stream.WriteAsync(ScriptedPeer.Packet(disconnect), ct);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        Assert.Equal(ProbeFailureKind.Disconnected, session.Failure!.Kind);
        Assert.True(session.Failure.Disconnect!.Description.Length < 1100, $"{session.Failure.Disconnect.Description.Length} characters kept");
        Assert.EndsWith("(100,000 bytes)", session.Failure.Disconnect.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_common_kex_names_the_slot_and_keeps_the_server_lists()
    {
        var (session, _) = await ProbeAsync(async (_, stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            await stream.WriteAsync(ScriptedPeer.Packet(ScriptedPeer.ServerKexInit(["sntrup761x25519-sha512@openssh.com"])), ct);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        Assert.Equal(ProbeFailureKind.NoCommonAlgorithm, session.Failure!.Kind);
        Assert.Equal(AlgorithmSlot.Kex, session.Failure.Slot);
        Assert.Equal(["sntrup761x25519-sha512@openssh.com"], session.ServerKexInit!.KexAlgorithms);
        Assert.Equal(["aes128-ctr"], session.ServerKexInit.CiphersServerToClient);
    }

    [Fact]
    public async Task Ssh1_only_server_is_an_unsupported_version()
    {
        var (session, _) = await ProbeAsync(async (_, stream, ct) =>
        {
            await stream.WriteAsync("SSH-1.5-OldServer\n"u8.ToArray(), ct);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        Assert.Equal(ProbeFailureKind.UnsupportedProtocolVersion, session.Failure!.Kind);
        Assert.Equal("1.5", session.ServerIdentification!.ProtocolVersion);
    }
}
