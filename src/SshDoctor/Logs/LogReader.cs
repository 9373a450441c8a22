using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Logs;

/// <summary>What one input turned out to be, and its recognised lines.</summary>
public sealed record ClassifiedInput(InputText Input, string Kind, IReadOnlyList<LogEvent> Events, int Unrecognised);

/// <summary>
/// Recognises the lines of an input with the signature table and decides, per line, whether it is the client's or
/// the server's: a syslog/journal prefix naming sshd (or Dropbear, fail2ban) makes it a server line; unprefixed lines
/// (pasted <c>ssh</c> output or a raw <c>sshd -E</c> file) go to the side whose signatures fit the input best.
/// </summary>
public static class LogReader
{
    private static readonly HashSet<string> ServerProcesses = new(StringComparer.Ordinal)
    {
        "sshd", "sshd-session", "sshd-auth", "dropbear", "sshguard", "audit", "kernel", "fail2ban.actions", "fail2ban.filter",
    };

    public static ClassifiedInput Classify(InputText input)
    {
        var events = new List<LogEvent>();
        var pending = new List<(SourceLine Line, string Message, SignatureMatch? Client, SignatureMatch? Server, bool Debug)>();
        var unrecognised = 0;
        var clientScore = 0;
        var serverScore = 0;

        foreach (var line in input.Lines)
        {
            if (line.Text.Length == 0)
            {
                continue;
            }

            var (header, rawMessage) = ServerLinePrefix.Split(line.Text);
            var message = MessageText.Strip(rawMessage);
            var debug = rawMessage.StartsWith("debug", StringComparison.Ordinal);
            if (header.Process is not null || header.Time is not null)
            {
                if (header.Process is null || ServerProcesses.Contains(header.Process) || header.Process.StartsWith("fail2ban", StringComparison.Ordinal))
                {
                    var match = SignatureTable.Match(message, LogSide.Server);
                    if (match is not null)
                    {
                        events.Add(new LogEvent(line, LogSide.Server, header, message, match, debug));
                        serverScore += 2;
                        continue;
                    }
                }

                if (header.Process is not null)
                {
                    // A prefixed line of another program (CRON, sudo, systemd) or an sshd line we do not know.
                    unrecognised++;
                    continue;
                }
            }

            var client = SignatureTable.Match(message, LogSide.Client);
            var server = SignatureTable.Match(message, LogSide.Server);
            if (client is null && server is null)
            {
                unrecognised++;
                continue;
            }

            if (client is not null && server is null)
            {
                clientScore += IsClientMarker(client) ? 5 : 1;
            }
            else if (server is not null && client is null)
            {
                serverScore += 1;
            }

            pending.Add((line, message, client, server, debug));
        }

        var preferServer = serverScore > clientScore;
        foreach (var (line, message, client, server, debug) in pending)
        {
            var useServer = client is null || (server is not null && preferServer);
            events.Add(useServer
                ? new LogEvent(line, LogSide.Server, ServerLineHeader.None, message, server!, debug)
                : new LogEvent(line, LogSide.Client, ServerLineHeader.None, message, client!, debug));
        }

        events.Sort((a, b) => a.Line.Number.CompareTo(b.Line.Number));
        var hasClient = events.Any(e => e.Side == LogSide.Client);
        var hasServer = events.Any(e => e.Side == LogSide.Server);
        var kind = (hasClient, hasServer) switch
        {
            (true, true) => "mixed",
            (true, false) => "client-log",
            (false, true) => "server-log",
            _ => "unknown",
        };
        return new ClassifiedInput(input, kind, events, unrecognised);
    }

    private static bool IsClientMarker(SignatureMatch match) =>
        match.Signature.Name is "client.version" or "client.reading-config" or "client.authenticating" or "client.connecting" or "client.permission-denied";
}
