using System.Diagnostics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// One opened input: a file (plain, rotated or gzip, told apart by its first bytes, not its name), standard input, or
/// journald's JSON export. Owns the stream (and the journalctl process) and disposes of them.
/// </summary>
public sealed class LogInput : IDisposable
{
    public const string JournalCommand = "journalctl -u ssh -u sshd -o json --no-pager";

    /// <summary>The usual places, in order, when no file is named and journald gives nothing.</summary>
    public static readonly IReadOnlyList<string> DefaultFiles = ["/var/log/auth.log", "/var/log/secure", "/var/log/messages"];

    private readonly Process? _process;
    private readonly CheckedGzipStream? _gzip;

    private LogInput(Stream stream, InputSummary summary, YearInference years, Process? process = null, CheckedGzipStream? gzip = null)
    {
        Stream = stream;
        Summary = summary;
        Years = years;
        this._process = process;
        this._gzip = gzip;
    }

    public Stream Stream { get; }

    public InputSummary Summary { get; }

    public YearInference Years { get; }

    /// <summary>For a gzip input read to where it is damaged: what is wrong (truncated or corrupt); null otherwise.</summary>
    public string? Damage => _gzip?.Damage;

    /// <summary>
    /// Opens a named file, or standard input for <c>-</c>. Throws IOException/UnauthorizedAccessException when it cannot
    /// be read (gzip data that cannot even begin to be decompressed among them).
    /// </summary>
    public static LogInput Open(string name, Func<Stream>? stdin = null, TimeProvider? clock = null)
    {
        if (name == "-")
        {
            var input = (stdin ?? Console.OpenStandardInput)();
            var (stream, gzip) = Sniff(input);
            return new LogInput(stream, new InputSummary("stdin", gzip is null ? "stdin" : "gzip"), YearInference.Now(clock), gzip: gzip);
        }

        if (Directory.Exists(name))
        {
            throw new IOException($"{name} is a directory; name the log files in it");
        }

        var file = new FileStream(name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        try
        {
            var (sniffed, gzip) = Sniff(file);
            return new LogInput(sniffed, new InputSummary(name, gzip is null ? "file" : "gzip"), YearInference.ForFile(name, clock), gzip: gzip);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// journald when <c>journalctl</c> is installed and returns sshd entries; null when it is missing, fails or has none
    /// (containers, systems logging to files only).
    /// </summary>
    public static LogInput? TryJournal(bool follow, TimeProvider? clock = null)
    {
        var path = FindOnPath("journalctl");
        if (path is null)
        {
            return null;
        }

        // Fixed options only, no operand: nothing from the input reaches journalctl's option parser.
        var start = Audit.ProcessGroups.StartInfo(path, ["-u", "ssh", "-u", "sshd", "-o", "json", "--no-pager"]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        if (follow)
        {
            start.ArgumentList.Add("--follow");
        }

        Process? process = null;
        try
        {
            process = new Process { StartInfo = start };
            Audit.ProcessGroups.Start(process);

            _ = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.BaseStream;
            var first = new byte[64 * 1024];
            var length = stdout.Read(first, 0, first.Length);
            if (length <= 0 || first[0] != (byte)'{')
            {
                Stop(process);
                return null;
            }

            return new LogInput(new PrefixedStream(first, length, stdout), new InputSummary(JournalCommand, "journal"), YearInference.Now(clock), process);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            if (process is not null)
            {
                Stop(process);
            }

            return null;
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (_process is not null)
        {
            Stop(_process);
        }
    }

    private static (Stream Stream, CheckedGzipStream? Gzip) Sniff(Stream input)
    {
        var head = new byte[2];
        var n = 0;
        while (n < 2)
        {
            var read = input.Read(head, n, 2 - n);
            if (read <= 0)
            {
                break;
            }

            n += read;
        }

        var isGzip = n == 2 && head[0] == 0x1f && head[1] == 0x8b;
        Stream whole = input.CanSeek ? Rewind(input) : new PrefixedStream(head, n, input);
        if (!isGzip)
        {
            return (whole, null);
        }

        var decompressed = CheckedGzipStream.Open(whole, out var reader);
        return (decompressed, reader);
    }

    private static Stream Rewind(Stream input)
    {
        input.Seek(0, SeekOrigin.Begin);
        return input;
    }

    private static void Stop(Process process)
    {
        Audit.ProcessGroups.End(process);
        process.Dispose();
    }

    private static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
