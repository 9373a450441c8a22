namespace SshDoctor.Audit.Local;

/// <summary>Everything the client-side checks look at: whose home, as which uid, through which file system and programs.</summary>
public sealed class LocalContext
{
    private ClientConfigFile? _config;
    private IReadOnlyList<LocalKey>? _keys;

    public required IAuditFileSystem Fs { get; init; }

    public required IProgramRunner Programs { get; init; }

    /// <summary>The home directory audited (the passwd home, or --home).</summary>
    public required string Home { get; init; }

    /// <summary>The uid ssh would run as: the owner rules compare against it.</summary>
    public required uint Uid { get; init; }

    public required UserDatabase Users { get; init; }

    /// <summary>Debian/Ubuntu's private-group exception applies (see <see cref="SecurePermissions"/>).</summary>
    public required bool DebianRules { get; init; }

    public required Func<string, string?> Environment { get; init; }

    /// <summary>--root was given: the files are a prepared tree's, so this machine's programs (ssh -G) do not describe them.</summary>
    public bool Rooted { get; init; }

    /// <summary>
    /// <see cref="Home"/> is the home ssh itself would use (the passwd entry of the user running the audit): ssh
    /// resolves <c>~</c> and relative Includes there, so only then does <c>ssh -G</c> read the same files as the audit.
    /// </summary>
    public bool OwnHome { get; init; }

    public DateTimeOffset Now { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>sshd's default MaxAuthTries: the budget the agent's keys are compared with.</summary>
    public int MaxAuthTries { get; init; } = 6;

    public string SshDirectory => Home.TrimEnd('/') + "/.ssh";

    public string UserConfigPath => SshDirectory + "/config";

    public ClientConfigFile Config => _config ??= ClientConfigFile.Load(Fs, UserConfigPath, SshDirectory, Home);

    /// <summary>The private keys in ~/.ssh (found by their content, not by name).</summary>
    public IReadOnlyList<LocalKey> Keys => _keys ??= LocalKey.FindAll(Fs, SshDirectory, UnreadFiles);

    /// <summary>Files in ~/.ssh that exist but could not be read (permission denied, a link loop): whether they are keys is unknown.</summary>
    public List<Files.FileRead> UnreadFiles { get; } = [];
}
