
namespace SshDoctor.Logs.Signatures;

/// <summary>
/// The signatures code reads by name, each with the groups it reads (<see cref="LogEvent"/>'s indexer takes only these),
/// in one place beside the tables: <c>EventNameConventionsTests</c> fails when a <c>Name</c> here is no table signature's,
/// a field is not a group of its signature, or other code spells a signature's name.
/// </summary>
public static class EventNames
{
    public static class ClientAuthSucceeded
    {
        public const string Name = "client.auth-succeeded";
    }

    public static class ClientAuthenticated
    {
        public const string Name = "client.authenticated";
    }

    public static class ClientAuthenticating
    {
        public const string Name = "client.authenticating";

        public static readonly EventField Host = new(Name, "host");

        public static readonly EventField Port = new(Name, "port");

        public static readonly EventField User = new(Name, "user");
    }

    public static class ClientBannerLine
    {
        public const string Name = "client.banner-line";

        public static readonly EventField Text = new(Name, "text");
    }

    public static class ClientBareTimeout
    {
        public const string Name = "client.bare-timeout";
    }

    public static class ClientChannelOpenFailed
    {
        public const string Name = "client.channel-open-failed";

        public static readonly EventField Reason = new(Name, "reason");
    }

    public static class ClientClosedByRemoteHost
    {
        public const string Name = "client.closed-by-remote-host";
    }

    public static class ClientCommandLine
    {
        public const string Name = "client.command-line";

        public static readonly EventField Args = new(Name, "args");
    }

    public static class ClientConnectAddressFailed
    {
        public const string Name = "client.connect-address-failed";

        public static readonly EventField Ip = new(Name, "ip");
    }

    public static class ClientConnectFailed
    {
        public const string Name = "client.connect-failed";

        public static readonly EventField Host = new(Name, "host");

        public static readonly EventField Port = new(Name, "port");

        public static readonly EventField Reason = new(Name, "reason");
    }

    public static class ClientConnected
    {
        public const string Name = "client.connected";
    }

    public static class ClientConnecting
    {
        public const string Name = "client.connecting";
    }

    public static class ClientConnectionClosed
    {
        public const string Name = "client.connection-closed";
    }

    public static class ClientConnectionReset
    {
        public const string Name = "client.connection-reset";
    }

    public static class ClientConnectionTimedOut
    {
        public const string Name = "client.connection-timed-out";
    }

    public static class ClientCreateprocessFailed
    {
        public const string Name = "client.createprocess-failed";
    }

    public static class ClientDifferentTypeKnown
    {
        public const string Name = "client.different-type-known";
    }

    public static class ClientDisconnected
    {
        public const string Name = "client.disconnected";
    }

    public static class ClientDnsSpoofing
    {
        public const string Name = "client.dns-spoofing";
    }

    public static class ClientExitStatus
    {
        public const string Name = "client.exit-status";

        public static readonly EventField Status = new(Name, "status");
    }

    public static class ClientFingerprintLine
    {
        public const string Name = "client.fingerprint-line";

        public static readonly EventField Fp = new(Name, "fp");
    }

    public static class ClientFoundKey
    {
        public const string Name = "client.found-key";

        public static readonly EventField File = new(Name, "file");

        public static readonly EventField Line = new(Name, "line");
    }

    public static class ClientGitRemote
    {
        public const string Name = "client.git-remote";

        public static readonly EventField Args = new(Name, "args");
    }

    public static class ClientHandshakeWait
    {
        public const string Name = "client.handshake-wait";
    }

    public static class ClientHostKnown
    {
        public const string Name = "client.host-known";
    }

    public static class ClientHostkeyChangedStrict
    {
        public const string Name = "client.hostkey-changed-strict";

        public static readonly EventField Host = new(Name, "host");
    }

    public static class ClientHostkeyFingerprintSent
    {
        public const string Name = "client.hostkey-fingerprint-sent";

        public static readonly EventField Type = new(Name, "type");
    }

    public static class ClientHostkeyNotTrusted
    {
        public const string Name = "client.hostkey-not-trusted";
    }

    public static class ClientHostkeyUnknownStrict
    {
        public const string Name = "client.hostkey-unknown-strict";
    }

    public static class ClientHostkeyVerificationFailed
    {
        public const string Name = "client.hostkey-verification-failed";
    }

    public static class ClientInteractive
    {
        public const string Name = "client.interactive";
    }

    public static class ClientIpKeyDiffers
    {
        public const string Name = "client.ip-key-differs";
    }

    public static class ClientKexAlgorithm
    {
        public const string Name = "client.kex-algorithm";

        public static readonly EventField Alg = new(Name, "alg");
    }

    public static class ClientKexCipher
    {
        public const string Name = "client.kex-cipher";

        public static readonly EventField Cipher = new(Name, "cipher");

        public static readonly EventField Dir = new(Name, "dir");

        public static readonly EventField Mac = new(Name, "mac");
    }

    public static class ClientKexHostkeyAlgorithm
    {
        public const string Name = "client.kex-hostkey-algorithm";

        public static readonly EventField Alg = new(Name, "alg");
    }

