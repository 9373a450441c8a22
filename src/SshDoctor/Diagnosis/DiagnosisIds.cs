namespace SshDoctor.Diagnosis;

/// <summary>
/// Every public diagnosis id (../shared/DIAGNOSES.md). Ids are part of the public interface: never rename one.
/// </summary>
public static class DiagnosisIds
{
    public const string ConfigBadOption = "config.bad-option";
    public const string ConfigBadPermissions = "config.bad-permissions";
    public const string ConfigIncludeLoop = "config.include-loop";
    public const string ConfigInvalidName = "config.invalid-name";
    public const string ConfigBadValue = "config.bad-value";
    public const string KeyNotFound = "key.not-found";
    public const string DnsUnresolved = "dns.unresolved";
    public const string DnsChanged = "dns.changed";
    public const string TcpRefused = "tcp.refused";
    public const string TcpTimeout = "tcp.timeout";
    public const string TcpUnreachable = "tcp.unreachable";
    public const string TcpResetBeforeBanner = "tcp.reset-before-banner";
    public const string BannerNotSsh = "banner.not-ssh";
    public const string BannerTimeout = "banner.timeout";
    public const string KexNoCommonKex = "kex.no-common-kex";
    public const string KexNoCommonHostKey = "kex.no-common-hostkey";
    public const string KexNoCommonCipher = "kex.no-common-cipher";
    public const string KexNoCommonMac = "kex.no-common-mac";
    public const string KexInterrupted = "kex.interrupted";
    public const string KexProtocolError = "kex.protocol-error";
    public const string HostKeyChanged = "hostkey.changed";
    public const string HostKeyUnknown = "hostkey.unknown";
    public const string HostKeyRevoked = "hostkey.revoked";
    public const string HostKeyTypeMismatch = "hostkey.type-mismatch";
    public const string AuthPublicKeyNotAuthorized = "auth.publickey.not-authorized";
    public const string AuthPublicKeyServerModes = "auth.publickey.server-modes";
    public const string AuthPublicKeySelinux = "auth.publickey.selinux";
    public const string AuthPublicKeyKeysCommandMissing = "auth.publickey.keys-command-missing";
    public const string AuthPublicKeyDisabled = "auth.publickey.disabled";
    public const string AuthHostbasedNotAuthorized = "auth.hostbased.not-authorized";
    public const string AuthWrongUser = "auth.wrong-user";
    public const string AuthNotAllowed = "auth.not-allowed";
    public const string AuthRootRefused = "auth.root.refused";
    public const string AuthPasswordWrong = "auth.password.wrong";
    public const string AuthPasswordDisabled = "auth.password.disabled";
    public const string AuthNoSupportedMethods = "auth.no-supported-methods";
    public const string AuthTooManyFailures = "auth.too-many-failures";
    public const string KeyPermissionsTooOpen = "key.permissions-too-open";
    public const string KeyAgentSignFailed = "key.agent-sign-failed";
    public const string KeySignatureAlgorithm = "key.signature-algorithm";
    public const string KeyWeak = "key.weak";
    public const string KeyMismatch = "key.mismatch";
    public const string KeyAgentUnusable = "key.agent-unusable";
    public const string KeyAgentNotRunning = "key.agent-not-running";
    public const string KeyInvalidFormat = "key.invalid-format";
    public const string KeyWrongPassphrase = "key.wrong-passphrase";
    public const string SessionNoHome = "session.no-home";
    public const string SessionShellDisabled = "session.shell-disabled";
    public const string SessionBrokenPipe = "session.broken-pipe";
    public const string SessionChannelRefused = "session.channel-refused";
    public const string SessionTimeout = "session.timeout";
    public const string JumpHopFailed = "jump.hop-failed";
    public const string ServerSshdNotRunning = "server.sshd-not-running";
    public const string ServerPortMismatch = "server.port-mismatch";
    public const string ServerFirewallBlocks = "server.firewall-blocks";
    public const string ServerBanned = "server.banned";
    public const string ServerHostsDeny = "server.hosts-deny";
    public const string ServerConfigInvalid = "server.config-invalid";
    public const string ServerAuthLogMissing = "server.auth-log-missing";
    public const string HintCloudUsername = "hint.cloud-username";
    public const string HintCloudFirewall = "hint.cloud-firewall";
    public const string HintGitHosting = "hint.git-hosting";
    public const string LogFailureNotUnderstood = "log.failure-not-understood";
    public const string Ok = "ok";

