using System.Diagnostics;
using System.Text;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// sshd in a private mount namespace whose /etc/passwd is bind-mounted from a copy with test users (DESIGN.md "The test
/// lab"): users that exist nowhere else, with a missing home or a nologin shell. Needs root and unshare.
/// </summary>
internal sealed class UserLabServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly StringBuilder _log = new();

    private UserLabServer(Process process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

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
        var start = new ProcessStartInfo(unshare) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-m", "--propagation", "private", "sh", "-c", $"mount --bind '{passwd}' /etc/passwd && exec '{sshd}' -D -e -f '{config}'"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var server = new UserLabServer(process, directory, port);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetResult();
                return;
            }

            lock (server._log)
            {
                server._log.AppendLine(e.Data);
            }

            if (e.Data.Contains("Server listening", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        await Task.WhenAny(listening.Task, Task.Delay(5000));
        if (process.HasExited || !server.Log.Contains("Server listening", StringComparison.Ordinal))
        {
            var log = server.Log;
            await server.DisposeAsync();
            throw new InvalidOperationException("sshd in the user lab did not start:\n" + log);
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Dispose();
    }
}
