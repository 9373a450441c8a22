using System.Diagnostics;

namespace SshDoctor.IntegrationTests.Ssh.Infrastructure;

/// <summary>Finds and runs the real OpenSSH/dropbear tools; skips locally and fails on CI when one is missing.</summary>
internal static class ExternalTool
{
    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require(string name)
    {
        foreach (var directory in (string[])["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin"])
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        var message = $"{name} is not installed (needed for this real-server test)";
        if (OnCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return name;
    }

    /// <summary>Runs a tool to completion and returns stdout; throws with stderr when it fails.</summary>
    public static string Run(string name, params string[] arguments) => RunWithEnvironment(name, null, arguments);

    public static string RunWithEnvironment(string name, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Require(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException($"{name} did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }

    /// <summary>Runs a tool and returns its exit code and stdout without throwing.</summary>
    public static (int ExitCode, string Stdout) TryRun(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(Require(name)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        process.WaitForExit(30_000);
        return (process.ExitCode, stdout.Result);
    }
}
