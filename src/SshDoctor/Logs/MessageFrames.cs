using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Logs;

/// <summary>
/// What other programs and people put around ssh's lines when they are pasted: VS Code Remote-SSH's log prefixes,
/// a terminal capture's <c>terminal received data: "…"</c>, Ansible's JSON <c>"msg": "…\r\n…"</c>, CI timestamps and
/// annotations, <c>&gt; </c> quotes, Markdown, labels (<c>error : </c>, <c>remote: </c>). One table: each frame is a
/// shape with the text inside it (<c>inner</c>) and how that text is escaped. A line no signature knows is opened
/// frame by frame, inner frames too, and is replaced by what is inside when that holds a message a signature knows.
/// </summary>
internal static partial class MessageFrames
{
    /// <summary>Frames inside frames followed (a VS Code line holding a quote holding Markdown).</summary>
    private const int MaxDepth = 4;

    /// <summary>Places in a line tried as the start of a message behind a label nobody listed (<c>qemu: </c>, <c>Error: </c>).</summary>
    private const int MaxLabelCuts = 6;

    /// <summary>Lines one escaped string (Ansible's msg, a terminal capture) may hold.</summary>
    private const int MaxInnerLines = 400;

    /// <summary>Places one frame is tried at in a line (code spans, bold text).</summary>
    private const int MaxMatchesPerFrame = 8;

    private static readonly Frame[] Table =
    [
        // VS Code Remote-SSH: "[11:37:56.174] stderr> debug1: …", "[17:01:14.153] > ssh: connect …", and its own
        // sentences that quote ssh ("Install terminal quit with output: ssh: …", "Got stderr from ssh: OpenSSH_7.9p1").
        new("vscode-remote-ssh", VsCode(), Escaping.None),
        new("terminal-data", TerminalData(), Escaping.Json),
        // Ansible (ssh and paramiko connection plugins) and other tools that report in JSON: any string member
        // holding a message, with \r\n line breaks and \" quotes escaped.
        new("json-member", JsonMember(), Escaping.Json),
        new("json-array-item", JsonArrayItem(), Escaping.Json),
        // Python's repr of bytes (Ansible -vvvv: "(255, b'', b'OpenSSH_9.2p1 …\r\ndebug1: …')").
        new("python-bytes", PythonBytes(), Escaping.Json),
        new("ansible-via-ssh", AnsibleLabel(), Escaping.None),
        new("ci-annotation", CiAnnotation(), Escaping.None),
        // docker build (BuildKit): "#12 0.531 Host key verification failed." (step number, seconds into the step).
        new("docker-buildkit", DockerBuildKit(), Escaping.None),
        // Python's logging.basicConfig format, as paramiko and AsyncSSH users turn on DEBUG: "DEBUG:paramiko.transport:…".
        new("python-logging", PythonLogging(), Escaping.None),
        new("timestamp", Timestamp(), Escaping.None),
        // Win32-OpenSSH's own log files (sshd.log, ssh-agent.log): "PID HH:MM:SS MMM …", "PID HH:MM:SS:MMM …" or
        // "PID YYYY-MM-DD HH:MM:SS.MMM …" before sshd's message, with no syslog header.
        new("win32-openssh-log", Win32OpenSshLog(), Escaping.None),
        new("quote", Quote(), Escaping.None),
        new("markdown-code", MarkdownCode(), Escaping.None, Several: true),
        new("markdown-emphasis", MarkdownEmphasis(), Escaping.None, Several: true),
        new("list-item", ListItem(), Escaping.None),
        new("quoted-text", QuotedText(), Escaping.Json),
        // A message quoted inside a sentence: the log says 'server refused our key', sshd log file:"Bad permissions. …
        // (the closing quote may be on the next line).
        new("inline-quote", InlineQuote(), Escaping.None, Several: true),
    ];

