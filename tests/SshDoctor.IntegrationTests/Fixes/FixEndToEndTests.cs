using System.Diagnostics;
using System.Globalization;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Fixes;

/// <summary>
/// Each client-side fix against a real sshd: the real <c>ssh -o BatchMode=yes … true</c> fails; <c>ssh-doctor fix
/// --yes</c> runs (with --expect-fingerprint for a host key); the same ssh succeeds; <c>ssh-doctor undo</c> gives back
/// the bytes and modes, and the failure returns. A temporary home holds the keys, config and known_hosts (given to ssh
/// with -F, to the doctor with -F and --home); records go to its state directory.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FixEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _home = new();

    private string Ssh => _home.File(".ssh");

    private string Config => Path.Combine(Ssh, "config");

    private string KnownHosts => Path.Combine(Ssh, "known_hosts");

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Key_permissions()
    {
        var key = NewKey("id_ed25519");
        await using var server = await SshdServer.StartAsync([], Authorized(key));
        WriteHome(server.Port, key, identitiesOnly: true);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await RoundTripAsync("key.permissions-too-open", server, []);
    }

    [Fact]
    public async Task Key_mismatch()
    {
        var key = NewKey("id_ed25519");
        var other = NewKey("other");
        await using var server = await SshdServer.StartAsync([], Authorized(key));
        WriteHome(server.Port, key, identitiesOnly: true);
        File.Copy(other + ".pub", key + ".pub", overwrite: true);
        // The probe sees the wrong .pub offered and refused: only a possible cause, so it is fixed when named.
        await RoundTripAsync("key.mismatch", server, [], named: true);
    }

    [Fact]
    public async Task Host_key_changed_needs_the_fingerprint_then_replaces_the_entry()
    {
        var key = NewKey("id_ed25519");
        await using var server = await SshdServer.StartAsync(["HostKeyAlgorithms ssh-ed25519"], Authorized(key));
        WriteHome(server.Port, key, identitiesOnly: true);
        File.WriteAllText(KnownHosts, $"# kept\n[127.0.0.1]:{server.Port} {File.ReadAllText(NewKey("stale") + ".pub").Trim()}\nother.test {TestKeys.PublicKeyLine("rsa")}\n");
        var before = Snapshot();

        // Without confirmation (no terminal, no --expect-fingerprint) nothing changes, even with --yes.
        var refused = await DoctorAsync(server, ["--yes"]);
        Assert.Equal(1, refused.Code);
        Assert.Contains("hostkey.changed", refused.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());

        var fingerprint = TestKeys.KeygenFingerprint("ed25519");
        var table = await RoundTripAsync("hostkey.changed", server, ["--expect-fingerprint", fingerprint]);
        Assert.Contains("known_hosts.old", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_key_exchange_for_this_host_only()
    {
        var key = NewKey("id_ed25519");
        await using var server = await SshdServer.StartAsync(["KexAlgorithms diffie-hellman-group14-sha1"], Authorized(key));
        WriteHome(server.Port, key, identitiesOnly: true);
        await RoundTripAsync("kex.no-common-kex", server, []);
    }

    [Fact]
    public async Task Legacy_cipher_for_this_host_only()
    {
        var key = NewKey("id_ed25519");
        await using var server = await SshdServer.StartAsync(["Ciphers aes128-cbc,3des-cbc"], Authorized(key));
        WriteHome(server.Port, key, identitiesOnly: true);
        await RoundTripAsync("kex.no-common-cipher", server, []);
    }

    [Fact]
    public async Task Legacy_mac_for_this_host_only()
    {
        var key = NewKey("id_ed25519");
        await using var server = await SshdServer.StartAsync(["Ciphers aes128-ctr,aes256-ctr", "MACs hmac-md5,hmac-sha1-96"], Authorized(key));
        WriteHome(server.Port, key, identitiesOnly: true);
        await RoundTripAsync("kex.no-common-mac", server, []);
    }

    [Fact]
    public async Task Too_many_failures_pins_the_accepted_key()
    {
        var keys = new[] { NewKey("a"), NewKey("b"), NewKey("c") };
        await using var server = await SshdServer.StartAsync(["MaxAuthTries 2"], Authorized(keys[2]));
        WriteHome(server.Port, null, identitiesOnly: false, extra: keys.Select(k => "    IdentityFile " + k));
        await RoundTripAsync("auth.too-many-failures", server, []);
    }

    /// <summary>
    /// A session the network drops later (session.broken-pipe, read by explain from the user's ssh output) cannot be
    /// provoked by a probe: without the id, fix finds nothing to do; named, it adds keepalives for that destination,
    /// ssh -G shows them for it and for no other host, the login still works, and undo gives back every byte.
    /// </summary>
    [Fact]
    public async Task Keep_alives_for_a_destination_whose_sessions_break_when_named()
    {
        var key = NewKey("id_ed25519");
        await using var server = await SshdServer.StartAsync([], Authorized(key));
        WriteHome(server.Port, key, identitiesOnly: true);
        var before = Snapshot();

        var unnamed = await DoctorAsync(server, ["--yes"]);
        Assert.True(unnamed.Code == 0, $"fix exit {unnamed.Code}\n{unnamed.Stdout}\n{unnamed.Stderr}");
        Assert.Equal(before, Snapshot());

        var fix = await DoctorAsync(server, ["--yes"], "session.broken-pipe");
        Assert.True(fix.Code == 0, $"fix exit {fix.Code}\n{fix.Stdout}\n{fix.Stderr}");
        Assert.Contains("✓ fixed session.broken-pipe", fix.Stdout, StringComparison.Ordinal);
        Assert.Contains("named on the command line", fix.Stdout, StringComparison.Ordinal);
        Assert.Contains("serveraliveinterval 30", SshG("127.0.0.1"), StringComparison.Ordinal);
        Assert.Contains("serveralivecountmax 3", SshG("127.0.0.1"), StringComparison.Ordinal);
        Assert.Contains("serveraliveinterval 0", SshG("other.test"), StringComparison.Ordinal);
        Assert.Equal(0, (await RealSshAsync(server.Port)).Code);

        var hint = fix.Stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Undo with: ", StringComparison.Ordinal))["Undo with: ".Length..];
        var undo = await DoctorProcess.RunPrintedAsync(hint, Environment());
        Assert.True(undo.Code == 0, hint + "\n" + undo.Stdout + undo.Stderr);
        Assert.Equal(before, Snapshot());
    }

    private string SshG(string host) =>
        ExternalTool.Run("ssh", ["-G", "-F", Config, host]).Split('\n').Where(l => l.StartsWith("serveralive", StringComparison.Ordinal)).Aggregate(string.Empty, (a, l) => a + l + "\n");

    /// <summary>ssh fails; fix repairs (exit 0, the id fixed); ssh works; undo restores every byte and mode; ssh fails again.</summary>
    private async Task<string> RoundTripAsync(string id, SshdServer server, string[] fixArguments, bool named = false)
    {
        var before = Snapshot();
        var failing = await RealSshAsync(server.Port);
        Assert.True(failing.Code != 0, $"ssh should fail before the fix: {failing.Stderr}");

        var fix = await DoctorAsync(server, ["--yes", .. fixArguments], named ? id : null);
        Assert.True(fix.Code == 0, $"fix exit {fix.Code}\n{fix.Stdout}\n{fix.Stderr}");
        Assert.Contains("✓ fixed " + id, fix.Stdout, StringComparison.Ordinal);
        var fixedSsh = await RealSshAsync(server.Port);
        Assert.True(fixedSsh.Code == 0, $"ssh should work after the fix: {fixedSsh.Stderr}\n{fix.Stdout}");
        var changed = string.Join(", ", Snapshot().Where(kv => !before.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => Path.GetFileName(kv.Key)).Concat(before.Keys.Where(k => !Path.Exists(k)).Select(Path.GetFileName)));

        // The hint fix prints is pasted as it is: it names --home, so it undoes this home's record.
        var hint = fix.Stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Undo with: ", StringComparison.Ordinal))["Undo with: ".Length..];
        Assert.Contains("--home " + _home.Path, hint, StringComparison.Ordinal);
        var undo = await DoctorProcess.RunPrintedAsync(hint, Environment());
        Assert.True(undo.Code == 0, hint + "\n" + undo.Stdout + undo.Stderr);
        Assert.Equal(before, Snapshot());
        var again = await RealSshAsync(server.Port);
        Assert.True(again.Code != 0, "ssh should fail again after undo");

        var line = $"{id,-26} before: ssh exit {failing.Code} | after fix: ssh exit {fixedSsh.Code} (changed: {changed}) | after undo: bytes and modes as before, ssh exit {again.Code}";
        output.WriteLine(line);
        return line;
    }

    private Task<(int Code, string Stdout, string Stderr)> DoctorAsync(SshdServer server, string[] arguments, string? id = null) =>
        DoctorProcess.RunAsync(["fix", .. (id is null ? Array.Empty<string>() : [id]), "root@127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-F", Config, "--agent", "none", "--home", _home.Path, .. arguments], Environment());

    private Dictionary<string, string?> Environment() => new() { ["XDG_STATE_HOME"] = _home.File("state"), ["SSH_AUTH_SOCK"] = null, ["NO_COLOR"] = "1" };

    private async Task<(int Code, string Stderr)> RealSshAsync(int port)
    {
        var start = new ProcessStartInfo("ssh") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-F", Config, "-o", "BatchMode=yes", "-p", port.ToString(CultureInfo.InvariantCulture), "root@127.0.0.1", "true"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("SSH_AUTH_SOCK");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stderr);
    }

    /// <summary>Every file under ~/.ssh: its mode and bytes (base64).</summary>
    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(Ssh).Append(Ssh).Order(StringComparer.Ordinal).ToDictionary(
            p => p,
            p => File.GetUnixFileMode(p).ToString() + (Directory.Exists(p) ? string.Empty : " " + Convert.ToBase64String(File.ReadAllBytes(p))));

    private string NewKey(string name)
    {
        Directory.CreateDirectory(Ssh);
        var path = Path.Combine(Ssh, name);
        ExternalTool.Run("ssh-keygen", ["-t", "ed25519", "-N", "", "-q", "-C", name, "-f", path]);
        return path;
    }

    private static Dictionary<string, string> Authorized(string key) => new() { ["root"] = File.ReadAllText(key + ".pub") };

    private void WriteHome(int port, string? key, bool identitiesOnly, IEnumerable<string>? extra = null)
    {
        Directory.CreateDirectory(Ssh);
        File.SetUnixFileMode(Ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!File.Exists(KnownHosts))
        {
            File.WriteAllText(KnownHosts, $"[127.0.0.1]:{port} {TestKeys.PublicKeyLine("ed25519")}\n");
        }

        var lines = new List<string>
        {
            "# test client configuration",
            "Host *",
            "    UserKnownHostsFile " + KnownHosts,
            "    GlobalKnownHostsFile /dev/null",
            "    StrictHostKeyChecking yes",
            "    PasswordAuthentication no",
            "    KbdInteractiveAuthentication no",
            "    IdentityAgent none",
        };
        if (key is not null)
        {
            lines.Add("    IdentityFile " + key);
        }

        if (identitiesOnly)
        {
            lines.Add("    IdentitiesOnly yes");
        }

        lines.AddRange(extra ?? []);
        File.WriteAllText(Config, string.Join('\n', lines) + "\n");
        File.SetUnixFileMode(Config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
