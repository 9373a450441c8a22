using System.Diagnostics;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Scan.Infrastructure;

/// <summary>
/// A real PostgreSQL (Debian's <c>postgresql</c> package) for one test: a fresh cluster in a temporary data directory,
/// run as the package's <c>postgres</c> user (it refuses root) on 127.0.0.1:5432 inside the test's network namespace,
/// so no port of the machine is taken. TCP logins need a password (SCRAM); the local socket is trusted for the test's
/// own queries. Stopped by its pid on dispose. Skipped locally without the package or root; fails under CI=true.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    public const string User = "doctor";
    public const int Port = 5432;

    private readonly NetworkNamespace _ns;
    private readonly Process _server;
    private readonly string _bin;
    private readonly string _socket;

    private PostgresServer(NetworkNamespace ns, Process server, string bin, string socket, string password)
    {
        _ns = ns;
        _server = server;
        _bin = bin;
        _socket = socket;
        Password = password;
    }

    public string Password { get; }

    /// <summary>The URL of a database, with or without the password in it.</summary>
    public string Url(string database, bool withPassword = true) => $"postgresql://{User}{(withPassword ? ":" + Uri.EscapeDataString(Password) : "")}@127.0.0.1:{Port}/{database}";

    public static async Task<PostgresServer> StartAsync(NetworkNamespace ns, string parent, CancellationToken cancellationToken)
    {
        var bin = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null || ExternalTool.TryRun("id", "-u", "postgres").ExitCode != 0)
        {
            const string message = "PostgreSQL is not installed (Debian: apt-get install postgresql): needed for the shared scan history test";
            if (ExternalTool.OnCi)
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        // The server runs as postgres: it must reach its directories through the test's private temporary one.
        ExternalTool.Run("chmod", "711", parent);
        var root = System.IO.Directory.CreateDirectory(Path.Combine(parent, "postgres")).FullName;
        var data = Path.Combine(root, "data");
        var socket = Path.Combine(root, "socket");
        System.IO.Directory.CreateDirectory(socket);
        var password = "pw-" + Guid.NewGuid().ToString("N")[..12];
        var passwordFile = Path.Combine(root, "password");
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
        ExternalTool.Run("chown", "-R", "postgres:postgres", root);

        string[] asPostgres = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"];
        ExternalTool.Run("ip", ["netns", "exec", ns.Name, .. asPostgres, Path.Combine(bin, "initdb"), "-D", data, "-U", User, "--pwfile", passwordFile,
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var server = ns.Start([.. asPostgres, Path.Combine(bin!, "postgres"), "-D", data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", socket,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=50", "-c", "log_min_messages=fatal", "-c", "log_min_error_statement=panic"]);
        var postgres = new PostgresServer(ns, server, bin, socket, password);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ExternalTool.TryRun("ip", "netns", "exec", ns.Name, Path.Combine(bin, "pg_isready"), "-q", "-h", "127.0.0.1", "-p", "5432").ExitCode != 0)
        {
            if (server.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"PostgreSQL did not start: {(server.HasExited ? await server.StandardError.ReadToEndAsync(cancellationToken) : "not ready in 60 s")}");
            }

            await Task.Delay(200, cancellationToken);
        }

        return postgres;
    }

    public void CreateDatabase(string name) => Query("postgres", $"CREATE DATABASE {name}");

    /// <summary>Runs SQL over the trusted local socket; rows as psql's unaligned output, one per line.</summary>
    public string Query(string database, string sql) =>
        ExternalTool.Run("ip", "netns", "exec", _ns.Name, Path.Combine(_bin, "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", _socket, "-p", "5432", "-U", User, "-d", database, "-c", sql);

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            // A fast shutdown (SIGINT) by pid, then the whole tree if it lingers.
            ExternalTool.TryRun("kill", "-INT", _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                await _server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                _server.Kill(entireProcessTree: true);
            }
        }
    }
}
