using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// Dropbear in a private mount namespace whose /etc/passwd is bind-mounted from a copy with one test user whose home
/// (and ~/.ssh/authorized_keys, which Dropbear always reads from the home) lies in a temporary directory: nothing of the
/// machine's users or ~/.ssh is read or changed. Password logins are off (<c>-s</c>). Needs root and unshare.
/// </summary>
internal sealed class UserLabDropbear : IAsyncDisposable
{
    public const string User = "dbprobe";
    private readonly ServerProcess _process;
    private readonly TempDirectory _directory;

    private UserLabDropbear(ServerProcess process, TempDirectory directory, int port, string hostKey)
    {
        _process = process;
        _directory = directory;
        Port = port;
        HostKey = hostKey;
    }

    public int Port { get; }

    /// <summary>The Dropbear-format host key file.</summary>
    public string HostKey { get; }

    public string Log => _process.Log;

    /// <summary>Starts dropbear with <see cref="User"/> authorizing <paramref name="authorizedKeys"/>.</summary>
    public static async Task<UserLabDropbear> StartAsync(string authorizedKeys)
    {
        var unshare = ExternalTool.Require("unshare");
        var dropbear = ExternalTool.Require("dropbear");
        ExternalTool.Require("dropbearkey");
        if (Environment.UserName != "root")
        {
            if (ExternalTool.OnCi)
            {
                Assert.Fail("the Dropbear user lab needs root");
            }

            Assert.Skip("the Dropbear user lab needs root");
        }

        var directory = new TempDirectory();
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var home = Path.Combine(directory.Path, "home");
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        var keys = Path.Combine(home, ".ssh", "authorized_keys");
        await File.WriteAllTextAsync(keys, authorizedKeys);
        if (!OperatingSystem.IsWindows())
        {
            // Dropbear wants the home, ~/.ssh and authorized_keys not writable by group or others, and opens the file as the user.
            File.SetUnixFileMode(directory.Path, open);
            File.SetUnixFileMode(home, open);
            File.SetUnixFileMode(Path.Combine(home, ".ssh"), open);
            File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var passwd = directory.File("passwd");
        await File.WriteAllTextAsync(passwd, await File.ReadAllTextAsync("/etc/passwd") + $"{User}:x:4250:4250::{home}:/bin/sh\n");
        var hostKey = directory.File("dropbear_ed25519_host_key");
        ExternalTool.Run("dropbearkey", "-t", "ed25519", "-f", hostKey);

        var port = SshdServer.FreePort();
        var (process, log) = await ServerProcess.StartAsync(unshare, ["-m", "--propagation", "private", "sh", "-c",
            $"mount --bind '{passwd}' /etc/passwd && exec '{dropbear}' -F -E -s -p 127.0.0.1:{port} -r '{hostKey}'"], readyPort: port);
        if (process is null)
        {
            directory.Dispose();
            throw new InvalidOperationException("dropbear in the user lab did not start:\n" + log);
        }

        return new UserLabDropbear(process, directory, port, hostKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _directory.Dispose();
    }
}
