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

    /// <summary>The longest line <see cref="Unwrap"/> makes: OpenSSH's longest messages (algorithm lists) are a few thousand characters.</summary>
    private const int MaxJoinedChars = 8 * 1024;

    public static ClassifiedInput Classify(InputText input)
    {
        var lines = Unwrap(input.Lines);
        var events = new List<LogEvent>();
        var pending = new List<(LineReading Reading, SignatureMatch? Client, SignatureMatch? Server)>();
        var unrecognised = 0;
        var clientScore = 0;
        var serverScore = 0;

        foreach (var reading in lines)
        {
            var line = reading.Line;
            if (line.Text.Length == 0)
            {
                continue;
            }

            var header = reading.Header;
            if (header.Process is not null || header.Time is not null)
            {
                if (header.Process is null || ServerProcesses.Contains(header.Process) || header.Process.StartsWith("fail2ban", StringComparison.Ordinal))
                {
                    if (reading.Server is { } match)
                    {
                        events.Add(new LogEvent(line, LogSide.Server, header, reading.Message, match, reading.IsDebug));
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

            var client = reading.Client;
            var server = reading.Server;
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

            pending.Add((reading, client, server));
        }

        var preferServer = serverScore > clientScore;
        foreach (var (reading, client, server) in pending)
        {
            var useServer = client is null || (server is not null && preferServer);
            events.Add(useServer
                ? new LogEvent(reading.Line, LogSide.Server, ServerLineHeader.None, reading.Message, server!, reading.IsDebug)
                : new LogEvent(reading.Line, LogSide.Client, ServerLineHeader.None, reading.Message, client!, reading.IsDebug));
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

    /// <summary>
    /// Joins lines a terminal wrapped when the text was copied: a line no signature knows is glued to a long line
    /// before it when the two together make a message we recognise (a long "Their offer:" list, a method list). Each join
    /// reads the joined text again, so it stops at <see cref="MaxJoinedChars"/>: thousands of short lines after a list
    /// would otherwise cost the square of their number.
    /// </summary>
    internal static IReadOnlyList<LineReading> Unwrap(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<LineReading>(lines.Count);
        foreach (var line in lines)
        {
            var reading = new LineReading(line);
            var previous = result.Count > 0 ? result[^1] : null;
            if (previous is not null && previous.Line.Text.Length >= 60 && line.Text.Length is > 0 and < 4096
                && previous.Line.Text.Length + line.Text.Length <= MaxJoinedChars
                && !previous.Line.Text.EndsWith('.') && !previous.Line.Text.EndsWith(')') && !char.IsWhiteSpace(line.Text[0])
                && line.Text[0] != '#' && !line.Text.StartsWith("debug", StringComparison.Ordinal) && !reading.Recognised
                && (!previous.Recognised || !line.Text.Contains(' ', StringComparison.Ordinal)))
            {
                var joined = new LineReading(previous.Line with { Text = previous.Line.Text + line.Text });
                if (joined.Recognised)
                {
                    result[^1] = joined;
                    continue;
                }
            }

            result.Add(reading);
        }

        return result;
    }

    private static bool IsClientMarker(SignatureMatch match) =>
        match.Signature.Name is "client.version" or "client.reading-config" or "client.authenticating" or "client.connecting" or "client.permission-denied";
}
