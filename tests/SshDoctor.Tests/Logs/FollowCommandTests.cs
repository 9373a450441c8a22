using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// <c>ssh-doctor logs --follow</c> as a user runs it (the built CLI as a child process): events printed as the file
/// grows and after it is rotated, filters applied, and Ctrl-C (SIGINT, sent to this child by its pid) ending it with the
/// exit code of what it saw. Every step waits for the line it expects, with a generous upper bound.
/// </summary>
public sealed class FollowCommandTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly LogsTestSupport.TempDir _dir = new();

    [Fact]
    public async Task Events_appear_as_the_file_grows_and_rotates_and_ctrl_c_ends_with_the_exit_code_of_what_was_seen()
    {
        var path = _dir.File("auth.log");
        File.WriteAllText(path, Line(1, "alice"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "ssh-doctor.dll"), "logs", "--follow", "--events", "--user", "alice", path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var lines = Channel.CreateUnbounded<string>();
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
            {
                lines.Writer.TryWrite(line);
            }

            lines.Writer.Complete();
        }, TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal(1, await NextPort());

            File.AppendAllText(path, Line(2, "bob") + Line(3, "alice"));
            Assert.Equal(3, await NextPort());

            File.AppendAllText(path, Line(4, "alice"));
            File.Move(path, path + ".1");
            File.WriteAllText(path, Line(5, "alice"));
            Assert.Equal(4, await NextPort());
            Assert.Equal(5, await NextPort());

            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
                Assert.Equal(0, interrupt.ExitCode);
            }

            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
            await reading.WaitAsync(Patience, TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode} (1: failures were seen): {await stderr}");
        Assert.Contains($"following {path} (Ctrl-C stops)", await stderr, StringComparison.Ordinal);
        Assert.False(lines.Reader.TryRead(out var extra), "printed after the last event: " + extra);

        async Task<int> NextPort()
        {
            var line = await lines.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Patience, TestContext.Current.CancellationToken);
            using var json = JsonDocument.Parse(line);
            Assert.Equal("alice", json.RootElement.GetProperty("user").GetString());
            return json.RootElement.GetProperty("port").GetInt32();
        }
    }

    private static string Line(int port, string user) => $"Jan  1 00:00:00 h sshd[1]: Failed password for {user} from 192.0.2.1 port {port} ssh2\n";

    public void Dispose() => _dir.Dispose();
}
