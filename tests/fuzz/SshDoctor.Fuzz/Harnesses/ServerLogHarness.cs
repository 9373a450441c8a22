using SshDoctor.Logs;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// Server log lines one by one: the prefix reader (syslog, RFC 5424, ISO, journal, Dropbear), the message stripping
/// and the signature table on both sides, then the whole input through <see cref="LogReader.Classify"/>.
/// </summary>
public sealed class ServerLogHarness : IHarness
{
    public string Name => "server-log";

    public string Covers => "ServerLinePrefix.Split, MessageText.Strip, SignatureTable.Match, LogReader.Classify";

    public void Run(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        var text = BoundedLineReader.Read("server.log", stream, InputLimits.Default);
        foreach (var line in text.Lines)
        {
            var (header, message) = ServerLinePrefix.Split(line.Text);
            ProducedText.CheckAll(header, "header");
            ProducedText.Check(message, "message");
            var stripped = MessageText.Strip(message);
            ProducedText.Check(stripped, "stripped message");
            foreach (var side in (LogSide[])[LogSide.Server, LogSide.Client])
            {
                if (SignatureTable.Match(stripped, side) is { } match)
                {
                    foreach (var group in match.Signature.Regex.GetGroupNames())
                    {
                        ProducedText.Check(match.Group(group), $"{match.Signature.Name} group {group}");
                    }
                }
            }
        }

        var classified = LogReader.Classify(text);
        foreach (var e in classified.Events)
        {
            ProducedText.Check(e.Message, "event message");
        }
    }
}
