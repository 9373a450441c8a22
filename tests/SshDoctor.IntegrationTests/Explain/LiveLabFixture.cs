using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SshDoctor.IntegrationTests.Explain;

/// <summary>
/// Runs every scenario of tests/lab/lab.sh live (real sshd, ssh and Dropbear in namespaces the lab creates and deletes),
/// a few at a time, into a temporary directory, once for the <see cref="LiveLabCollection"/>. Each scenario also runs this
/// build's <c>ssh-doctor diagnose</c> with the client's own arguments in the client's namespace (LAB_DIAGNOSE), so explain
/// and diagnose are tested in the same pass, and the printed fix commands of <see cref="Fixes.PrintedCommandTable"/> are run.
/// </summary>
public sealed class LiveLabFixture : IAsyncLifetime
{
    private const int Parallel = 4;

    public string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", ".."));

    public string OutputRoot { get; } = Path.Combine(Path.GetTempPath(), $"ssh-doctor-live-lab-{Environment.ProcessId}");

    /// <summary>Why the lab could not run (not root, no sshd...), or null when it ran.</summary>
    public string? Unavailable { get; private set; }

    public ConcurrentDictionary<string, (int ExitCode, string Output)> Runs { get; } = new(StringComparer.Ordinal);

    public string LabScript => Path.Combine(RepositoryRoot, "tests", "lab", "lab.sh");

    /// <summary>The ssh-doctor CLI of this build (a .dll the lab runs with dotnet).</summary>
    public static string DiagnoseProgram => typeof(SshDoctor.Cli.ExitCodes).Assembly.Location;

    public async ValueTask InitializeAsync()
    {
        var list = await RunAsync(["list"], TimeSpan.FromSeconds(30));
        if (list.ExitCode != 0)
        {
            Unavailable = $"lab.sh list failed: {list.Output}";
            return;
        }

        var scenarios = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Directory.CreateDirectory(OutputRoot);
        using var gate = new SemaphoreSlim(Parallel);
        await Task.WhenAll(scenarios.Select(async scenario =>
        {
            await gate.WaitAsync();
            try
            {
                var run = await RunAsync(["run", scenario, Path.Combine(OutputRoot, scenario)], TimeSpan.FromMinutes(3));
                Runs[scenario] = run;
            }
            finally
            {
                gate.Release();
            }
        }));

        if (Runs.Values.All(r => r.ExitCode == 77))
        {
            Unavailable = "the lab skipped every scenario (needs root, ip netns, sshd): " + Runs.Values.First().Output.Trim();
        }
    }

    /// <summary>The scenario's live run, which must have reproduced it; a lab that could not run fails under CI and skips elsewhere.</summary>
    public (int ExitCode, string Output) RequireRun(string scenario)
    {
        if (Unavailable is { } why)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail("the live lab must run under CI: " + why);
            }

            Assert.Skip(why);
        }

        Assert.True(Runs.TryGetValue(scenario, out var run), $"{scenario} was not run");
        Assert.True(run.ExitCode == 0, $"{scenario}: lab.sh run exited {run.ExitCode}: {run.Output}");
        return run;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(OutputRoot, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LAB_DIAGNOSE"] = DiagnoseProgram;
        start.Environment["LAB_FIX_COMMANDS"] = Fixes.PrintedCommandTable.LabJson();
        start.ArgumentList.Add(LabScript);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Only the lab process we started; its trap tears down what it built.
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
            return (124, $"timed out after {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
