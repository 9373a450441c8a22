using System.Globalization;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Explain;

/// <summary>
/// Splits one input's client lines into connections (target and jump hosts) and gathers each one's facts.
/// With ProxyJump both ssh processes write to one terminal: the jump host's ssh prints first (the outer one waits
/// for the banner through it), the outer one is recognisable by <c>UNKNOWN port 65535</c>, <c>(via proxy)</c> and its
/// <c>Authenticating to TARGET</c>; lines go to the connection whose host they name, else to the one talking now.
/// </summary>
public static class ClientSessionBuilder
{
    /// <summary>
    /// Keys followed per connection. ssh reads at most 100 identity files (SSH_MAX_IDENTITY_FILES) and agents hold a few:
    /// a log naming more is not one connection's, and each key line looks through the list.
    /// </summary>
    private const int MaxKeys = 256;

    public static IReadOnlyList<ClientSession> Build(string input, IEnumerable<LogEvent> clientEvents)
    {
        var sessions = new List<ClientSession> { new(0, input) };
        var current = sessions[0];
        foreach (var e in clientEvents)
        {
            current = Route(e, current, sessions, input);
            e.Hop = current.Index;
            current.Events.Add(e);
            Gather(current, e);
        }

        MarkPlainJumpFailure(sessions, input);
        return sessions;
    }

    private static ClientSession Route(LogEvent e, ClientSession current, List<ClientSession> sessions, string input)
    {
        var outer = sessions[0];
        if (e.Message.Contains("UNKNOWN port 65535", StringComparison.Ordinal) || e.Message.Contains("(via proxy)", StringComparison.Ordinal))
        {
            var proxied = current.Parent ?? outer;
            proxied.ViaProxy = true;
            return proxied;
        }

        switch (e.Kind)
        {
            case ClientVersion.Name when current.OpenSshVersion is not null && (current.ViaProxy || current.Parent is not null):
                {
                    // A second ssh process started: the jump host's, launched by the ProxyCommand. (Without a proxy
                    // line it is the same ssh's output again: a tool that prints it twice, as Ansible -vvvv does.)
                    var child = sessions.LastOrDefault(s => s.Parent == current && s.OpenSshVersion is null) ?? NewChild(current, sessions, input, null);
                    return child;
                }

            case ClientProxyCommand.Name or ClientProxyjump.Name:
                {
                    var jump = JumpHostOf(e[AnyEvent.Command]);
                    current.ViaProxy = true;
                    if (e.Kind == ClientProxyjump.Name)
                    {
                        current.JumpRoute ??= JumpRouteOf(e[AnyEvent.Command]);
                    }

                    if (ForwardTarget(e[AnyEvent.Command]) is var (targetHost, targetPort) && targetHost is not null)
                    {
                        // -W '[target]:port' names the connection the outer ssh is making through the jump host.
                        current.Host ??= targetHost;
                        current.Port ??= targetPort;
                    }

                    if (e.Kind == ClientProxyCommand.Name)
                    {
                        var existing = sessions.LastOrDefault(s => s.Parent == current);
                        if (existing is null)
                        {
                            NewChild(current, sessions, input, jump);
                        }
                        else
                        {
                            existing.Host ??= jump;
                        }
                    }

                    return current;
                }

            case ClientAuthenticating.Name:
                {
                    var host = e[ClientAuthenticating.Host];
                    var named = Named(sessions, current, host, ParsePort(e[ClientAuthenticating.Port]), e[ClientAuthenticating.User]);
                    if (named is not null)
                    {
                        return named;
                    }

                    if (current.Host is not null && !string.Equals(current.Host, host, StringComparison.OrdinalIgnoreCase) && current.Parent is not null)
                    {
                        return current.Parent;
                    }

                    return current;
                }

            case ClientRemoteVersion.Name when current.Parent is not null && current.SawBanner:
                // A second banner after the jump host's: the outer ssh talks to the target through the forwarding channel.
                return current.Parent;

            case ClientPermissionDenied.Name:
                return Named(sessions, current, e[ClientPermissionDenied.Host], null, e[ClientPermissionDenied.User]) ?? current;

            default:
                return current;
        }
    }

    /// <summary>
    /// The connection a line naming its host (and the port and user, where the line says them) belongs to: the one
    /// talking now when it fits, else the latest that fits. A jump host and its target may share a name (two DNS
    /// views, an alias named like its bastion): then only the user or port tells them apart, and a connection that
    /// already has another user or port is not the one.
    /// </summary>
    private static ClientSession? Named(List<ClientSession> sessions, ClientSession current, string? host, int? port, string? user)
    {
        bool Fits(ClientSession s) =>
            s.Host is not null && string.Equals(s.Host, host, StringComparison.OrdinalIgnoreCase)
            && (s.Port is null || port is null || s.Port == port)
            && (s.User is null || user is null || string.Equals(s.User, user, StringComparison.Ordinal));

        return Fits(current) ? current : sessions.LastOrDefault(Fits);
    }

