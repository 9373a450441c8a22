using System.Globalization;
using SshDoctor.Cli.Rendering;
using SshDoctor.Cli.Rendering.Logs;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Commands;

/// <summary>Where each kept record and the final summary go, for the chosen format.</summary>
internal sealed class LogsOutput
{
    private readonly LogsOptions options;
    private readonly Stream stream;
    private readonly Terminal text;
    private readonly EventJsonWriter? events;
    private readonly EventCsvWriter? csv;

    private LogsOutput(LogsOptions options, Stream stream)
    {
        this.options = options;
        this.stream = stream;
        text = Terminal.Over(stream, color: false);
        events = options.Format == LogsFormat.Events ? new EventJsonWriter(stream) : null;
        csv = options.Format == LogsFormat.Csv ? new EventCsvWriter(stream) : null;
    }

    /// <summary>Output into <paramref name="stream"/> (standard output, buffered by the caller).</summary>
    public static LogsOutput Create(LogsOptions options, Stream stream) => new(options, stream);

    public void Write(LogRecord record)
    {
        if (!record.Recognised && !options.ListUnknown)
        {
            return;
        }

        switch (options.Format)
        {
            case LogsFormat.Events:
                events!.Write(record);
                break;
            case LogsFormat.Csv:
                csv!.Write(record);
                break;
            case LogsFormat.Human when options.Follow:
                WriteLine(record);
                text.Flush();
                stream.Flush();
                break;
            case LogsFormat.Human when !record.Recognised:
                text.WriteLine($"? {record.File}:{record.Line.ToString(CultureInfo.InvariantCulture)}: {record.Text}");
                break;
            default:
                break;
        }

        if (options.Follow && options.Format != LogsFormat.Human)
        {
            events?.Flush();
            csv?.Flush();
            text.Flush();
            stream.Flush();
        }
    }

    /// <summary>
    /// A line of a block for <c>--events</c> or <c>--csv</c> (see <see cref="WritesLines"/>), written from its fields
    /// with no record made; the pipeline passes only the lines the output shows.
    /// </summary>
    public void Write(in SshLine line, string file)
    {
        if (events is not null)
        {
            events.Write(line, file);
        }
        else
        {
            csv!.Write(line, file);
        }
    }

    /// <summary>Whether <see cref="Write(in SshLine, string)"/> serves the format (the per-line formats).</summary>
    public bool WritesLines => events is not null || csv is not null;

    public void Complete(LogSummary summary, IReadOnlyList<LogRecord>? unknownLines)
    {
        switch (options.Format)
        {
            case LogsFormat.Json:
                text.Flush();
                SummaryJsonWriter.Write(stream, summary, options.Language, unknownLines);
                break;
            case LogsFormat.Csv:
                csv!.Complete();
                break;
            case LogsFormat.Human when !options.Follow:
                if (options.ListUnknown && summary.Unknown > 0)
                {
                    text.WriteLine();
                }

                new SummaryConsoleRenderer(text, options.Language, options.ListUnknown).Render(summary);
                break;
            default:
                break;
        }

        text.Flush();
        events?.Dispose();
        stream.Flush();
    }

    /// <summary>One event as a line for people (follow mode).</summary>
    private void WriteLine(LogRecord r)
    {
        var who = string.Join(' ', new[] { r.User is null ? null : $"user={r.User}", r.Ip is null ? null : $"ip={r.Ip}", r.Port is null ? null : $"port={r.Port.Value.ToString(CultureInfo.InvariantCulture)}" }.Where(s => s is not null));
        text.WriteLine($"{r.Time?.Format() ?? "-"} {r.Host ?? "-"} {r.Process ?? "-"}[{r.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"}] {r.Id ?? "?"} {who} | {r.Text}");
    }
}
