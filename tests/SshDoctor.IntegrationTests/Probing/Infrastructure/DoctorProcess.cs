using System.Diagnostics;
using System.Globalization;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>What one run of the ssh-doctor CLI as a child process did, with its wall time and peak memory.</summary>
internal sealed record DoctorRun(int ExitCode, string Stdout, string Stderr, TimeSpan Wall, long MaxRssKilobytes)
{
    /// <summary>The wall time of a reference run made just before (see <see cref="HostileCase"/>), when one was made.</summary>
    public TimeSpan? Reference { get; init; }
}

/// <summary>
/// The CLI as a user runs it (<c>dotnet ssh-doctor.dll …</c>) as a child process, NO_COLOR set, standard input closed.
/// The measured form runs it under a small python3 wrapper that measures the child's wall time and its peak resident
/// memory exactly (<c>getrusage(RUSAGE_CHILDREN).ru_maxrss</c> after it was reaped), so a short burst at the very end
/// is not missed the way sampling /proc would miss it.
/// </summary>
internal static class DoctorProcess
{
    private const string Wrapper = """
        import resource, subprocess, sys, time
        started = time.monotonic()
        code = subprocess.call(sys.argv[2:])
        wall = time.monotonic() - started
        with open(sys.argv[1], "w") as out:
            out.write("%f %d\n" % (wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
        sys.exit(code if code >= 0 else 128 - code)
        """;

    /// <summary>Runs <c>ssh-doctor ARGUMENTS</c> measured, with HOME a fresh directory; killed (with the child) after <paramref name="hardLimit"/>.</summary>
    public static async Task<DoctorRun> RunAsync(TimeSpan hardLimit, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var python = ExternalTool.Require("python3");
        using var directory = new TempDirectory();
        var measurements = directory.File("rusage");
        var variables = new Dictionary<string, string?> { ["HOME"] = directory.Path };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        using var process = Process.Start(StartInfo(python, ["-c", Wrapper, measurements, Dotnet(), CliPath, .. arguments], variables))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(hardLimit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"ssh-doctor {string.Join(' ', arguments)} was still running after {hardLimit.TotalSeconds} s\n{await stdout}\n{await stderr}");
        }

        var fields = (await File.ReadAllTextAsync(measurements)).Split(' ', StringSplitOptions.TrimEntries);
        return new DoctorRun(process.ExitCode, await stdout, await stderr,
            TimeSpan.FromSeconds(double.Parse(fields[0], CultureInfo.InvariantCulture)),
            long.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Runs <c>ssh-doctor ARGUMENTS</c>.</summary>
    /// <param name="environment">Variables to set (a null value removes one).</param>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = Process.Start(StartInfo(Dotnet(), [CliPath, .. arguments], environment ?? new Dictionary<string, string?>()))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// A command line the CLI printed (<c>ssh-doctor undo --home DIR RECORD</c>), run by bash exactly as a user pastes it,
    /// with <c>ssh-doctor</c> being this build.
    /// </summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunPrintedAsync(string commandLine, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["SSH_DOCTOR_TEST_DOTNET"] = Dotnet(), ["SSH_DOCTOR_TEST_CLI"] = CliPath };
        var script = "ssh-doctor() { \"$SSH_DOCTOR_TEST_DOTNET\" \"$SSH_DOCTOR_TEST_CLI\" \"$@\"; }\n" + commandLine;
        using var process = Process.Start(StartInfo("bash", ["-c", script], variables))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string CliPath => typeof(SshDoctor.Cli.ExitCodes).Assembly.Location;

    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    /// <summary>dotnet's full path, so that a test may hand the CLI a PATH without it.</summary>
    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";
}
