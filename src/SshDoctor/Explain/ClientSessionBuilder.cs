using System.Globalization;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;

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
            case "client.version" when current.OpenSshVersion is not null && (current.ViaProxy || current.Parent is not null):
                {
                    // A second ssh process started: the jump host's, launched by the ProxyCommand. (Without a proxy
                    // line it is the same ssh's output again: a tool that prints it twice, as Ansible -vvvv does.)
                    var child = sessions.LastOrDefault(s => s.Parent == current && s.OpenSshVersion is null) ?? NewChild(current, sessions, input, null);
                    return child;
                }

            case "client.proxy-command" or "client.proxyjump":
                {
                    var jump = JumpHostOf(e["command"]);
                    current.ViaProxy = true;
                    if (e.Kind == "client.proxyjump")
                    {
                        current.JumpRoute ??= JumpRouteOf(e["command"]);
                    }

                    if (ForwardTarget(e["command"]) is var (targetHost, targetPort) && targetHost is not null)
                    {
                        // -W '[target]:port' names the connection the outer ssh is making through the jump host.
                        current.Host ??= targetHost;
                        current.Port ??= targetPort;
                    }

                    if (e.Kind == "client.proxy-command")
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

            case "client.authenticating":
                {
                    var host = e["host"];
                    var named = Named(sessions, current, host, ParsePort(e["port"]), e["user"]);
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

            case "client.remote-version" when current.Parent is not null && current.SawBanner:
                // A second banner after the jump host's: the outer ssh talks to the target through the forwarding channel.
                return current.Parent;

            case "client.permission-denied":
                return Named(sessions, current, e["host"], null, e["user"]) ?? current;

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
    /// The jump list ssh expanded into <c>ssh [-l USER] [-p PORT] [-J EARLIER] … -W '[%h]:%p' HOST</c> (ssh.c), back as
    /// <c>-J</c> takes it: <c>EARLIER,USER@HOST:PORT</c>; null when the command is not that shape.
    /// </summary>
    private static string? JumpRouteOf(string? command)
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

        var hop = new Probing.Destination(user, last, port).ToString();
        return earlier is null ? hop : earlier + "," + hop;
    }

    private static string? JumpHostOf(string? command)
    {
        if (command is null)
        {
            return null;
        }

        // ssh [-l user] [-p port] [-J more] [-F cfg] [-vvv] -W '[%h]:%p' JUMPHOST  (ssh.c)
        var tokens = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
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
        if (e["remote"] is { } remote && s.Host is null)
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
            case "client.version":
                s.OpenSshVersion ??= e["version"];
                break;
            case "client.connecting" or "client.connect-failed":
                s.Host ??= e["host"];
                s.Port ??= ParsePort(e["port"]);
                break;
            case "client.connected":
                s.Reached.TryAdd(Stage.Tcp, e.Where);
                break;
            case "client.remote-version":
                s.ServerSoftware = e["software"];
                s.Reached.TryAdd(Stage.Tcp, e.Where);
                s.Reached.TryAdd(Stage.Banner, e.Where);
                break;
            case "client.command-line" when s.Index == 0:
                {
                    // The command the person typed, pasted above ssh's output: its user and the methods it asked for.
                    var command = SshCommandLine.Parse(e["args"] ?? string.Empty);
                    s.User ??= command.User;
                    if (command.Option("PreferredAuthentications") is { } preferred)
                    {
                        s.PreferredMethods = ClientSession.SplitList(preferred);
                    }

                    break;
                }

            case "client.git-remote" when s.Index == 0:
                {
                    // git clone git@github.com:owner/repo: the host ssh was asked for, where ssh's own lines may not name
                    // it ("Permission denied (publickey)." of an older ssh, or its plain output).
                    var (user, host) = GitRemote.Parse(e["args"] ?? string.Empty);
                    s.Host ??= host;
                    s.User ??= user;
                    break;
                }

            case "client.authenticating":
                s.Host ??= e["host"];
                s.Port ??= ParsePort(e["port"]);
                s.User ??= e["user"];
                break;
            case "client.permission-denied":
                s.User ??= e["user"];
                s.Host ??= e["host"];
                if (e["methods"] is { } denied)
                {
                    s.Methods = ClientSession.SplitList(denied);
                }

                break;
            case "client.proposal-header":
                s.LastProposalHeader = e["who"];
                break;
            case "client.proposal-line":
                {
                    var field = e["field"]!;
                    var list = e["list"] ?? string.Empty;
                    var target = s.ServerProposal.Count > 0 || s.LastProposalHeader == "peer server" ? s.ServerProposal : s.ClientProposal;
                    target.TryAdd(field, list);
                    break;
                }

            case "client.kex-algorithm":
                s.Chosen["kex"] = e["alg"]!;
                break;
            case "client.kex-hostkey-algorithm":
                s.Chosen["hostkey"] = e["alg"]!;
                break;
            case "client.kex-cipher":
                s.Chosen[e["dir"] == "client->server" ? "cipher" : "cipher-stoc"] = e["cipher"]!;
                s.Chosen[e["dir"] == "client->server" ? "mac" : "mac-stoc"] = e["mac"]!;
                break;
            case "client.server-host-key":
                s.HostKeyType = e["type"];
                s.HostKeyFingerprint = e["fp"];
                s.Reached.TryAdd(Stage.Kex, e.Where);
                break;
            case "client.hostkey-fingerprint-sent":
                s.HostKeyType ??= e["type"];
                break;
            case "client.fingerprint-line":
                s.HostKeyFingerprint ??= e["fp"];
                break;
            case "client.key-fingerprint-is":
                s.HostKeyType ??= e["type"];
                s.HostKeyFingerprint ??= e["fp"];
                break;
            case "client.found-key":
                s.KnownHostsMatch = $"{e["file"]}:{e["line"]}";
                s.Reached.TryAdd(Stage.HostKey, e.Where);
                break;
            case "client.host-known" or "client.permanently-added":
                s.Reached.TryAdd(Stage.HostKey, e.Where);
                break;
            case "client.offending-key":
                s.OffendingEntry = $"{e["file"]}:{e["line"]}";
                s.OffendingType = e["type"];
                break;
            case "client.newkeys":
                s.Reached.TryAdd(Stage.Kex, e.Where);
                s.Reached.TryAdd(Stage.HostKey, e.Where);
                break;
            case "client.service-accept":
                s.Reached.TryAdd(Stage.HostKey, e.Where);
                break;
            case "client.methods":
                s.Methods = ClientSession.SplitList(e["methods"] ?? string.Empty);
                MarkLastOffered(s, KeyResult.Rejected, e.Where, null);
                break;
            case "client.will-attempt":
                Key(s, e["identity"]!, e.Where);
                break;
            case "client.offering" or "client.trying-private-key":
                {
                    var key = Key(s, e["identity"]!, e.Where);
                    key.Type ??= e["type"];
                    key.Result = KeyResult.Rejected;
                    key.Detail = "offered";
                    key.Where = e.Where;
                    break;
                }

            case "client.server-accepts-key":
                {
                    var key = Key(s, e["identity"]!, e.Where);
                    key.Result = KeyResult.Accepted;
                    key.Detail = null;
                    key.Where = e.Where;
                    break;
                }

            case "client.skipping-key":
                {
                    var key = Key(s, e["identity"]!, e.Where);
                    key.Type ??= e["type"];
                    key.Result = KeyResult.Skipped;
                    key.Detail = e["reason"];
                    break;
                }

            case "client.no-such-identity":
                {
                    var key = Key(s, e["file"]!, e.Where);
                    key.Result = KeyResult.NotLoaded;
                    key.Detail = e["reason"];
                    break;
                }

            case "client.load-key":
                {
                    var reason = e["reason"] ?? string.Empty;
                    if (!reason.Contains("No such file", StringComparison.Ordinal))
                    {
                        var key = Key(s, e["file"]!, e.Where);
                        key.Result = KeyResult.NotLoaded;
                        key.Detail = reason;
                    }

                    break;
                }

            case "client.sign-failed":
                {
                    var file = e["file"];
                    var key = file is null ? s.Keys.LastOrDefault(k => k.Result == KeyResult.Accepted) : Key(s, file, e.Where);
                    if (key is not null)
                    {
                        key.Result = KeyResult.SigningFailed;
                        key.Detail = e["reason"];
                    }

                    break;
                }

            case "client.authenticated" or "client.auth-succeeded":
                s.Reached.TryAdd(Stage.Kex, e.Where);
                s.Reached.TryAdd(Stage.HostKey, e.Where);
                s.Reached.TryAdd(Stage.Auth, e.Where);
                if (e["ip"] is null && e.Message.Contains("via proxy", StringComparison.Ordinal))
                {
                    s.ViaProxy = true;
                }

                break;
            case "client.session-channel" or "client.interactive" or "client.request-accepted" or "client.exit-status":
                if (s.Reached.ContainsKey(Stage.Auth) || e.Kind != "client.session-channel")
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
        if (sessions.Count > 1 || !outer.ViaProxy || outer.Has("client.proxy-command") || outer.Has("client.version"))
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