    public static class ClientKeyFingerprintIs
    {
        public const string Name = "client.key-fingerprint-is";

        public static readonly EventField Fp = new(Name, "fp");

        public static readonly EventField Type = new(Name, "type");
    }

    public static class ClientKeyRefused
    {
        public const string Name = "client.key-refused";
    }

    public static class ClientLoadKey
    {
        public const string Name = "client.load-key";

        public static readonly EventField File = new(Name, "file");

        public static readonly EventField Reason = new(Name, "reason");
    }

    public static class ClientMethods
    {
        public const string Name = "client.methods";

        public static readonly EventField Methods = new(Name, "methods");
    }

    public static class ClientMitmDisabled
    {
        public const string Name = "client.mitm-disabled";
    }

    public static class ClientNewkeys
    {
        public const string Name = "client.newkeys";
    }

    public static class ClientNextMethod
    {
        public const string Name = "client.next-method";

        public static readonly EventField Method = new(Name, "method");
    }

    public static class ClientNoMoreMethods
    {
        public const string Name = "client.no-more-methods";
    }

    public static class ClientNoSuchIdentity
    {
        public const string Name = "client.no-such-identity";

        public static readonly EventField File = new(Name, "file");

        public static readonly EventField Reason = new(Name, "reason");
    }

    public static class ClientNoSupportedMethods
    {
        public const string Name = "client.no-supported-methods";

        public static readonly EventField Methods = new(Name, "methods");
    }

    public static class ClientOffendingIpKey
    {
        public const string Name = "client.offending-ip-key";
    }

    public static class ClientOffendingKey
    {
        public const string Name = "client.offending-key";

        public static readonly EventField File = new(Name, "file");

        public static readonly EventField Line = new(Name, "line");

        public static readonly EventField Type = new(Name, "type");
    }

    public static class ClientOffering
    {
        public const string Name = "client.offering";
    }

    public static class ClientPassphrasePrompt
    {
        public const string Name = "client.passphrase-prompt";

        public static readonly EventField File = new(Name, "file");
    }

    public static class ClientPasswordPrompt
    {
        public const string Name = "client.password-prompt";

        public static readonly EventField User = new(Name, "user");
    }

    public static class ClientPasswordRefused
    {
        public const string Name = "client.password-refused";
    }

    public static class ClientPermanentlyAdded
    {
        public const string Name = "client.permanently-added";
    }

    public static class ClientPermissionDenied
    {
        public const string Name = "client.permission-denied";

        public static readonly EventField Host = new(Name, "host");

        public static readonly EventField Methods = new(Name, "methods");

        public static readonly EventField User = new(Name, "user");
    }

    public static class ClientPermissionDeniedRetry
    {
        public const string Name = "client.permission-denied-retry";
    }

    public static class ClientProposalHeader
    {
        public const string Name = "client.proposal-header";

        public static readonly EventField Who = new(Name, "who");
    }

    public static class ClientProposalLine
    {
        public const string Name = "client.proposal-line";

        public static readonly EventField Field = new(Name, "field");

        public static readonly EventField List = new(Name, "list");
    }

    public static class ClientProxyCommand
    {
        public const string Name = "client.proxy-command";
    }

    public static class ClientProxySpawnFailed
    {
        public const string Name = "client.proxy-spawn-failed";

        public static readonly EventField Reason = new(Name, "reason");
    }

    public static class ClientProxyjump
    {
        public const string Name = "client.proxyjump";
    }

    public static class ClientReadingConfig
    {
        public const string Name = "client.reading-config";
    }

    public static class ClientReceivedDisconnect
    {
        public const string Name = "client.received-disconnect";

        public static readonly EventField Reason = new(Name, "reason");
    }

    public static class ClientRemoteDebug
    {
        public const string Name = "client.remote-debug";
    }

    public static class ClientRemoteVersion
    {
        public const string Name = "client.remote-version";

        public static readonly EventField Software = new(Name, "software");
    }

    public static class ClientRemoveWith
    {
        public const string Name = "client.remove-with";

        public static readonly EventField File = new(Name, "file");

        public static readonly EventField Host = new(Name, "host");
    }

    public static class ClientRequestAccepted
    {
        public const string Name = "client.request-accepted";
    }

    public static class ClientRequestFailed
    {
        public const string Name = "client.request-failed";

        public static readonly EventField What = new(Name, "what");
    }

    public static class ClientSendingCommand
    {
        public const string Name = "client.sending-command";
    }

    public static class ClientServerAcceptsKey
    {
        public const string Name = "client.server-accepts-key";

        public static readonly EventField Identity = new(Name, "identity");
    }

    public static class ClientServerHostKey
    {
        public const string Name = "client.server-host-key";

        public static readonly EventField Fp = new(Name, "fp");

        public static readonly EventField Type = new(Name, "type");
    }

    public static class ClientServiceAccept
    {
        public const string Name = "client.service-accept";
    }

    public static class ClientSessionChannel
    {
        public const string Name = "client.session-channel";
    }

    public static class ClientSignFailed
    {
        public const string Name = "client.sign-failed";

        public static readonly EventField File = new(Name, "file");

