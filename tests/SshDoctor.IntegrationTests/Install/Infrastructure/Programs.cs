using System.Diagnostics;

namespace SshDoctor.IntegrationTests.Install.Infrastructure;

/// <summary>What a program printed and how it ended.</summary>
internal sealed record ProgramRun(int Code, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {Code}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs a program as a user would (no terminal), with a deadline; killed by its process tree when it overruns.</summary>
internal static class Programs
{
    public static ProgramRun Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null, string? workingDirectory = null, int timeoutSeconds = 120)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Checkout.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["LC_ALL"] = "C.UTF-8";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within {timeoutSeconds} s");
        }

        return new ProgramRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A bash script, with <paramref name="environment"/> added.</summary>
    public static ProgramRun Bash(string script, IReadOnlyDictionary<string, string?>? environment = null, int timeoutSeconds = 120) =>
        Run("/bin/bash", ["-c", script], environment, timeoutSeconds: timeoutSeconds);

    public static bool Has(string program) => Bash($"command -v {program}").Code == 0;
}
