using System.Diagnostics;
using System.Globalization;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Fixes;

/// <summary>
/// The questions fix asks, on a real terminal: util-linux <c>script</c> gives the CLI a pty (so it may ask), and the
/// answer is typed into it. The plan's [y/N]: "n" changes nothing, "y" applies. A changed host key: both fingerprints
/// (recorded and presented) are on the screen before the question, "y" is not enough, only a typed "yes" trusts it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PromptOnTerminalTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    private string Ssh => _home.File(".ssh");

    [Theory]
    [InlineData("n", false)]
    [InlineData("y", true)]
    public async Task The_plan_is_applied_only_after_y_on_the_terminal(string answer, bool applied)
    {
        Directory.CreateDirectory(Ssh);
        var key = Path.Combine(Ssh, "id_ed25519");
        ExternalTool.Run("ssh-keygen", ["-t", "ed25519", "-N", "", "-q", "-f", key]);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var screen = await OnTerminalAsync(["fix", "--home", _home.Path], answer);

        Assert.Contains("Apply this plan? [y/N]", screen, StringComparison.Ordinal);
        Assert.Equal(applied, File.GetUnixFileMode(key) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.Contains(applied ? "✓ fixed key.permissions-too-open" : "Not confirmed: nothing was changed.", screen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("y", false)]
    [InlineData("yes", true)]
    public async Task A_changed_host_key_shows_both_fingerprints_and_needs_a_typed_yes(string answer, bool trusted)
    {
        Directory.CreateDirectory(Ssh);
        var key = Path.Combine(Ssh, "id_ed25519");
        ExternalTool.Run("ssh-keygen", ["-t", "ed25519", "-N", "", "-q", "-f", key]);
        var stale = _home.File("stale");
        ExternalTool.Run("ssh-keygen", ["-t", "ed25519", "-N", "", "-q", "-f", stale]);
        await using var server = await SshdServer.StartAsync(["HostKeyAlgorithms ssh-ed25519"], new Dictionary<string, string> { ["root"] = File.ReadAllText(key + ".pub") });
        var knownHosts = Path.Combine(Ssh, "known_hosts");
        var original = $"[127.0.0.1]:{server.Port} {File.ReadAllText(stale + ".pub").Trim()}\n";
        File.WriteAllText(knownHosts, original);
        var config = Path.Combine(Ssh, "config");
        File.WriteAllText(config, $"Host *\n    UserKnownHostsFile {knownHosts}\n    GlobalKnownHostsFile /dev/null\n    StrictHostKeyChecking yes\n    IdentityAgent none\n    IdentityFile {key}\n    IdentitiesOnly yes\n");
        var recorded = ExternalTool.Run("ssh-keygen", ["-lf", stale + ".pub"]).Split(' ')[1];
        var presented = TestKeys.KeygenFingerprint("ed25519");

        var screen = await OnTerminalAsync(["fix", "hostkey.changed", "root@127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-F", config, "--agent", "none", "--home", _home.Path], answer);

        var question = screen.IndexOf("Type yes to trust the presented key", StringComparison.Ordinal);
        Assert.True(question > 0, screen);
        Assert.InRange(screen.IndexOf(recorded, StringComparison.Ordinal), 0, question);
        Assert.InRange(screen.IndexOf(presented, StringComparison.Ordinal), 0, question);
        Assert.Equal(trusted, File.ReadAllText(knownHosts) != original);
        Assert.Equal(trusted, screen.Contains("✓ fixed hostkey.changed", StringComparison.Ordinal));
    }

    /// <summary>ssh-doctor ARGS on a pty (script -q -e -c), <paramref name="answer"/> typed at the prompt; what the terminal showed.</summary>
    private async Task<string> OnTerminalAsync(string[] arguments, string answer)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var cli = typeof(SshDoctor.Cli.ExitCodes).Assembly.Location;
        var command = string.Join(' ', new[] { dotnet, cli }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("script") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-q", "-e", "-c", command, "/dev/null"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["XDG_STATE_HOME"] = _home.File("state");
        start.Environment.Remove("SSH_AUTH_SOCK");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // Typed ahead: the pty keeps the line until the CLI reads it at its question.
        await process.StandardInput.WriteAsync(answer + "\n");
        await process.StandardInput.FlushAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        process.StandardInput.Close();
        return (await stdout) + (await stderr);
    }
}
