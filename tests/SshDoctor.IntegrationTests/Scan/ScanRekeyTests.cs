using System.Text.RegularExpressions;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;
using SshDoctor.Scan;
using SshDoctor.Ssh;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// What host keys a scan fetches, and over how many connections, counted in the servers' own logs. By default one
/// connection per host and the one key ssh would negotiate, the other types read from the server's KEXINIT. With
/// --all-host-keys every type: a real Dropbear (ed25519, ECDSA and RSA host keys) gives all three on the probe's one
/// connection by key re-exchange; a real OpenSSH, which refuses a re-exchange before authentication, is not asked for
/// one and gives them over one connection per type; and when a server does refuse (the real OpenSSH, asked anyway), the
/// types still missing come over connections of their own. Needs root, dropbear and sshd: fails under CI=true otherwise.
/// </summary>
public sealed class ScanRekeyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_all_host_keys_a_Dropbear_host_gives_every_host_key_type_on_one_connection()
    {
        var dropbear = ExternalTool.Require("dropbear");
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        string[] hostKeys = [.. ((string[])["ed25519", "ecdsa", "rsa"]).Select(type =>
        {
            var file = directory.File("dropbear_" + type);
            ExternalTool.Run("dropbearkey", "-t", type, "-f", file);
            return file;
        })];
        var fingerprints = hostKeys.Select(k => SshDoctor.Ssh.HostKeys.SshPublicKey.TryParseOpenSshLine(ExternalTool.Run("dropbearkey", "-y", "-f", k).Split('\n').First(l => l.StartsWith("ssh-", StringComparison.Ordinal) || l.StartsWith("ecdsa-", StringComparison.Ordinal)))!.Fingerprint).Order(StringComparer.Ordinal).ToList();
        var server = ns.Start([dropbear, "-F", "-E", "-s", "-p", "127.0.0.1:2201", .. hostKeys.SelectMany(k => (string[])["-r", k])]);
        var log = server.StandardError.ReadToEndAsync(Token);
        await Task.Delay(500, Token);

        var scan = await ns.RunDoctorAsync("scan", "127.0.0.1:2201", "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("known_hosts"), "--timeout", "5", "-l", "root", "--no-history", "--json", "--all-host-keys");
        server.Kill();
        var serverLog = await log.WaitAsync(TimeSpan.FromSeconds(10), Token);

        var host = Assert.Single(ScanReportJson.Deserialize(scan.Stdout)!.Hosts!);
        Assert.True(host.Outcome == "ok" && host.Banner?.Contains("dropbear", StringComparison.OrdinalIgnoreCase) == true, scan.Stdout + scan.Stderr + serverLog);
        Assert.Equal(["ecdsa-sha2-nistp256", "ssh-ed25519", "ssh-rsa"], host.HostKeys.Select(k => k.Type));
        Assert.Equal(fingerprints, host.HostKeys.Select(k => k.Fingerprint).Order(StringComparer.Ordinal));
        Assert.Equal(1, host.Connections);
        Assert.True(Regex.Count(serverLog, "Child connection from") == 1, serverLog);
    }

    [Fact]
    public async Task With_all_host_keys_an_OpenSSH_host_is_not_asked_to_re_exchange_and_gives_each_type_over_a_connection_of_its_own()
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        Directory.CreateDirectory("/run/sshd");
        var config = directory.File("sshd.conf");
        var log = directory.File("sshd.log");
        File.WriteAllText(config, $"Port 2201\nListenAddress 127.0.0.1\nHostKey {directory.NewKey("ed", "ed25519")}\nHostKey {directory.NewKey("ec", "ecdsa")}\nHostKey {directory.NewKey("rsa", "rsa")}\n"
            + $"PidFile {directory.File("sshd.pid")}\nUsePAM no\nLogLevel VERBOSE\n");
        ns.Start(ExternalTool.Require("sshd"), "-D", "-E", log, "-f", config);
        await Task.Delay(500, Token);

        var scan = await ns.RunDoctorAsync("scan", "127.0.0.1:2201", "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("known_hosts"), "--timeout", "5", "-l", "root", "--no-history", "--json", "--all-host-keys");

        var host = Assert.Single(ScanReportJson.Deserialize(scan.Stdout)!.Hosts!);
        Assert.True(host.Outcome == "ok", scan.Stdout + scan.Stderr);
        Assert.Equal(["ecdsa-sha2-nistp256", "ssh-ed25519", "ssh-rsa"], host.HostKeys.Select(k => k.Type));
        Assert.Equal(3, host.Connections);
        await Task.Delay(300, Token);
        var lines = await File.ReadAllLinesAsync(log, Token);
        Assert.True(lines.Count(l => l.Contains("Connection from 127.0.0.1", StringComparison.Ordinal)) == 3, string.Join('\n', lines));
        Assert.DoesNotContain(lines, l => l.Contains("dispatch_protocol_error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task By_default_an_OpenSSH_host_costs_one_connection_and_gives_the_negotiated_key_and_the_types_it_offers()
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        Directory.CreateDirectory("/run/sshd");
        var config = directory.File("sshd.conf");
        var log = directory.File("sshd.log");
        var ed25519 = directory.NewKey("ed", "ed25519");
        File.WriteAllText(config, $"Port 2201\nListenAddress 127.0.0.1\nHostKey {ed25519}\nHostKey {directory.NewKey("ec", "ecdsa")}\nHostKey {directory.NewKey("rsa", "rsa")}\n"
            + $"PidFile {directory.File("sshd.pid")}\nUsePAM no\nLogLevel VERBOSE\n");
        ns.Start(ExternalTool.Require("sshd"), "-D", "-E", log, "-f", config);
        await Task.Delay(500, Token);

        var scan = await ns.RunDoctorAsync("scan", "127.0.0.1:2201", "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("known_hosts"), "--timeout", "5", "-l", "root", "--db", directory.File("history.db"), "--json");

        var report = ScanReportJson.Deserialize(scan.Stdout)!;
        var host = Assert.Single(report.Hosts!);
        Assert.True(host.Outcome == "ok", scan.Stdout + scan.Stderr);
        Assert.Equal("negotiated", report.HostKeysFetched);
        // The key ssh would negotiate, verified; the other types known from the KEXINIT alone.
        var key = Assert.Single(host.HostKeys);
        Assert.Equal(("ssh-ed25519", SshDoctor.Ssh.HostKeys.SshPublicKey.TryParseOpenSshLine(File.ReadAllText(ed25519 + ".pub"))!.Fingerprint), (key.Type, key.Fingerprint));
        Assert.Equal(key.Fingerprint, host.HostKey!.Fingerprint);
        Assert.Equal(["ecdsa-sha2-nistp256", "ssh-ed25519", "ssh-rsa"], host.HostKeyTypes.Order(StringComparer.Ordinal));
        Assert.Equal(1, host.Connections);
        await Task.Delay(300, Token);
        var lines = await File.ReadAllLinesAsync(log, Token);
        Assert.True(lines.Count(l => l.Contains("Connection from 127.0.0.1", StringComparison.Ordinal)) == 1, string.Join('\n', lines));

        // --history says which types that scan fetched, of those offered.
        var history = await ns.RunDoctorAsync("scan", "--history", "127.0.0.1:2201", "--db", directory.File("history.db"));
        var fetched = history.Stdout.Split('\n').Single(l => l.Contains("host keys fetched: ssh-ed25519; of the types offered: ", StringComparison.Ordinal));
        Assert.True(((string[])["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"]).All(t => fetched.Contains(' ' + t, StringComparison.Ordinal)), history.Stdout);
        var csv = (await ns.RunDoctorAsync("scan", "--history", "127.0.0.1:2201", "--csv", "--db", directory.File("history.db"))).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].Split(',');
        var row = csv[1].Split(',');
        Assert.Equal("ssh-ed25519", row[Array.IndexOf(header, "host_keys_fetched")]);
        Assert.Equal(["ecdsa-sha2-nistp256", "ssh-ed25519", "ssh-rsa"], row[Array.IndexOf(header, "host_key_types")].Split(' ').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task When_a_server_refuses_the_re_exchange_the_missing_types_come_over_connections_of_their_own()
    {
        await using var server = await SshdServer.StartAsync([]);
        var others = new OtherHostKeys { AskKnownRefusers = true };
        SshDoctor.Ssh.HostKeys.SshPublicKey negotiated;
        IReadOnlyList<string> offered;
        await using (var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), ProbeOptions.Default, Token))
        {
            Assert.True(session.Failure is null, $"{session.Failure}\n{server.Log}");
            await session.QueryMethodsAsync("root", Token);
            negotiated = session.HostKey!;
            offered = session.ServerKexInit!.HostKeyAlgorithms;
            await others.ReexchangeAsync(session, Token);
        }

        Assert.Empty(others.Keys);
        Assert.True(others.ReexchangeRefused?.Contains("UNIMPLEMENTED", StringComparison.Ordinal) == true, others.ReexchangeRefused + "\n" + server.Log);

        await others.FallbackAsync(System.Net.IPAddress.Loopback, server.Port, offered, negotiated.KeyType, TimeSpan.FromSeconds(5), Token);

        // The lab sshd has ed25519, ECDSA 256/384/521 and RSA keys: four other types, four more connections.
        Assert.Equal(["ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa"], others.Keys.Select(k => k.Type).Order(StringComparer.Ordinal));
        Assert.Equal(TestKeys.PublicKey("rsa").Fingerprint, others.Keys.Single(k => k.Type == "ssh-rsa").Fingerprint);
        Assert.Equal(4, others.Connections);
        Assert.True(await server.WaitForLogAsync("dispatch_protocol_error: type 20", TimeSpan.FromSeconds(3)), server.Log);
        await Task.Delay(300, Token);
        Assert.True(Regex.Count(server.Log, "Connection from 127.0.0.1") == 5, server.Log);
    }
}
