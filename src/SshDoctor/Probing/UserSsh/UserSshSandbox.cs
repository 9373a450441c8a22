using System.Globalization;
using System.Text;
using SshDoctor.Audit;
using SshDoctor.Diagnosis.Knowledge;

namespace SshDoctor.Probing.UserSsh;

/// <summary>
/// What the user's ssh may touch when <c>--with-ssh</c> runs it without <c>--login</c>: copies of the known_hosts files
/// in a private temporary directory (so nothing can be added to the real ones), and a configuration file that sets the
/// doctor's safety options first (ssh keeps the first value) and then includes the user's own configuration. The file
/// is given with -F, which ssh also hands to the ssh it starts for each ProxyJump hop, so the hops get the same
/// options. Deleted on dispose.
/// </summary>
public sealed class UserSshSandbox : IDisposable
{
    private const long MaxCopiedBytes = 64L << 20;
    private const string SystemConfig = "/etc/ssh/ssh_config";

    private readonly string _directory;
    private readonly List<(string Copy, string Original)> _copies = [];

    private UserSshSandbox(string directory)
    {
        _directory = directory;
    }

    /// <summary>The configuration file to pass with -F.</summary>
    public string ConfigFile => Path.Combine(_directory, "ssh_config");

    /// <summary>The copies standing for the user's known_hosts files, in order.</summary>
    public IReadOnlyList<string> UserKnownHostsFiles { get; private set; } = [];

    /// <summary>The copies standing for the global known_hosts files, in order.</summary>
    public IReadOnlyList<string> GlobalKnownHostsFiles { get; private set; } = [];

    /// <summary>
    /// The options that keep ssh from changing anything or authenticating, in -o form (also written at the top of
    /// <see cref="ConfigFile"/>). ssh always tries the "none" method first; PreferredAuthentications none lets it try
    /// nothing else, so no key is offered, no signature is made and no password asked for. Should a server accept
    /// "none", -N opens no session and ServerAliveCountMax 0 ends ssh at the first idle second after that.
    /// </summary>
    public IReadOnlyList<(string Keyword, string Value)> SafetyOptions() =>
    [
        ("BatchMode", "yes"),
        ("StrictHostKeyChecking", "yes"),
        ("UserKnownHostsFile", string.Join(' ', UserKnownHostsFiles)),
        ("GlobalKnownHostsFile", GlobalKnownHostsFiles.Count == 0 ? "/dev/null" : string.Join(' ', GlobalKnownHostsFiles)),
        ("UpdateHostKeys", "no"),
        ("PreferredAuthentications", "none"),
        ("ForwardAgent", "no"),
        ("ForwardX11", "no"),
        ("ClearAllForwardings", "yes"),
        ("ControlMaster", "no"),
        ("ControlPath", "none"),
        ("PermitLocalCommand", "no"),
        ("ServerAliveInterval", "1"),
        ("ServerAliveCountMax", "0"),
    ];

    /// <summary>
    /// Makes the directory, the copies and the configuration file. <paramref name="userConfig"/> is the -F file the
    /// user gave (null: ssh's own files, ~/.ssh/config then /etc/ssh/ssh_config). Null when a path cannot be written
    /// into an ssh_config line or a shell command (then the caller does not run ssh at all).
    /// </summary>
    public static UserSshSandbox? Create(ProbeTarget target, string home, string? userConfig)
    {
        var includes = userConfig is null ? [Path.Combine(home, ".ssh", "config"), SystemConfig]
            : userConfig.Equals("none", StringComparison.OrdinalIgnoreCase) ? [] : new[] { Path.GetFullPath(userConfig) };
        if (OperatingSystem.IsWindows() || includes.Any(p => p.Any(c => c is '"' or '\\' || char.IsControl(c))))
        {
            return null;
        }

        // ssh hands the -F path unquoted to the shell that runs a ProxyJump hop's ssh: the directory must need no quoting.
        var parent = ShellQuote.NeedsNoQuoting(Path.GetTempPath()) ? Path.GetTempPath() : "/tmp";
        var directory = Path.Combine(parent, "ssh-doctor-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var sandbox = new UserSshSandbox(directory);
        try
        {
            var global = target.GlobalKnownHostsFiles.ToHashSet(StringComparer.Ordinal);
            var userFiles = target.KnownHostsFiles.Where(f => !global.Contains(f)).ToList();
            sandbox.UserKnownHostsFiles = userFiles.Count == 0 ? [sandbox.Copy(null, "known_hosts")] : userFiles.Select((f, i) => sandbox.Copy(f, "known_hosts." + Number(i))).ToList();
            sandbox.GlobalKnownHostsFiles = target.GlobalKnownHostsFiles.Select((f, i) => sandbox.Copy(f, "global_known_hosts." + Number(i))).ToList();
            var config = new StringBuilder("# ssh-doctor --with-ssh without --login: nothing may change and nothing may authenticate.\n");
            foreach (var (keyword, value) in sandbox.SafetyOptions())
            {
                config.Append(keyword).Append(' ').Append(value).Append('\n');
            }

            foreach (var include in includes)
            {
                config.Append("Include \"").Append(include).Append("\"\n");
            }

            File.WriteAllText(sandbox.ConfigFile, config.ToString());
            return sandbox;
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>ssh's output with every copy's path replaced by the original's, so that evidence and fixes name the real file.</summary>
    public string RestorePaths(string text)
    {
        foreach (var (copy, original) in _copies.OrderByDescending(c => c.Copy.Length))
        {
            text = text.Replace(copy, original, StringComparison.Ordinal);
        }

        return text;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover in the temporary directory is harmless; the real files were never opened for writing.
        }
    }

    private static string Number(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>A copy of a regular file of bounded size; an empty file for anything else (missing, FIFO, device, huge).</summary>
    private string Copy(string? original, string name)
    {
        var copy = Path.Combine(_directory, name);
        var status = original is null ? null : NativeUnix.Stat(original, followLinks: true);
        if (original is not null && status is { IsRegular: true } && status.Size <= MaxCopiedBytes)
        {
            try
            {
                File.Copy(original, copy);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                File.WriteAllText(copy, string.Empty);
            }
        }
        else
        {
            File.WriteAllText(copy, string.Empty);
        }

        if (original is not null)
        {
            _copies.Add((copy, original));
        }

        return copy;
    }
}