    private static ClientSession NewChild(ClientSession parent, List<ClientSession> sessions, string input, string? host)
    {
        var child = new ClientSession(sessions.Count, input) { Parent = parent, Host = host };
        sessions.Add(child);
        return child;
    }

    /// <summary>The <c>-W '[host]:port'</c> of an expanded ProxyJump command (<c>%h</c>/<c>%p</c> not yet expanded give nothing).</summary>
    private static (string? Host, int? Port)? ForwardTarget(string? command)
    {
        if (command is null)
        {
            return null;
        }

        var tokens = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var w = Array.IndexOf(tokens, "-W");
        if (w < 0 || w + 1 >= tokens.Length)
        {
            return null;
        }

        var spec = tokens[w + 1].Trim('\'', '"');
        var colon = spec.LastIndexOf(':');
        if (colon <= 0 || spec.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        return (spec[..colon].Trim('[', ']'), ParsePort(spec[(colon + 1)..]));
    }

    /// <summary>
    /// ssh's own ProxyJump command (ssh.c): <c>ssh [-l USER] [-p PORT] [-J EARLIER] … -W '[%h]:%p' HOST</c>, read into
    /// its last hop and the hops before it (as <c>-J</c> takes them); null for any other command.
    /// </summary>
    private static (string? User, string Host, int? Port, string? Earlier)? ProxyJumpHops(string? command)
    {
        var tokens = command?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var w = Array.IndexOf(tokens, "-W");
        if (w < 1 || w + 3 != tokens.Length || Path.GetFileName(tokens[0]) != "ssh")
        {
            return null;
        }

        string? user = null, earlier = null;
        int? port = null;
        for (var i = 1; i + 1 < w; i++)
        {
            switch (tokens[i])
            {
                case "-l": user = tokens[++i]; break;
                case "-p": port = ParsePort(tokens[++i]); break;
                case "-J": earlier = tokens[++i]; break;
                default: break;
            }
        }

        var last = tokens[^1];
        var at = last.LastIndexOf('@');
        if (at >= 0)
        {
            user ??= last[..at];
            last = last[(at + 1)..];
        }

        return (user, last, port, earlier);
    }

    /// <summary>The jump list of ssh's ProxyJump command, as <c>-J</c> takes it: <c>EARLIER,USER@HOST:PORT</c>; null for another command.</summary>
    private static string? JumpRouteOf(string? command)
    {
        if (ProxyJumpHops(command) is not { } hops)
        {
            return null;
        }

        var hop = new Probing.Resolve.Destination(hops.User, hops.Host, hops.Port).ToString();
        return hops.Earlier is null ? hop : hops.Earlier + "," + hop;
    }

    /// <summary>
    /// The host a proxy command connects to: the last hop of ssh's own ProxyJump command, else (a ProxyCommand written by
    /// hand that forwards with <c>-W</c>) its last word without a user.
    /// </summary>
    private static string? JumpHostOf(string? command)
    {
        if (ProxyJumpHops(command) is { } hops)
        {
            return hops.Host;
        }

        var tokens = command?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (!tokens.Any(t => t == "-W"))
        {
            return null;
        }

        var last = tokens[^1].Trim('\'', '"');
        var at = last.LastIndexOf('@');
        return at >= 0 ? last[(at + 1)..] : last;
    }

    private static void Gather(ClientSession s, LogEvent e)
    {
        if (e[AnyEvent.Remote] is { } remote && s.Host is null)
        {
            // "HOST port N" as sshpkt_fmt_connection_id() writes it; UNKNOWN port 65535 means a proxy, not a host.
            var cut = remote.LastIndexOf(" port ", StringComparison.Ordinal);
            var host = cut > 0 ? remote[..cut] : remote;
            if (host != "UNKNOWN")
            {
                s.Host = host;
                s.Port ??= cut > 0 ? ParsePort(remote[(cut + 6)..]) : null;
            }
        }

        switch (e.Kind)
        {
            case ClientVersion.Name:
                s.OpenSshVersion ??= e[ClientVersion.Version];
                break;
            case ClientConnecting.Name or ClientConnectFailed.Name:
                s.Host ??= e[AnyEvent.Host];
                s.Port ??= ParsePort(e[AnyEvent.Port]);
                break;
            case ClientConnected.Name:
                s.Reached.TryAdd(Stage.Tcp, e.Where);
                break;
            case ClientRemoteVersion.Name:
                s.ServerSoftware = e[ClientRemoteVersion.Software];
                s.Reached.TryAdd(Stage.Tcp, e.Where);
                s.Reached.TryAdd(Stage.Banner, e.Where);
                break;
            case ClientCommandLine.Name when s.Index == 0:
                {
                    // The command the person typed, pasted above ssh's output: its user and the methods it asked for.
                    var command = SshCommandLine.Parse(e[ClientCommandLine.Args] ?? string.Empty);
                    s.User ??= command.User;
                    if (command.Option("PreferredAuthentications") is { } preferred)
                    {
                        s.PreferredMethods = ClientSession.SplitList(preferred);
                    }

                    break;
                }

            case ClientGitRemote.Name when s.Index == 0:
                {
                    // git clone git@github.com:owner/repo: the host ssh was asked for, where ssh's own lines may not name
                    // it ("Permission denied (publickey)." of an older ssh, or its plain output).
                    var (user, host) = GitRemote.Parse(e[ClientGitRemote.Args] ?? string.Empty);
                    s.Host ??= host;
                    s.User ??= user;
                    break;
                }

            case ClientAuthenticating.Name:
                s.Host ??= e[ClientAuthenticating.Host];
                s.Port ??= ParsePort(e[ClientAuthenticating.Port]);
                s.User ??= e[ClientAuthenticating.User];
                break;
            case ClientPermissionDenied.Name:
                s.User ??= e[ClientPermissionDenied.User];
                s.Host ??= e[ClientPermissionDenied.Host];
                if (e[ClientPermissionDenied.Methods] is { } denied)
                {
                    s.Methods = ClientSession.SplitList(denied);
                }

                break;
            case ClientProposalHeader.Name:
                s.LastProposalHeader = e[ClientProposalHeader.Who];
                break;
            case ClientProposalLine.Name:
                {
                    var field = e[ClientProposalLine.Field]!;
                    var list = e[ClientProposalLine.List] ?? string.Empty;
                    var target = s.ServerProposal.Count > 0 || s.LastProposalHeader == "peer server" ? s.ServerProposal : s.ClientProposal;
                    target.TryAdd(field, list);
                    break;
                }

            case ClientKexAlgorithm.Name:
                s.Chosen["kex"] = e[ClientKexAlgorithm.Alg]!;
                break;
            case ClientKexHostkeyAlgorithm.Name:
                s.Chosen["hostkey"] = e[ClientKexHostkeyAlgorithm.Alg]!;
                break;
            case ClientKexCipher.Name:
                s.Chosen[e[ClientKexCipher.Dir] == "client->server" ? "cipher" : "cipher-stoc"] = e[ClientKexCipher.Cipher]!;
                s.Chosen[e[ClientKexCipher.Dir] == "client->server" ? "mac" : "mac-stoc"] = e[ClientKexCipher.Mac]!;
                break;
            case ClientServerHostKey.Name:
                s.HostKeyType = e[ClientServerHostKey.Type];
                s.HostKeyFingerprint = e[ClientServerHostKey.Fp];
                s.Reached.TryAdd(Stage.Kex, e.Where);
                break;
            case ClientHostkeyFingerprintSent.Name:
                s.HostKeyType ??= e[ClientHostkeyFingerprintSent.Type];
                break;
            case ClientFingerprintLine.Name:
                s.HostKeyFingerprint ??= e[ClientFingerprintLine.Fp];
                break;
            case ClientKeyFingerprintIs.Name:
                s.HostKeyType ??= e[ClientKeyFingerprintIs.Type];
                s.HostKeyFingerprint ??= e[ClientKeyFingerprintIs.Fp];
                break;
            case ClientFoundKey.Name:
                s.KnownHostsMatch = $"{e[ClientFoundKey.File]}:{e[ClientFoundKey.Line]}";
                s.Reached.TryAdd(Stage.HostKey, e.Where);
                break;
            case ClientHostKnown.Name or ClientPermanentlyAdded.Name:
                s.Reached.TryAdd(Stage.HostKey, e.Where);
                break;
            case ClientOffendingKey.Name:
                s.OffendingEntry = $"{e[ClientOffendingKey.File]}:{e[ClientOffendingKey.Line]}";
                s.OffendingType = e[ClientOffendingKey.Type];
                break;
            case ClientNewkeys.Name:
                s.Reached.TryAdd(Stage.Kex, e.Where);
                s.Reached.TryAdd(Stage.HostKey, e.Where);
                break;
            case ClientServiceAccept.Name:
                s.Reached.TryAdd(Stage.HostKey, e.Where);
                break;
            case ClientMethods.Name:
                s.Methods = ClientSession.SplitList(e[ClientMethods.Methods] ?? string.Empty);
                MarkLastOffered(s, KeyResult.Rejected, e.Where, null);
                break;
            case ClientWillAttempt.Name:
                Key(s, e[ClientWillAttempt.Identity]!, e.Where);
                break;
            case ClientOffering.Name or ClientTryingPrivateKey.Name:
                {
                    var key = Key(s, e[AnyEvent.Identity]!, e.Where);
                    key.Type ??= e[AnyEvent.Type];
                    key.Result = KeyResult.Rejected;
                    key.Detail = "offered";
                    key.Where = e.Where;
                    break;
                }

            case ClientServerAcceptsKey.Name:
                {
                    var key = Key(s, e[ClientServerAcceptsKey.Identity]!, e.Where);
                    key.Result = KeyResult.Accepted;
                    key.Detail = null;
                    key.Where = e.Where;
                    break;
                }

            case ClientSkippingKey.Name:
                {
                    var key = Key(s, e[ClientSkippingKey.Identity]!, e.Where);
                    key.Type ??= e[ClientSkippingKey.Type];
                    key.Result = KeyResult.Skipped;
                    key.Detail = e[ClientSkippingKey.Reason];
                    break;
                }

            case ClientNoSuchIdentity.Name:
                {
                    var key = Key(s, e[ClientNoSuchIdentity.File]!, e.Where);
                    key.Result = KeyResult.NotLoaded;
                    key.Detail = e[ClientNoSuchIdentity.Reason];
                    break;
                }

            case ClientLoadKey.Name:
                {
                    var reason = e[ClientLoadKey.Reason] ?? string.Empty;
                    if (!reason.Contains("No such file", StringComparison.Ordinal))
                    {
                        var key = Key(s, e[ClientLoadKey.File]!, e.Where);
                        key.Result = KeyResult.NotLoaded;
                        key.Detail = reason;
                    }

                    break;
                }

            case ClientSignFailed.Name:
                {
                    var file = e[ClientSignFailed.File];
                    var key = file is null ? s.Keys.LastOrDefault(k => k.Result == KeyResult.Accepted) : Key(s, file, e.Where);
                    if (key is not null)
                    {
                        key.Result = KeyResult.SigningFailed;
                        key.Detail = e[ClientSignFailed.Reason];
                    }

                    break;
                }

            case ClientAuthenticated.Name or ClientAuthSucceeded.Name:
                s.Reached.TryAdd(Stage.Kex, e.Where);
                s.Reached.TryAdd(Stage.HostKey, e.Where);
                s.Reached.TryAdd(Stage.Auth, e.Where);
                if (e[AnyEvent.Ip] is null && e.Message.Contains("via proxy", StringComparison.Ordinal))
                {
                    s.ViaProxy = true;
                }

                break;
            case ClientSessionChannel.Name or ClientInteractive.Name or ClientRequestAccepted.Name or ClientExitStatus.Name:
                if (s.Reached.ContainsKey(Stage.Auth) || e.Kind != ClientSessionChannel.Name)
                {
                    s.Reached.TryAdd(Stage.Auth, e.Where);
                    s.Reached.TryAdd(Stage.Session, e.Where);
                }

                break;
        }
    }

    /// <summary>Plain output (no -v) of a failed jump: inner errors, then the outer's <c>Connection closed by UNKNOWN port 65535</c>.</summary>
    private static void MarkPlainJumpFailure(List<ClientSession> sessions, string input)
    {
        var outer = sessions[0];
        if (sessions.Count > 1 || !outer.ViaProxy || outer.Has(ClientProxyCommand.Name) || outer.Has(ClientVersion.Name))
        {
            return;
        }

        var inner = outer.Events
            .Where(e => !e.Message.Contains("UNKNOWN port 65535", StringComparison.Ordinal) && !e.Message.Contains("via proxy", StringComparison.Ordinal))
            .Where(e => e.IsFailure)
            .ToList();
        if (inner.Count == 0)
        {
            return;
        }

        var jump = new ClientSession(1, input) { Parent = outer };
        foreach (var e in inner)
        {
            outer.Events.Remove(e);
            e.Hop = 1;
            jump.Events.Add(e);
            Gather(jump, e);
        }

        sessions.Add(jump);
    }

    private static KeyAttempt Key(ClientSession s, string identityText, string where)
    {
        var parsed = KeyAttempt.Parse(identityText);
        var existing = s.Keys.FirstOrDefault(k => k.SameKey(parsed) || (parsed.Fingerprint is null && k.Identity == parsed.Identity));
        if (existing is not null)
        {
            existing.Type ??= parsed.Type;
            existing.Fingerprint ??= parsed.Fingerprint;
            existing.FromAgent |= parsed.FromAgent;
            return existing;
        }

        parsed.Where = where;
        if (s.Keys.Count < MaxKeys)
        {
            s.Keys.Add(parsed);
        }

        return parsed;
    }

    private static void MarkLastOffered(ClientSession s, KeyResult result, string where, string? detail)
    {
        var last = s.Keys.LastOrDefault(k => k.Detail == "offered");
        if (last is not null)
        {
            last.Result = result;
            last.Detail = detail;
            last.Where ??= where;
        }
    }

    private static int? ParsePort(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
}
