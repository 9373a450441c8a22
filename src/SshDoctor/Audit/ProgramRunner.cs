using System.Diagnostics;
using System.Text;

namespace SshDoctor.Audit;

/// <summary>
/// Runs programs for real: 10 s deadline by default, at most 1 MiB of each output kept, stdin closed, in a process group
/// of their own that is killed when they end, time out, or ssh-doctor is stopped (<see cref="ProcessGroups"/>).
/// </summary>
public sealed class ProgramRunner(IReadOnlyDictionary<string, string>? environment = null) : IProgramRunner
{
    private const int MaxOutput = 1 << 20;
    private static readonly string[] ExtraDirectories = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin", "/bin"];

    public string? Find(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public ProgramResult Run(string program, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var path = Find(program);
        if (path is null)
        {
            return ProgramResult.Missing;
        }

        var info = ProcessGroups.StartInfo(path, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;

        info.Environment["LC_ALL"] = "C";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = new Process { StartInfo = info };
        try
        {
            ProcessGroups.Start(process);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ProgramResult.Missing;
        }
        catch (InvalidOperationException e)
        {
            return new ProgramResult(null, string.Empty, e.Message, false, false);
        }

        bool finished;
        Task<string> stdout, stderr;
        try
        {
            process.StandardInput.Close();
            stdout = ReadBounded(process.StandardOutput);
            stderr = ReadBounded(process.StandardError);
            finished = process.WaitForExit(timeout ?? TimeSpan.FromSeconds(10));
        }
        finally
        {
            // Past its deadline, or ended: what is left of its group (background children holding the pipes) goes too.
            ProcessGroups.End(process);
        }

        if (!finished)
        {
            process.WaitForExit(1000);
        }

        return new ProgramResult(finished ? process.ExitCode : null, Result(stdout), Result(stderr), !finished, false);
    }

    private static Task<string> ReadBounded(StreamReader reader) => Task.Run(() =>
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            // Keep reading past the bound (so the program is not blocked on a full pipe), but keep nothing more.
            if (text.Length < MaxOutput)
            {
                text.Append(buffer, 0, Math.Min(n, MaxOutput - text.Length));
            }
        }

        return text.ToString();
    });

    private static string Result(Task<string> read) => read.Wait(2000) ? read.Result : string.Empty;
}
