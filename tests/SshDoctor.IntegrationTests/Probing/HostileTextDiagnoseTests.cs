using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// Text a hostile server chooses (lines before its greeting, the greeting itself, a disconnect message) through the
/// real <c>diagnose</c> command: it is shown, escaped, and nothing in it reaches the terminal as a control sequence.
/// </summary>
public sealed class HostileTextDiagnoseTests
{
    private const string Blink = "\u001b[5m";
    private const string Title = "\u001b]0;owned\u0007";

    [Theory]
    [InlineData("pre-banner", "owned")]
    [InlineData("banner", "Evil")]
    [InlineData("disconnect", "go away")]
    public async Task Remote_text_is_escaped_in_text_and_json(string script, string shown)
    {
        await using var server = new FakeTcpServer((stream, ct) => RunAsync(script, stream, ct));
        using var harness = new ProbeHarness();
        string[] common = ["-F", harness.ConfigFile, "--agent", "none", "--known-hosts", harness.KnownHostsFile, "--timeout", "3",
            "-i", harness.File("none"), "-p", server.Port.ToString(CultureInfo.InvariantCulture), "root@127.0.0.1"];

        var text = await Task.Run(() => CliRun.Run(["diagnose", .. common]));
        var json = await Task.Run(() => CliRun.Run(["diagnose", "--json", .. common]));

        Assert.True(text.Code == 1, text.Stdout + text.Stderr);
        Assert.True(json.Code == 1, json.Stdout + json.Stderr);
        TerminalSafety.AssertSafe(text, "diagnose");
        TerminalSafety.AssertSafe(json, "diagnose --json");
        Assert.Contains(shown, text.Stdout, StringComparison.Ordinal);
    }

    private static async Task RunAsync(string script, NetworkStream stream, CancellationToken ct)
    {
        switch (script)
        {
            case "pre-banner":
                await stream.WriteAsync(Encoding.UTF8.GetBytes($"Welcome {Title}{Blink}\u202eevil\r\nnot ssh\r\n"), ct);
                break;
            case "banner":
                await stream.WriteAsync(Encoding.UTF8.GetBytes($"SSH-2.0-Evil{Blink}Blink{Title}\r\n"), ct);
                break;
            default:
                await stream.WriteAsync("SSH-2.0-OpenSSH_9.2p1\r\n"u8.ToArray(), ct);
                await stream.WriteAsync(Disconnect($"go away {Title}\u001b[2J\u202e\r\nfake line"), ct);
                break;
        }

        await ScriptedPeer.DrainAsync(stream, ct);
    }

    /// <summary>An unencrypted SSH_MSG_DISCONNECT (RFC 4253 11.1) with the given description.</summary>
    private static byte[] Disconnect(string description)
    {
        var text = Encoding.UTF8.GetBytes(description);
        var payload = new byte[1 + 4 + 4 + text.Length + 4];
        payload[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), 2);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(5), (uint)text.Length);
        text.CopyTo(payload, 9);
        var padding = 8 - ((5 + payload.Length) % 8);
        padding = padding < 4 ? padding + 8 : padding;
        var packet = new byte[4 + 1 + payload.Length + padding];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(1 + payload.Length + padding));
        packet[4] = (byte)padding;
        payload.CopyTo(packet, 5);
        return packet;
    }
}
