using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Probing.Connect;
using SshDoctor.Probing.Resolve;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// The connect started before ssh -G has answered is used only when ssh -G resolves to the same place, and a
/// connection that is not used is closed without a byte sent.
/// </summary>
public sealed class EarlyConnectionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_early_connection_is_the_one_probed_when_ssh_G_agrees()
    {
        var accepted = 0;
        await using var server = new FakeTcpServer(async (stream, ct) =>
        {
            Interlocked.Increment(ref accepted);
            await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), ct);
        });
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        Assert.Equal(Diagnosis.DiagnosisIds.BannerNotSsh, ProbeHarness.RootCause(result));
        Assert.Equal(1, Volatile.Read(ref accepted));
    }

    [Fact]
    public async Task A_guess_that_ssh_G_overrides_is_closed_unused_and_the_resolved_port_is_probed()
    {
        var guessed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var wrongPlace = new FakeTcpServer(async (stream, ct) =>
        {
            var buffer = new byte[256];
            var total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
            }

            guessed.TrySetResult(total);
        });
        await using var rightPlace = new FakeTcpServer(async (stream, ct) => await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), ct));
        var target = Targets.Direct("127.0.0.1", rightPlace.Port);
        var guess = target with { Port = wrongPlace.Port };

        DiagnoseResult result;
        using (var early = EarlyConnection.Start(guess, Token))
        {
            Assert.NotNull(early);
            Assert.False(early.Matches(target));
            await early.Result;
            result = await new Prober(target, early: early).RunAsync(Token);
        }

        Assert.Equal(Diagnosis.DiagnosisIds.BannerNotSsh, ProbeHarness.RootCause(result));
        Assert.Contains($"port {rightPlace.Port}", result.Stages.Single(s => s.Stage == Diagnosis.Stage.Tcp).Detail, StringComparison.Ordinal);
        Assert.Equal(0, await guessed.Task.WaitAsync(TimeSpan.FromSeconds(10), Token));
    }

    [Fact]
    public void No_early_connection_is_made_for_jump_hosts_or_a_proxy_command()
    {
        var target = Targets.Direct("db.internal", 22, alias: "db");

        Assert.Null(EarlyConnection.Start(target with { Jumps = [Destination.Parse("bastion")] }, Token));
        Assert.Null(EarlyConnection.Start(target with { ProxyCommand = "nc %h %p" }, Token));
        Assert.Null(EarlyConnection.Start(null, Token));
    }
}
