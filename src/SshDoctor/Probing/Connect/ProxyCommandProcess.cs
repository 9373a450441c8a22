using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SshDoctor.Probing.Resolve;

namespace SshDoctor.Probing.Connect;

/// <summary>
/// The ProxyCommand run as ssh runs it (sshconnect.c:ssh_proxy_connect): <c>$SHELL -c "exec COMMAND"</c> with
/// <c>%h %p %r %n %%</c> expanded; the probe speaks SSH over its stdin and stdout. What it writes on stderr is kept
/// (bounded), because that is where a failing proxy (often <c>ssh -W</c>) says why.
/// </summary>
public sealed class ProxyCommandProcess : IDisposable
{
    private const int MaxStderrChars = 64 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Task _stderrDone;

    private ProxyCommandProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        Stream = new DuplexPipeStream(process.StandardOutput.BaseStream, process.StandardInput.BaseStream);
        _stderrDone = ReadStderrAsync(process.StandardError);
    }

    /// <summary>The command after token expansion, as it was run.</summary>
    public string CommandLine { get; }

    public int ProcessId => _process.Id;

    /// <summary>Reads what the command prints, writes what it reads.</summary>
    public Stream Stream { get; }

    /// <summary>Expands the tokens ProxyCommand accepts (ssh_config(5)): %h host, %p port, %r user, %n the name as typed.</summary>
    public static string Expand(string command, ProbeTarget target)
    {
        var expanded = new StringBuilder(command.Length + 32);
        for (var i = 0; i < command.Length; i++)
        {
            if (command[i] != '%' || i + 1 == command.Length)
            {
                expanded.Append(command[i]);
                continue;
            }

            i++;
            expanded.Append(command[i] switch
            {
                'h' => target.HostName,
                'p' => target.Port.ToString(CultureInfo.InvariantCulture),
                'r' => target.User,
                'n' => target.Alias,
                '%' => "%",
                var other => "%" + other,
            });
        }

        return expanded.ToString();
    }

    /// <summary>
    /// Starts the command; the error text when it cannot be started at all. The host name typed by the user (%n, and
    /// %h unless HostName says otherwise) was checked as ssh checks it (<see cref="CommandLineNames"/>) before anything
    /// could be expanded; the check is repeated here so that no path reaches the shell with a name ssh refuses.
    /// </summary>
    public static (ProxyCommandProcess? Process, string? Error) Start(ProbeTarget target)
    {
        if (!Config.SshNames.IsValidHostname(target.Alias))
        {
            return (null, Config.SshNames.InvalidHostMessage);
        }

        var commandLine = Expand(target.ProxyCommand!, target);
        // In a process group of its own (as every program ssh-doctor starts), so that what it starts (ssh -W, nc)
        // goes with it when the probe ends or ssh-doctor is stopped.
        // No "--" (ssh uses none either): the command string after -c begins with "exec ", so sh cannot take it for an option.
        var start = Audit.ProcessGroups.StartInfo(target.ProxyShell, ["-c", "exec " + commandLine]);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = new Process { StartInfo = start };
        try
        {
            Audit.ProcessGroups.Start(process);
            return (new ProxyCommandProcess(process, commandLine), null);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            return (null, $"{target.ProxyShell}: {e.Message}");
        }
    }

    /// <summary>The exit code and stderr once the command has ended (waits briefly); null while it still runs.</summary>
    public async Task<(int ExitCode, string Stderr)?> EndedAsync(TimeSpan wait)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(wait);
            await _stderrDone.WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            return null;
        }

        lock (_stderr)
        {
            return (_process.ExitCode, _stderr.ToString());
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        Audit.ProcessGroups.End(_process);
        _process.Dispose();
    }

    private async Task ReadStderrAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        try
        {
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                lock (_stderr)
                {
                    _stderr.Append(buffer, 0, Math.Min(read, Math.Max(0, MaxStderrChars - _stderr.Length)));
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed with the process.
        }
    }
}
