using System.Diagnostics;

namespace SshDoctor.IntegrationTests.Audit;

/// <summary>Runs bash scripts for the real-program oracles; a test that needs root or a tool skips locally and fails under CI=true.</summary>
internal static class Shell
{
    public static (int Code, string Stdout, string Stderr) Run(string script, int timeoutMs = 60_000)
    {
        var info = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("script timed out: " + script[..Math.Min(200, script.Length)]);
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static void Require(bool condition, string reason)
    {
        if (condition)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail("required for this test under CI: " + reason);
        }

        Assert.Skip(reason);
    }

    public static bool IsRoot => SshDoctor.Audit.NativeUnix.GetUid() == 0;

    public static bool Has(string program) => Run($"command -v {program}").Code == 0;

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sshdoc-audit-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        Run($"chmod 755 {dir}");
        return dir;
    }
}