        public static readonly EventField Reason = new(Name, "reason");
    }

    public static class ClientSkippingKey
    {
        public const string Name = "client.skipping-key";

        public static readonly EventField Identity = new(Name, "identity");

        public static readonly EventField Reason = new(Name, "reason");

        public static readonly EventField Type = new(Name, "type");
    }

    public static class ClientStdioForwardingFailed
    {
        public const string Name = "client.stdio-forwarding-failed";
    }

    public static class ClientTransferred
    {
        public const string Name = "client.transferred";

        public static readonly EventField Seconds = new(Name, "seconds");
    }

    public static class ClientTryingPrivateKey
    {
        public const string Name = "client.trying-private-key";
    }

    public static class ClientUnableToNegotiate
    {
        public const string Name = "client.unable-to-negotiate";

        public static readonly EventField Offer = new(Name, "offer");

        public static readonly EventField What = new(Name, "what");
    }

    public static class ClientVersion
    {
        public const string Name = "client.version";

        public static readonly EventField Version = new(Name, "version");
    }

    public static class ClientWillAttempt
    {
        public const string Name = "client.will-attempt";

        public static readonly EventField Identity = new(Name, "identity");
    }

    public static class DropbearAuthSucceeded
    {
        public const string Name = "dropbear.auth-succeeded";
    }

    public static class Fail2banBan
    {
        public const string Name = "fail2ban.ban";
    }

    public static class Fail2banUnban
    {
        public const string Name = "fail2ban.unban";
    }

    public static class PuttyAbandoned
    {
        public const string Name = "putty.abandoned";
    }

    public static class PuttyBatchPrompt
    {
        public const string Name = "putty.batch-prompt";
    }

    public static class PuttyOfferedKey
    {
        public const string Name = "putty.offered-key";
    }

    public static class PuttyReadingKey
    {
        public const string Name = "putty.reading-key";

        public static readonly EventField File = new(Name, "file");
    }

    public static class PuttySignatureRefused
    {
        public const string Name = "putty.signature-refused";
    }

    public static class SshdAccepted
    {
        public const string Name = "sshd.accepted";
    }

    public static class SshdCannotOpenKeys
    {
        public const string Name = "sshd.cannot-open-keys";

        public static readonly EventField Reason = new(Name, "reason");
    }

    public static class SshdConnectionFrom
    {
        public const string Name = "sshd.connection-from";

        public static readonly EventField Port = new(Name, "port");
    }

    public static class SshdFailedPassword
    {
        public const string Name = "sshd.failed-password";

        public static readonly EventField User = new(Name, "user");
    }

    public static class SshdFailedPublickey
    {
        public const string Name = "sshd.failed-publickey";
    }

    public static class SshdNoMatchingAlgorithm
    {
        public const string Name = "sshd.no-matching-algorithm";
    }

    public static class SshdReceivedDisconnect
    {
        public const string Name = "sshd.received-disconnect";

        public static readonly EventField Code = new(Name, "code");

        public static readonly EventField Reason = new(Name, "reason");
    }

    public static class SshdServerListening
    {
        public const string Name = "sshd.server-listening";

        public static readonly EventField Port = new(Name, "port");
    }

    public static class SshdSignatureAlgorithm
    {
        public const string Name = "sshd.signature-algorithm";

        public static readonly EventField Alg = new(Name, "alg");
    }

    public static class SshdStrictModes
    {
        public const string Name = "sshd.strict-modes";

        public static readonly EventField Path = new(Name, "path");

        public static readonly EventField User = new(Name, "user");
    }

    public static class SshdUnableToNegotiate
    {
        public const string Name = "sshd.unable-to-negotiate";
    }

    public static class SshguardBlock
    {
        public const string Name = "sshguard.block";
    }

    /// <summary>Groups read from events of several signatures: each is a group of at least one table signature.</summary>
    public static class AnyEvent
    {
        public static readonly EventField Alg = new(null, "alg");

        public static readonly EventField Banner = new(null, "banner");

        public static readonly EventField Command = new(null, "command");

        public static readonly EventField File = new(null, "file");

        public static readonly EventField Fp = new(null, "fp");

        public static readonly EventField Host = new(null, "host");

        public static readonly EventField Identity = new(null, "identity");

        /// <summary>Matched when the user is an invalid one (<see cref="AttemptWhen.InvalidUser"/>).</summary>
        public static readonly EventField Invalid = new(null, "invalid");

        public static readonly EventField Ip = new(null, "ip");

        public static readonly EventField Line = new(null, "line");

        public static readonly EventField Offer = new(null, "offer");

        public static readonly EventField Option = new(null, "option");

        public static readonly EventField Path = new(null, "path");

        public static readonly EventField Port = new(null, "port");

        public static readonly EventField Problem = new(null, "problem");

        public static readonly EventField Reason = new(null, "reason");

        public static readonly EventField Remote = new(null, "remote");

        public static readonly EventField Target = new(null, "target");

        public static readonly EventField Type = new(null, "type");

        public static readonly EventField User = new(null, "user");

        public static readonly EventField What = new(null, "what");

        public static readonly EventField Why = new(null, "why");
    }
}
