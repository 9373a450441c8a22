using System.Diagnostics;
using System.Text;

namespace SshDoctor.Tests.TestSupport;

/// <summary>Runs the built CLI as a user does (a child process) and keeps its output as bytes and as text.</summary>
internal static class CliRun
{
    public static CliResult Run(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ssh-doctor.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var copyErr = process.StandardError.BaseStream.CopyToAsync(stderr);
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ssh-doctor {string.Join(' ', arguments)} did not end within 120 s");
        }

        Task.WaitAll(copyOut, copyErr);
        return new CliResult(process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }

    public static CliResult Run(params string[] arguments) => Run(null, arguments);
}

/// <summary>What a run of the CLI printed, as bytes (what the terminal receives) and as text.</summary>
internal sealed record CliResult(int Code, byte[] StdoutBytes, byte[] StderrBytes)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

    public string Stderr => Encoding.UTF8.GetString(StderrBytes);
}
