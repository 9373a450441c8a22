using System.Text;
using SshDoctor.Logs;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// <c>journalctl -o json</c> lines, as both readers take them: <see cref="ServerLinePrefix.Split"/> (explain) and the
/// bulk classifier's slow path (logs), with the times they make of <c>__REALTIME_TIMESTAMP</c>.
/// </summary>
public sealed class JournalJsonHarness : IHarness
{
    private static readonly YearInference Years = new(new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Local));

    public string Name => "journal-json";

    public string Covers => "journal JSON: ServerLinePrefix.Split, LineClassifier (logs), LogReader.Classify (explain)";

    public void Run(byte[] input)
    {
        var classifier = new LineClassifier("journal", Years, FastSignatureMatcher.Server);
        var number = 0;
        foreach (var line in Encoding.UTF8.GetString(input).Split('\n'))
        {
            number++;
            var (header, message) = ServerLinePrefix.Split(line);
            ProducedText.CheckAll(header, "header");
            ProducedText.Check(message, "message");
            if (header.Time is { } time)
            {
                TimeText.TryParse(time, Years, out _, out _);
            }

            if (classifier.Classify(line, number) is { } record)
            {
                ProducedText.CheckAll(record, "record");
            }
        }

        using var stream = new MemoryStream(input, writable: false);
        var classified = LogReader.Classify(BoundedLineReader.Read("journal.json", stream, InputLimits.Default));
        foreach (var e in classified.Events)
        {
            ProducedText.CheckAll(e.Header, "event header");
            ProducedText.Check(e.Message, "event message");
        }
    }
}
