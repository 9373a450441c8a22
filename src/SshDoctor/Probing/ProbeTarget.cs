using SshDoctor.Probing.Resolve;
using SshDoctor.Probing.UserSsh;

namespace SshDoctor.Probing;

/// <summary>The destination as the user's OpenSSH would resolve it: where to connect, as whom, with which keys and lists.</summary>
public sealed record ProbeTarget
{
    /// <summary>The host as typed (the name Host blocks match).</summary>
    public required string Alias { get; init; }

    /// <summary>The name or address connected to.</summary>
    public required string HostName { get; init; }

    public required int Port { get; init; }

    public required string User { get; init; }

    /// <summary>Who and where, as every probe observation names it.</summary>
    public Diagnosis.Observations.ProbeSubject Subject => new(Alias, HostName, Port, User);

    /// <summary>IdentityFile paths, expanded, in ssh's order.</summary>
    public IReadOnlyList<string> IdentityFiles { get; init; } = [];

    /// <summary>CertificateFile paths, expanded: offered first; when set, ssh no longer looks for <c>IdentityFile-cert.pub</c>.</summary>
    public IReadOnlyList<string> CertificateFiles { get; init; } = [];

    public bool IdentitiesOnly { get; init; }

    /// <summary>Agent socket path, or null for no agent.</summary>
    public string? AgentSocket { get; init; }

    public IReadOnlyList<Destination> Jumps { get; init; } = [];

    /// <summary>Each jump host resolved as ssh resolves it (its own config; no further jumps), in chain order.</summary>
    public IReadOnlyList<ProbeTarget> JumpTargets { get; init; } = [];

    /// <summary>The ProxyCommand ssh would run instead of connecting itself (null for none).</summary>
    public string? ProxyCommand { get; init; }

    /// <summary>The shell ssh runs the ProxyCommand with ($SHELL, else /bin/sh).</summary>
    public string ProxyShell { get; init; } = "/bin/sh";

    /// <summary>Every known_hosts file ssh consults: user files, then global files.</summary>
    public IReadOnlyList<string> KnownHostsFiles { get; init; } = [];

    /// <summary>The global ones among <see cref="KnownHostsFiles"/> (GlobalKnownHostsFile): ssh reads them, never writes them.</summary>
    public IReadOnlyList<string> GlobalKnownHostsFiles { get; init; } = [];

    /// <summary>The name looked up in known_hosts (HostKeyAlias, else HostName).</summary>
    public required string KnownHostsName { get; init; }

    /// <summary>CASignatureAlgorithms (from ssh -G or the config), or null for OpenSSH's default.</summary>
    public IReadOnlyList<string>? CaSignatureAlgorithms { get; init; }

    /// <summary>yes, ask, accept-new, no/off.</summary>
    public string StrictHostKeyChecking { get; init; } = "ask";

    public bool BatchMode { get; init; }

    /// <summary>HashKnownHosts: a host key that <c>ssh-doctor fix</c> adds is written hashed, as ssh would write it.</summary>
    public bool HashKnownHosts { get; init; }

    public bool PubkeyAuthentication { get; init; } = true;

    /// <summary>PreferredAuthentications when configured (ssh only tries these methods), else null (ssh's default order).</summary>
    public IReadOnlyList<string>? PreferredAuthentications { get; init; }

    /// <summary>The signature algorithms ssh may use for user keys, as <c>ssh -G</c> computed them; null when not known.</summary>
    public IReadOnlyList<string>? PubkeyAcceptedAlgorithms { get; init; }

    /// <summary>inet, inet6 or any.</summary>
    public string AddressFamily { get; init; } = "any";

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public required UserClientAlgorithms ClientAlgorithms { get; init; }

    public ClientVersion? ClientVersion { get; init; }

    /// <summary>How the configuration was resolved (<c>ssh -G</c> or the built-in parser).</summary>
    public required string ConfigSource { get; init; }

    /// <summary>The equivalent ssh arguments (for --with-ssh).</summary>
    public IReadOnlyList<string> SshArguments { get; init; } = [];

    /// <summary>What the config stage found wrong (e.g. a bad option reported by ssh -G).</summary>
    public IReadOnlyList<Diagnosis.Diagnosis> ConfigDiagnoses { get; init; } = [];

    /// <summary>What ssh printed when it refused the configuration.</summary>
    public string? ConfigError { get; init; }

    /// <summary>True when ssh refuses this configuration outright; nothing further is probed.</summary>
    public bool ConfigFatal { get; init; }
}
