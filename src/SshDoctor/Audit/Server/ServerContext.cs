namespace SshDoctor.Audit.Server;

/// <summary>What check-server looks at: the server's files (below --root), its programs, and the users/address asked about.</summary>
public sealed class ServerContext
{
    private SshdConfigFile? _parsed;
    private UserDatabase? _users;
    private EffectiveSshdConfig? _global;
    private readonly Dictionary<string, EffectiveSshdConfig> _perUser = new(StringComparer.Ordinal);
    private ISecurityLabels? _labels;

    public required IAuditFileSystem Fs { get; init; }

    public required IProgramRunner Programs { get; init; }

    public string ConfigPath { get; init; } = "/etc/ssh/sshd_config";

    public IReadOnlyList<string> UserNames { get; init; } = [];

    public string? ClientIp { get; init; }

    /// <summary>Running as root: sshd -T and the firewall tools need it.</summary>
    public bool IsRoot { get; init; }

    /// <summary>
    /// --root was given: this machine's programs and live state (sshd -T, the firewall, fail2ban, systemd, the
    /// journal) do not describe the prepared tree, so they are not consulted; the tree's own files are.
    /// </summary>
    public bool Rooted { get; init; }

    /// <summary>sshd -T and sshd -t may run: as root, on this machine's own files, and only on a configuration read whole (<see cref="SshdConfigFile.Sane"/>).</summary>
    public bool MayRunSshd => IsRoot && !Rooted && Parsed.Sane && Programs.Find("sshd") is not null;

    public required bool DebianRules { get; init; }

    /// <summary>fail2ban's socket (fail2ban-client -s), when not the default.</summary>
    public string? Fail2banSocket { get; init; }

    /// <summary>Summarises the recent sshd log once its place is known (check-server: <see cref="Log.BulkSshdLogSummarizer"/>); null: only say where it is.</summary>
    public ISshdLogSummarizer? LogSummarizer { get; init; }

    /// <summary>SELinux contexts of files (default: getfattr through <see cref="Programs"/>, below --root).</summary>
    public ISecurityLabels Labels
    {
        get => _labels ??= new GetfattrSecurityLabels(Programs, Fs);
        init => _labels = value;
    }

    public SshdConfigFile Parsed => _parsed ??= SshdConfigFile.Load(Fs, ConfigPath);

    public UserDatabase Users => _users ??= UserDatabase.Load(Fs);

    /// <summary>The --user accounts that exist in /etc/passwd, in the order given (the missing ones are the account check's to report).</summary>
    public IEnumerable<PasswdEntry> ExistingUsers => UserNames.Select(Users.User).OfType<PasswdEntry>();

    /// <summary>Set by the sshd-config check: what sshd -T said, for the checks that follow.</summary>
    public string? SshdTError { get; set; }

    public EffectiveSshdConfig Global => _global ??= Effective(null);

    /// <summary>The configuration that applies to <paramref name="user"/> connecting from --client-ip (Match blocks applied).</summary>
    public EffectiveSshdConfig For(string user)
    {
        if (!_perUser.TryGetValue(user, out var config))
        {
            config = Effective(user);
            _perUser[user] = config;
        }

        return config;
    }

    private EffectiveSshdConfig Effective(string? user)
    {
        var entry = user is null ? null : Users.User(user);
        if (MayRunSshd && Fs.Stat(ConfigPath).Exists)
        {
            var arguments = new List<string> { "-T", "-f", Fs.Map(ConfigPath) };
            if (user is not null || ClientIp is not null)
            {
                var addr = ClientIp ?? "127.0.0.1";
                arguments.AddRange(["-C", $"user={user ?? "root"},host={addr},addr={addr}"]);
            }

            // Options and their arguments only: getopt takes an option's argument as it is, even one starting with '-'.
            var result = Programs.Run("sshd", arguments);
            if (result.Succeeded)
            {
                return EffectiveSshdConfig.FromSshdT(result.Stdout, Parsed);
            }

            SshdTError ??= (result.Stderr + result.Stdout).Trim();
        }

        var groups = entry is null ? [] : Users.GroupsOf(entry);
        return EffectiveSshdConfig.FromFiles(Parsed, entry, groups, ClientIp);
    }
}
