using System.Diagnostics;
using System.Text;

namespace SshDoctor.Probing.UserSsh;

/// <summary>The user's own <c>ssh</c> program, run with a deadline and bounded output; absent when not installed.</summary>
public sealed class SshExecutable
{
    private const int MaxOutputChars = 4 * 1024 * 1024;

    public SshExecutable(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Finds <c>ssh</c> on PATH; null when there is none.</summary>
    public static SshExecutable? Find(Func<string, string?> environment)
    {
        foreach (var directory in (environment("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, "ssh");
            if (File.Exists(candidate))
            {
                return new SshExecutable(candidate);
            }
        }

        return null;
    }

    public async Task<ProcessResult> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // In a process group of its own, killed with everything it started when it ends, times out or ssh-doctor is stopped.
        var start = Audit.ProcessGroups.StartInfo(Path, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using var process = new Process { StartInfo = start };
        try
        {
            Audit.ProcessGroups.Start(process);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ProcessResult(-1, "", e.Message);
        }

        try
        {
            process.StandardInput.Close();
            var stdout = ReadBoundedAsync(process.StandardOutput);
            var stderr = ReadBoundedAsync(process.StandardError);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Audit.ProcessGroups.End(process);
                cancellationToken.ThrowIfCancellationRequested();
                return new ProcessResult(-1, await stdout, await stderr + $"\n(ssh did not finish within {timeout.TotalSeconds:0} s)");
            }

            Audit.ProcessGroups.End(process);
            return new ProcessResult(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Audit.ProcessGroups.End(process);
        }
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (text.Length < MaxOutputChars)
            {
                text.Append(buffer, 0, Math.Min(read, MaxOutputChars - text.Length));
            }
        }

        return text.ToString();
    }
}