    /// <summary>
    /// Anchors long enough to say a line may hold a message somewhere inside (short ones such as ": " are everywhere); in
    /// any case, as a person quoting a message may lowercase its first word.
    /// </summary>
    private static readonly SearchValues<string> LongAnchors = SearchValues.Create(
        [.. SignatureTable.All.Select(s => s.Anchor).Where(a => a.Length >= 6).Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase);

    private enum Escaping
    {
        None,

        /// <summary>A JSON string body: <c>\r\n</c>, <c>\"</c>, <c>\\</c>, <c>\uXXXX</c>; line breaks split it into lines.</summary>
        Json,
    }

    /// <summary>Frames a log program puts at the start of every line it writes (a wrapped message's second half has one too).</summary>
    private static readonly Regex[] LinePrefixes = [VsCode(), CiAnnotation(), DockerBuildKit(), PythonLogging(), Timestamp(), Win32OpenSshLog()];

    /// <summary>
    /// The text after the prefix a log program put at the start of this line and of <paramref name="previous"/> (a CI
    /// timestamp before both halves of a message a narrow terminal wrapped); null when the two lines share no such frame.
    /// </summary>
    public static string? AfterSharedPrefix(string previous, string text)
    {
        foreach (var prefix in LinePrefixes)
        {
            if (prefix.Match(text) is { Success: true } m && prefix.IsMatch(previous))
            {
                return m.Groups["inner"].Value;
            }
        }

        return null;
    }

    /// <summary>Could any frame hold a message here? A signature's anchor must be in the line (escaped text aside).</summary>
    public static bool MayHold(string text) => text.Length > 0 && text.AsSpan().IndexOfAny(LongAnchors) >= 0;

    /// <summary>The lines inside the frames around <paramref name="text"/>, when one of them is a message <paramref name="recognised"/> knows; else null.</summary>
    /// <remarks>A <c># </c> comment line (a sample's header, a shell comment) is no frame: its quotes are someone's words.</remarks>
    public static IReadOnlyList<string>? Open(string text, Func<string, bool> recognised) =>
        text.StartsWith("# ", StringComparison.Ordinal) ? null : Open(text, recognised, 0);

    private static List<string>? Open(string text, Func<string, bool> recognised, int depth)
    {
        if (depth >= MaxDepth)
        {
            return null;
        }

        foreach (var frame in Table)
        {
            // Every place the frame fits: a sentence may hold two code spans, the second one ssh's message; a frame
            // people write several of in one sentence gives every known message in them, in order (the command, then
            // what it printed).
            var m = Match.Empty;
            List<string>? found = null;
            for (var tries = 0; tries < MaxMatchesPerFrame; tries++)
            {
                try
                {
                    m = tries == 0 ? frame.Pattern.Match(text) : m.NextMatch();
                }
                catch (RegexMatchTimeoutException)
                {
                    break;
                }

                if (!m.Success)
                {
                    break;
                }

                if (Inside(m.Groups["inner"].Value, frame.Escaping, recognised, depth) is { } lines)
                {
                    if (!frame.Several)
                    {
                        return lines;
                    }

                    (found ??= []).AddRange(lines);
                }
            }

            if (found is not null)
            {
                return found;
            }
        }

        // A label nobody listed: the message may start after any ": ", "] ", "> " or "| " of the line.
        var cuts = 0;
        var sshDebug = SshDebugLine().IsMatch(text);
        for (var i = text.IndexOfAny(SeparatorStarts); i >= 0 && i + 2 < text.Length && cuts < MaxLabelCuts; i = text.IndexOfAny(SeparatorStarts, i + 1))
        {
            if (text[i + 1] != ' ' || (sshDebug && !IsSshDebugLabel(text, i)))
            {
                continue;
            }

            cuts++;
            var rest = text[(i + 2)..].TrimStart();
            if (rest.Length > 0 && recognised(rest))
            {
                return [rest];
            }

            if (depth == 0 && !sshDebug && rest.Length > 0 && Open(rest, recognised, depth + 1) is { } framed)
            {
                // A label before a frame: "**Error:** **Host key verification failed.**" (one level: the cuts of a
                // cut would multiply the work per line).
                return framed;
            }
        }

        return null;
    }

    private static readonly char[] SeparatorStarts = [':', ']', '>', '|'];

    /// <summary>
    /// In ssh's own debug line the words before a colon are ssh's function names and values, not another program's
    /// label (<c>debug1: compat_banner: match: OpenSSH_9.2p1 …</c> names the server's version, not a new ssh): the
    /// only labels are its <c>debugN</c> and sshd's <c>Remote</c>, and no frame follows them.
    /// </summary>
    private static bool IsSshDebugLabel(string text, int separator) =>
        text[separator] != ':' || SshDebugLabel().IsMatch(text.AsSpan(0, separator));

    private static List<string>? Inside(string inner, Escaping escaping, Func<string, bool> recognised, int depth)
    {
        var pieces = escaping == Escaping.Json ? JsonLines(inner) : [inner];
        var result = new List<string>(pieces.Count);
        var found = false;
        foreach (var piece in pieces)
        {
            var clean = TerminalText.Clean(piece).Trim();
            if (clean.Length == 0)
            {
                continue;
            }

            if (AsWritten(clean, recognised) is { } message)
            {
                result.Add(message);
                found = true;
            }
            else if (Open(clean, recognised, depth + 1) is { } deeper)
            {
                result.AddRange(deeper);
                found = true;
            }
            else
            {
                result.Add(clean);
            }
        }

        return found ? result : null;
    }

    /// <summary>
    /// The quoted text as the program wrote it: a person quoting a message inside a sentence often lowercases its first
    /// letter ("the log says 'server refused our key'"), which the program wrote capitalised. Null when neither is known.
    /// </summary>
    private static string? AsWritten(string text, Func<string, bool> recognised)
    {
        if (recognised(text))
        {
            return text;
        }

        if (!char.IsAsciiLetterLower(text[0]))
        {
            return null;
        }

        var capitalised = char.ToUpperInvariant(text[0]) + text[1..];
        return recognised(capitalised) ? capitalised : null;
    }

    /// <summary>A JSON string body unescaped and split at its line breaks (a bad escape is kept as written).</summary>
    private static List<string> JsonLines(string body)
    {
        var lines = new List<string>();
        var line = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length && lines.Count < MaxInnerLines; i++)
        {
            var c = body[i];
            if (c != '\\' || i + 1 >= body.Length)
            {
                line.Append(c);
                continue;
            }

            var next = body[++i];
            switch (next)
            {
                case 'n':
                    lines.Add(line.ToString());
                    line.Clear();
                    break;
                case 'r':
                    break;
                case 't':
                    line.Append(' ');
                    break;
                case 'u' when i + 4 < body.Length && ushort.TryParse(body.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code):
                    line.Append((char)code);
                    i += 4;
                    break;
                case '"' or '\\' or '/' or '\'':
                    line.Append(next);
                    break;
                default:
                    line.Append('\\').Append(next);
                    break;
            }
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <param name="Several">People put several in one sentence (code spans, bold text, quotes): each is read.</param>
    private sealed record Frame(string Name, Regex Pattern, Escaping Escaping, bool Several = false);

    [GeneratedRegex(@"^\[\d{1,2}:\d\d:\d\d(?:\.\d{1,3})?\] (?:(?:stderr|stdout)> ?|> ?|(?:Got (?:stderr|stdout) from ssh|Install terminal quit with output|Received install output|Terminal output|Error|error)[^:]*: )?(?<inner>.+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex VsCode();

    [GeneratedRegex("terminal received data: \"(?<inner>(?:[^\"\\\\]|\\\\.)*)\"?\\s*$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase, 200)]
    private static partial Regex TerminalData();

    [GeneratedRegex("\"(?:msg|message|stderr|stdout|module_stderr|module_stdout|error|err|output)\"\\s*:\\s*\"(?<inner>(?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex JsonMember();

    [GeneratedRegex(@"\bb'(?<inner>(?:[^'\\]|\\.){6,})'", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex PythonBytes();

    [GeneratedRegex("^\\s*\"(?<inner>(?:[^\"\\\\]|\\\\.)*)\",?\\s*$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex JsonArrayItem();

    [GeneratedRegex(@"^debug[1-3]: ", RegexOptions.CultureInvariant, 100)]
    private static partial Regex SshDebugLine();

    [GeneratedRegex(@"^debug[1-3](: Remote)?$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex SshDebugLabel();

    [GeneratedRegex(@"^(?:Failed to connect to the host via ssh|Data could not be sent to remote host ""[^""]*""\. Make sure this host can be reached over ssh|ssh connection failed|Connection failed)\s*:\s*(?<inner>.+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase, 200)]
    private static partial Regex AnsibleLabel();

    [GeneratedRegex(@"^(?:##\[(?:error|warning|debug|command|group)\]|::(?:error|warning|notice)[^:]*::|\[(?:Pipeline|ERROR|WARN|INFO)\] )(?<inner>.+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex CiAnnotation();

    [GeneratedRegex(@"^#\d{1,4} (?:\d+\.\d+ )?(?<inner>.+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex DockerBuildKit();

    [GeneratedRegex(@"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):[\w.]+:(?<inner>.+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex PythonLogging();

    [GeneratedRegex(@"^\[?(?:\d{4}-\d\d-\d\d[T ])?\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\]?\s+(?<inner>.+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^(?:>\s?)+(?<inner>.+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex Quote();

    // A fence's language word ("```bash ssh …") only after three backticks: in a one-backtick span the first word is the message's.
    [GeneratedRegex(@"(?:^|\s)(?:```(?:[a-z]+\s+)?|`{1,2})(?<inner>[^`]{6,}?)\s*(?:`{1,3}|$)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex MarkdownCode();

    [GeneratedRegex(@"(?:\*\*|__)(?<inner>.{6,}?)(?:\*\*|__)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex MarkdownEmphasis();

    [GeneratedRegex(@"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(?<inner>.+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex ListItem();

    [GeneratedRegex("^[\"'“](?<inner>.+?)[\"'”][.,]?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"^\d{1,7} (?:\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d(?:[.:]\d{3}| \d{3}) (?<inner>.+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex Win32OpenSshLog();

    [GeneratedRegex(@"(?:^|[\s:(=])(?:""(?<inner>[^""]{6,}?)(?:""|$)|“(?<inner>[^”]{6,}?)(?:”|$)|'(?<inner>[^']{6,}?)(?:'|$)|‘(?<inner>[^’]{6,}?)(?:’|$))", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex InlineQuote();
}
