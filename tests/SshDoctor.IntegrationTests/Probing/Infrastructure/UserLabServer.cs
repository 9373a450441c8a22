using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// sshd in a private mount namespace whose /etc/passwd is bind-mounted from a copy with test users (DESIGN.md "The test
/// lab"): users that exist nowhere else, with a missing home or a nologin shell. Needs root and unshare.
/// </summary>
internal sealed class UserLabServer : IAsyncDisposable
{
    private readonly ServerProcess _process;
    private readonly TempDirectory _directory;

    private UserLabServer(ServerProcess process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Log => _process.Log;

    /// <summary>Starts sshd with extra passwd lines (<c>name:x:uid:gid::home:shell</c>) and authorized keys per user.</summary>
    public static async Task<UserLabServer> StartAsync(IEnumerable<string> passwdLines, IReadOnlyDictionary<string, string> authorizedKeys)
    {
        var unshare = ExternalTool.Require("unshare");
        var sshd = ExternalTool.Require("sshd");
        if (Environment.UserName != "root")
        {
            if (ExternalTool.OnCi)
            {
                Assert.Fail("the user lab needs root");
            }

            Assert.Skip("the user lab needs root");
        }

        var directory = new TempDirectory();
        // sshd reads authorized_keys as the user: the directory and files must be readable by the test users.
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory.Path, readable);
        }

        var passwd = directory.File("passwd");
        await File.WriteAllTextAsync(passwd, await File.ReadAllTextAsync("/etc/passwd") + string.Join('\n', passwdLines) + "\n");
        foreach (var (user, keys) in authorizedKeys)
        {
            await File.WriteAllTextAsync(directory.File(user + ".keys"), keys);
        }

        var port = SshdServer.FreePort();
        var config = directory.File("sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {TestKeys.PrivateKeyPath("ed25519")}
            PidFile {directory.File("sshd.pid")}
            UsePAM no
            StrictModes no
            AuthorizedKeysFile {directory.Path}/%u.keys
            LogLevel VERBOSE

            """);
        var (process, log) = await ServerProcess.StartAsync(unshare, ["-m", "--propagation", "private", "sh", "-c", $"mount --bind '{passwd}' /etc/passwd && exec '{sshd}' -D -e -f '{config}'"]);
        if (process is null)
        {
            directory.Dispose();
            throw new InvalidOperationException("sshd in the user lab did not start:\n" + log);
        }

        return new UserLabServer(process, directory, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _directory.Dispose();
    }
}
