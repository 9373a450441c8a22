using SshDoctor.Text;

namespace SshDoctor.Config;

/// <summary>
/// The keywords ssh_config(5) and sshd_config(5) accept (OpenSSH 10.x, readconf.c / servconf.c keyword tables), used to
/// name the nearest valid keyword for a typo.
/// </summary>
public static class Keywords
{
    public static IReadOnlyList<string> Client { get; } =
    [
        "AddKeysToAgent", "AddressFamily", "BatchMode", "BindAddress", "BindInterface", "CanonicalDomains",
        "CanonicalizeFallbackLocal", "CanonicalizeHostname", "CanonicalizeMaxDots", "CanonicalizePermittedCNAMEs",
        "CASignatureAlgorithms", "CertificateFile", "ChannelTimeout", "CheckHostIP", "Ciphers", "ClearAllForwardings",
        "Compression", "ConnectionAttempts", "ConnectTimeout", "ControlMaster", "ControlPath", "ControlPersist",
        "DynamicForward", "EnableEscapeCommandline", "EnableSSHKeysign", "EscapeChar", "ExitOnForwardFailure",
        "FingerprintHash", "ForkAfterAuthentication", "ForwardAgent", "ForwardX11", "ForwardX11Timeout",
        "ForwardX11Trusted", "GatewayPorts", "GlobalKnownHostsFile", "GSSAPIAuthentication", "GSSAPIDelegateCredentials",
        "HashKnownHosts", "Host", "HostbasedAcceptedAlgorithms", "HostbasedAuthentication", "HostKeyAlgorithms",
        "HostKeyAlias", "Hostname", "IdentitiesOnly", "IdentityAgent", "IdentityFile", "IgnoreUnknown", "Include",
        "IPQoS", "KbdInteractiveAuthentication", "KbdInteractiveDevices", "KexAlgorithms", "KnownHostsCommand",
        "LocalCommand", "LocalForward", "LogLevel", "LogVerbose", "MACs", "Match", "NoHostAuthenticationForLocalhost",
        "NumberOfPasswordPrompts", "ObscureKeystrokeTiming", "PasswordAuthentication", "PermitLocalCommand",
        "PermitRemoteOpen", "PKCS11Provider", "Port", "PreferredAuthentications", "ProxyCommand", "ProxyJump",
        "ProxyUseFdpass", "PubkeyAcceptedAlgorithms", "PubkeyAuthentication", "RefuseConnection", "RekeyLimit",
        "RemoteCommand", "RemoteForward", "RequestTTY", "RequiredRSASize", "RevokedHostKeys", "SecurityKeyProvider",
        "SendEnv", "ServerAliveCountMax", "ServerAliveInterval", "SessionType", "SetEnv", "StdinNull",
        "StreamLocalBindMask", "StreamLocalBindUnlink", "StrictHostKeyChecking", "SyslogFacility", "Tag",
        "TCPKeepAlive", "Tunnel", "TunnelDevice", "UpdateHostKeys", "User", "UserKnownHostsFile", "VerifyHostKeyDNS",
        "VersionAddendum", "VisualHostKey", "WarnWeakCrypto", "XAuthLocation",
    ];

    public static IReadOnlyList<string> Server { get; } =
    [
        "AcceptEnv", "AddressFamily", "AllowAgentForwarding", "AllowGroups", "AllowStreamLocalForwarding",
        "AllowTcpForwarding", "AllowUsers", "AuthenticationMethods", "AuthorizedKeysCommand",
        "AuthorizedKeysCommandUser", "AuthorizedKeysFile", "AuthorizedPrincipalsCommand",
        "AuthorizedPrincipalsCommandUser", "AuthorizedPrincipalsFile", "Banner", "CASignatureAlgorithms",
        "ChannelTimeout", "ChrootDirectory", "Ciphers", "ClientAliveCountMax", "ClientAliveInterval", "Compression",
        "DenyGroups", "DenyUsers", "DisableForwarding", "ExposeAuthInfo", "FingerprintHash", "ForceCommand",
        "GatewayPorts", "GSSAPIAuthentication", "GSSAPICleanupCredentials", "GSSAPIStrictAcceptorCheck",
        "HostbasedAcceptedAlgorithms", "HostbasedAuthentication", "HostbasedUsesNameFromPacketOnly", "HostCertificate",
        "HostKey", "HostKeyAgent", "HostKeyAlgorithms", "IgnoreRhosts", "IgnoreUserKnownHosts", "Include", "IPQoS",
        "KbdInteractiveAuthentication", "KerberosAuthentication", "KerberosGetAFSToken", "KerberosOrLocalPasswd",
        "KerberosTicketCleanup", "KexAlgorithms", "ListenAddress", "LoginGraceTime", "LogLevel", "LogVerbose", "MACs",
        "Match", "MaxAuthTries", "MaxSessions", "MaxStartups", "ModuliFile", "PasswordAuthentication",
        "PermitEmptyPasswords", "PermitListen", "PermitOpen", "PermitRootLogin", "PermitTTY", "PermitTunnel",
        "PermitUserEnvironment", "PermitUserRC", "PerSourceMaxStartups", "PerSourceNetBlockSize", "PerSourcePenalties",
        "PerSourcePenaltyExemptList", "PidFile", "Port", "PrintLastLog", "PrintMotd", "PubkeyAcceptedAlgorithms",
        "PubkeyAuthentication", "PubkeyAuthOptions", "RefuseConnection", "RekeyLimit", "RequiredRSASize",
        "RevokedKeys", "RDomain", "SecurityKeyProvider", "SetEnv", "StreamLocalBindMask", "StreamLocalBindUnlink",
        "StrictModes", "Subsystem", "SyslogFacility", "TCPKeepAlive", "TrustedUserCAKeys", "UnusedConnectionTimeout",
        "UseDNS", "UsePAM", "VersionAddendum", "X11DisplayOffset", "X11Forwarding", "X11UseLocalhost", "XAuthLocation",
    ];

    /// <summary>The keyword closest to <paramref name="typo"/> (case-insensitive edit distance), or null when nothing is close.</summary>
    public static string? Nearest(string typo, IReadOnlyList<string> keywords) => NearestWord.Find(typo, keywords);
}
