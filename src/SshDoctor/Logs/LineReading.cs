using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Logs;

/// <summary>
/// One line as <see cref="LogReader"/> reads it: its prefix, its message and what each side's signatures make of the
/// message, each worked out once when first asked (joining wrapped lines and classifying ask the same questions).
/// </summary>
internal sealed class LineReading(SourceLine line)
{
    private (ServerLineHeader Header, string Raw)? split;
    private string? message;
    private SignatureMatch? client;
    private SignatureMatch? server;
    private bool clientDone;
    private bool serverDone;
    private string? standIn;
    private bool standInDone;

    public SourceLine Line { get; } = line;

    public ServerLineHeader Header => Split.Header;

    /// <summary>The message without prefix, level word or <c>[preauth]</c>.</summary>
    public string Message => message ??= MessageText.Strip(Split.Raw);

    /// <summary>A <c>debugN:</c> line.</summary>
    public bool IsDebug => Split.Raw.StartsWith("debug", StringComparison.Ordinal);

    /// <summary>The first client signature that fits the message (as <see cref="SignatureTable.Match"/> finds it).</summary>
    public SignatureMatch? Client
    {
        get
        {
            if (!clientDone)
            {
                client = FastSignatureMatcher.Client.Match(Message) ?? ThroughPlaceholders(FastSignatureMatcher.Client);
                clientDone = true;
            }

            return client;
        }
    }

    /// <summary>The first server signature that fits the message.</summary>
    public SignatureMatch? Server
    {
        get
        {
            if (!serverDone)
            {
                server = FastSignatureMatcher.Server.Match(Message) ?? ThroughPlaceholders(FastSignatureMatcher.Server);
                serverDone = true;
            }

            return server;
        }
    }

    /// <summary>Some signature of either side fits.</summary>
    public bool Recognised => Client is not null || Server is not null;

    /// <summary>
    /// A message someone redacted (<c>Received disconnect from &lt;ip&gt; port &lt;port&gt;:2: …</c>) read with stand-ins
    /// for the placeholders (<see cref="RedactionPlaceholders"/>); the match keeps the text as written.
    /// </summary>
    private SignatureMatch? ThroughPlaceholders(FastSignatureMatcher matcher)
    {
        if (!standInDone)
        {
            standIn = RedactionPlaceholders.StandIn(Message);
            standInDone = true;
        }

        return standIn is null ? null : matcher.Match(standIn)?.On(Message);
    }

    private (ServerLineHeader Header, string Raw) Split => split ??= ServerLinePrefix.Split(Line.Text);
}
