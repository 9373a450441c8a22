using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SshDoctor.IntegrationTests.Ssh.Infrastructure;

/// <summary>
/// A real OpenSSH sshd on 127.0.0.1 with a temporary config and host keys, started for one test and killed by its pid.
/// The restriction under test comes first in the config because sshd keeps the first value of a keyword.
/// </summary>
internal sealed class SshdServer : IAsyncDisposable
{
    private static readonly Lazy<bool> PenaltiesSupported = new(SupportsPenalties);
    private readonly ServerProcess _process;
    private readonly TempDirectory _directory;

    private SshdServer(ServerProcess process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string AuthorizedKeysPath(string user) => _directory.File(user + ".keys");

    public string Log => _process.Log;

    public static async Task<SshdServer> StartAsync(IEnumerable<string> restrictions, IReadOnlyDictionary<string, string>? authorizedKeys = null)
    {
        var sshd = ExternalTool.Require("sshd");
        EnsurePrivilegeSeparationDirectory();
        for (var attempt = 0; ; attempt++)
        {
            var directory = new TempDirectory();
            var port = FreePort();
            var config = new StringBuilder();
            foreach (var line in restrictions)
            {
                config.AppendLine(line);
            }

            config.AppendLine(CultureInfo($"Port {port}"));
            config.AppendLine("ListenAddress 127.0.0.1");
            foreach (var kind in (string[])["ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa"])
            {
                config.AppendLine("HostKey " + TestKeys.PrivateKeyPath(kind));
            }

            config.AppendLine("PidFile " + directory.File("sshd.pid"));
            config.AppendLine("UsePAM no");
            config.AppendLine("StrictModes no");
            config.AppendLine("AuthorizedKeysFile " + directory.Path + "/%u.keys");
            config.AppendLine("LogLevel VERBOSE");
            if (PenaltiesSupported.Value)
            {
                // Tests make many failing connections on purpose; OpenSSH >= 9.8 would start refusing them.
                config.AppendLine("PerSourcePenalties no");
            }

            var configPath = directory.File("sshd_config");
            await File.WriteAllTextAsync(configPath, config.ToString());
            foreach (var (user, keys) in authorizedKeys ?? new Dictionary<string, string>())
            {
                await File.WriteAllTextAsync(directory.File(user + ".keys"), keys);
            }

            var (process, log) = await ServerProcess.StartAsync(sshd, ["-D", "-e", "-f", configPath]);
            if (process is not null)
            {
                return new SshdServer(process, directory, port);
            }

            directory.Dispose();
            if (attempt >= 2 || !log.Contains("Address already in use", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("sshd did not start:\n" + log);
            }
        }
    }

    /// <summary>Opens a loopback TCP connection to the server.</summary>
    public async Task<Stream> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, Port);
        return client.GetStream();
    }

    /// <summary>Waits until the log contains a text (the monitor logs shortly after the client sees the result).</summary>
    public Task<bool> WaitForLogAsync(string text, TimeSpan timeout) => _process.WaitForLogAsync(text, timeout);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _directory.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);

    // PerSourcePenalties exists from OpenSSH 9.8; Debian 12's 9.2 would reject the keyword.
    private static bool SupportsPenalties()
    {
        var (code, _) = ExternalTool.TryRun("sshd", "-T", "-f", "/dev/null", "-o", "PerSourcePenalties=no", "-o", "HostKey=" + TestKeys.PrivateKeyPath("ed25519"));
        return code == 0;
    }

    private static void EnsurePrivilegeSeparationDirectory()
    {
        if (!OperatingSystem.IsWindows() && !Directory.Exists("/run/sshd"))
        {
            Directory.CreateDirectory("/run/sshd");
            File.SetUnixFileMode("/run/sshd", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }
}
