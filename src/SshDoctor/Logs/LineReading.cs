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
    private (ServerLineHeader Header, string Raw)? _split;
    private string? _message;
    private SignatureMatch? _client;
    private SignatureMatch? _server;
    private bool _clientDone;
    private bool _serverDone;
    private string? _standIn;
    private bool _standInDone;
    private bool? _binary;

    public SourceLine Line { get; } = line;

    public ServerLineHeader Header => Split.Header;

    /// <summary>The message without prefix, level word or <c>[preauth]</c>.</summary>
    public string Message => _message ??= MessageText.Strip(Split.Raw);

    /// <summary>A <c>debugN:</c> line.</summary>
    public bool IsDebug => Split.Raw.StartsWith("debug", StringComparison.Ordinal);

    /// <summary>The first client signature that fits the message (as <see cref="SignatureTable.Match"/> finds it).</summary>
    public SignatureMatch? Client
    {
        get
        {
            if (!_clientDone)
            {
                _client = IsBinary ? null : FastSignatureMatcher.Client.Match(Message) ?? ThroughPlaceholders(FastSignatureMatcher.Client);
                _clientDone = true;
            }

            return _client;
        }
    }

    /// <summary>The first server signature that fits the message.</summary>
    public SignatureMatch? Server
    {
        get
        {
            if (!_serverDone)
            {
                _server = IsBinary ? null : FastSignatureMatcher.Server.Match(Message) ?? ThroughPlaceholders(FastSignatureMatcher.Server);
                _serverDone = true;
            }

            return _server;
        }
    }

    /// <summary>Mostly control characters or undecodable bytes: no signature is tried (<see cref="BinaryLine"/>).</summary>
    private bool IsBinary => _binary ??= BinaryLine.Is(Line.Text);

    /// <summary>Some signature of either side fits.</summary>
    public bool Recognised => Client is not null || Server is not null;

    /// <summary>
    /// A message someone redacted (<c>Received disconnect from &lt;ip&gt; port &lt;port&gt;:2: …</c>) read with stand-ins
    /// for the placeholders (<see cref="RedactionPlaceholders"/>); the match keeps the text as written.
    /// </summary>
    private SignatureMatch? ThroughPlaceholders(FastSignatureMatcher matcher)
    {
        if (!_standInDone)
        {
            _standIn = RedactionPlaceholders.StandIn(Message);
            _standInDone = true;
        }

        return _standIn is null ? null : matcher.Match(_standIn)?.On(Message);
    }

    private (ServerLineHeader Header, string Raw) Split => _split ??= ServerLinePrefix.Split(Line.Text);
}