    /// <summary>The stage each id belongs to; also the list of every id, in catalogue order.</summary>
    public static IReadOnlyList<(string Id, Stage Stage)> All { get; } =
    [
        (ConfigBadOption, Stage.Config),
        (ConfigBadPermissions, Stage.Config),
        (ConfigIncludeLoop, Stage.Config),
        (ConfigInvalidName, Stage.Config),
        (ConfigBadValue, Stage.Config),
        (KeyNotFound, Stage.Config),
        (DnsUnresolved, Stage.Dns),
        (DnsChanged, Stage.Dns),
        (TcpRefused, Stage.Tcp),
        (TcpTimeout, Stage.Tcp),
        (TcpUnreachable, Stage.Tcp),
        (TcpResetBeforeBanner, Stage.Banner),
        (BannerNotSsh, Stage.Banner),
        (BannerTimeout, Stage.Banner),
        (KexNoCommonKex, Stage.Kex),
        (KexNoCommonHostKey, Stage.Kex),
        (KexNoCommonCipher, Stage.Kex),
        (KexNoCommonMac, Stage.Kex),
        (KexInterrupted, Stage.Kex),
        (KexProtocolError, Stage.Kex),
        (HostKeyChanged, Stage.HostKey),
        (HostKeyUnknown, Stage.HostKey),
        (HostKeyRevoked, Stage.HostKey),
        (HostKeyTypeMismatch, Stage.HostKey),
        (AuthPublicKeyNotAuthorized, Stage.Auth),
        (AuthPublicKeyServerModes, Stage.Auth),
        (AuthPublicKeySelinux, Stage.Auth),
        (AuthPublicKeyKeysCommandMissing, Stage.Auth),
        (AuthPublicKeyDisabled, Stage.Auth),
        (AuthHostbasedNotAuthorized, Stage.Auth),
        (AuthWrongUser, Stage.Auth),
        (AuthNotAllowed, Stage.Auth),
        (AuthRootRefused, Stage.Auth),
        (AuthPasswordWrong, Stage.Auth),
        (AuthPasswordDisabled, Stage.Auth),
        (AuthNoSupportedMethods, Stage.Auth),
        (AuthTooManyFailures, Stage.Auth),
        (KeyPermissionsTooOpen, Stage.Config),
        (KeyAgentSignFailed, Stage.Auth),
        (KeySignatureAlgorithm, Stage.Auth),
        (KeyWeak, Stage.Config),
        (KeyMismatch, Stage.Config),
        (KeyAgentUnusable, Stage.Auth),
        (KeyAgentNotRunning, Stage.Auth),
        (KeyInvalidFormat, Stage.Config),
        (KeyWrongPassphrase, Stage.Config),
        (SessionNoHome, Stage.Session),
        (SessionShellDisabled, Stage.Session),
        (SessionBrokenPipe, Stage.Session),
        (SessionChannelRefused, Stage.Session),
        (SessionTimeout, Stage.Session),
        (JumpHopFailed, Stage.Tcp),
        (ServerSshdNotRunning, Stage.Server),
        (ServerPortMismatch, Stage.Server),
        (ServerFirewallBlocks, Stage.Server),
        (ServerBanned, Stage.Server),
        (ServerHostsDeny, Stage.Server),
        (ServerConfigInvalid, Stage.Server),
        (ServerAuthLogMissing, Stage.Server),
        (HintCloudUsername, Stage.Auth),
        (HintCloudFirewall, Stage.Tcp),
        (HintGitHosting, Stage.Auth),
        (LogFailureNotUnderstood, Stage.Session),
        (Ok, Stage.Session),
    ];

    private static readonly Dictionary<string, Stage> StageById = All.ToDictionary(e => e.Id, e => e.Stage, StringComparer.Ordinal);

    public static bool IsKnown(string id) => StageById.ContainsKey(id);

    public static Stage StageOf(string id) =>
        StageById.TryGetValue(id, out var stage) ? stage : throw new ArgumentException($"unknown diagnosis id '{id}'", nameof(id));

    /// <summary>Hints are shown with another diagnosis, never alone.</summary>
    public static bool IsHint(string id) => id.StartsWith("hint.", StringComparison.Ordinal);
}
