using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Logs.Signatures.EventNames;

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
                if (header.Process is null || SshProcess.Is(header.Process, reading.Message))
                {
                    if (reading.Server is { } match)
                    {
                        events.Add(new LogEvent(line, LogSide.Server, header, reading.Message, match, reading.IsDebug));
                        serverScore += 2;
                        continue;
                    }
                }

                if (header.Process is not null && SshProcess.IsClient(header.Process) && reading.Client is { } clientLine)
                {
                    // ssh's own stderr in the journal: a tunnel unit (ssh -N, autossh) logs under the client's name.
                    events.Add(new LogEvent(line, LogSide.Client, ServerLineHeader.None, reading.Message, clientLine, reading.IsDebug));
                    clientScore += 1;
                    continue;
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
    /// Joins lines that belong to one message: a line a terminal wrapped when the text was copied (no signature knows
    /// it, and glued to a long line before it the two make a message we recognise: a long "Their offer:" list, a method
    /// list), and a message its program broke at word ends (PuTTY's <c>FATAL ERROR: Remote side sent disconnect
    /// message</c> / <c>type 2 (protocol error):</c> / <c>"Too many authentication failures"</c>): up to
    /// <see cref="MaxWordWrapLines"/> unknown lines in a row, joined with a space, when the whole is a known message.
    /// Each join reads the joined text again, so it stops at <see cref="MaxJoinedChars"/>: thousands of short lines
    /// after a list would otherwise cost the square of their number.
    /// </summary>
    internal static IReadOnlyList<LineReading> Unwrap(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<LineReading>(lines.Count);
        var unknownRun = 0;
        foreach (var reading in lines.SelectMany(Unframed))
        {
            var line = reading.Line;
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
                    unknownRun = 0;
                    continue;
                }

                // Both halves behind the prefix their log program puts on every line (a CI timestamp): the second half
                // goes on after its own prefix, and the whole is read inside the first line's frame.
                if (!previous.Recognised && MessageFrames.AfterSharedPrefix(previous.Line.Text, line.Text) is { Length: > 0 } rest
                    && Unframed(previous.Line with { Text = previous.Line.Text + rest }).ToList() is [{ Recognised: true } framed])
                {
                    result[^1] = framed;
                    unknownRun = 0;
                    continue;
                }
            }

            if (WordWrapJoin(result, reading, unknownRun) is { } wrapped)
            {
                result.RemoveRange(result.Count - wrapped.Lines, wrapped.Lines);
                result.Add(wrapped.Reading);
                unknownRun = 0;
                continue;
            }

            result.Add(reading);
            unknownRun = line.Text.Length is > 0 and <= MaxWordWrapChars && line.Text[0] != '#' && !reading.Recognised ? unknownRun + 1 : 0;
        }

        return result;
    }

    /// <summary>
    /// The line, or what is inside the frames another program or a person put around it (<see cref="MessageFrames"/>)
    /// when the line itself is no message we know and what is inside is. Opened even when a loose pattern fits the line:
    /// a line holding escaped line breaks (<c>\r\n</c> in JSON, a Python repr), which is many messages, and sshd's
    /// <c>Remote: </c> debug lines, the word being also a label people and tools put before ssh's messages.
    /// </summary>
    private static IEnumerable<LineReading> Unframed(SourceLine source)
    {
        var reading = new LineReading(source);
        var framedLines = source.Text.Contains("\\n", StringComparison.Ordinal);
        if ((reading.Recognised && !framedLines && reading.Client?.Signature.Name != ClientRemoteDebug.Name) || !MessageFrames.MayHold(source.Text))
        {
            return [reading];
        }

        var inner = MessageFrames.Open(source.Text, text => new LineReading(source with { Text = text }).Recognised);
        return inner is null ? [reading] : inner.Select(text => new LineReading(source with { Text = text }));
    }

    /// <summary>The lines of one message a program broke at word ends that <see cref="Unwrap"/> puts together again.</summary>
    private const int MaxWordWrapLines = 3;

    /// <summary>The longest line taken as part of a word-wrapped message (PuTTY breaks at about 70 characters).</summary>
    private const int MaxWordWrapChars = 200;

    /// <summary>
    /// The unknown line and the one or two unknown lines before it, joined with spaces, when that makes a known message;
    /// the longest join first, so a message's head stays with it (PuTTY's three lines, not only the last two, which a
    /// person's retyping without the head also makes).
    /// </summary>
    private static (LineReading Reading, int Lines)? WordWrapJoin(List<LineReading> result, LineReading reading, int unknownRun)
    {
        var text = reading.Line.Text;
        if (unknownRun == 0 || text.Length is 0 or > MaxWordWrapChars || text[0] == '#' || reading.Recognised)
        {
            return null;
        }

        for (var back = Math.Min(unknownRun, MaxWordWrapLines - 1); back >= 1; back--)
        {
            var joinedText = text.TrimStart();
            for (var i = 1; i <= back; i++)
            {
                joinedText = result[^i].Line.Text.TrimEnd() + " " + joinedText;
            }

            var joined = new LineReading(result[^back].Line with { Text = joinedText });
            if (joined.Recognised)
            {
                return (joined, back);
            }
        }

        return null;
    }

    private static bool IsClientMarker(SignatureMatch match) =>
        match.Signature.Name is ClientVersion.Name or ClientReadingConfig.Name or ClientAuthenticating.Name or ClientConnecting.Name or ClientPermissionDenied.Name;
}
