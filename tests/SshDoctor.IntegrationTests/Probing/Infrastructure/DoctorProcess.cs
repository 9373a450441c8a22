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
/// Runs the built CLI (<c>dotnet ssh-doctor.dll …</c>) as a child process under a small python3 wrapper that measures
/// the child's wall time and its peak resident memory exactly (<c>getrusage(RUSAGE_CHILDREN).ru_maxrss</c> after it was
/// reaped), so a short burst at the very end is not missed the way sampling /proc would miss it.
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

    /// <summary>Runs <c>ssh-doctor ARGUMENTS</c>; the run is killed (with the child) after <paramref name="hardLimit"/>.</summary>
    public static async Task<DoctorRun> RunAsync(TimeSpan hardLimit, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var python = ExternalTool.Require("python3");
        using var directory = new TempDirectory();
        var measurements = directory.File("rusage");
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-c", Wrapper, measurements, "dotnet", typeof(SshDoctor.Cli.ExitCodes).Assembly.Location, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["HOME"] = directory.Path;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
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
}
