using System.Globalization;
using SshDoctor.Cli.Rendering;
using SshDoctor.Cli.Rendering.Logs;
using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Commands;

/// <summary>Where each kept record and the final summary go, for the chosen format.</summary>
internal sealed class LogsOutput
{
    private readonly LogsOptions _options;
    private readonly Stream _stream;
    private readonly Terminal _text;
    private readonly EventJsonWriter? _events;
    private readonly EventCsvWriter? _csv;

    private LogsOutput(LogsOptions options, Stream stream)
    {
        this._options = options;
        this._stream = stream;
        _text = Terminal.Over(stream, color: false);
        _events = options.Format == LogsFormat.Events ? new EventJsonWriter(stream) : null;
        _csv = options.Format == LogsFormat.Csv ? new EventCsvWriter(stream) : null;
    }

    /// <summary>Output into <paramref name="stream"/> (standard output, buffered by the caller).</summary>
    public static LogsOutput Create(LogsOptions options, Stream stream) => new(options, stream);

    public void Write(LogRecord record)
    {
        if (!record.Recognised && !_options.ListUnknown)
        {
            return;
        }

        switch (_options.Format)
        {
            case LogsFormat.Events:
                _events!.Write(record);
                break;
            case LogsFormat.Csv:
                _csv!.Write(record);
                break;
            case LogsFormat.Human when _options.Follow:
                WriteLine(record);
                _text.Flush();
                _stream.Flush();
                break;
            case LogsFormat.Human when !record.Recognised:
                _text.WriteLine($"? {record.File}:{record.Line.ToString(CultureInfo.InvariantCulture)}: {record.Text}");
                break;
            default:
                break;
        }

        if (_options.Follow && _options.Format != LogsFormat.Human)
        {
            _events?.Flush();
            _csv?.Flush();
            _text.Flush();
            _stream.Flush();
        }
    }

    /// <summary>
    /// A line of a block for <c>--events</c> or <c>--csv</c> (see <see cref="WritesLines"/>), written from its fields
    /// with no record made, the head and tail a worker formatted (<see cref="LineFormat"/>) copied; the pipeline passes
    /// only the lines the output shows.
    /// </summary>
    public void Write(in SshLine line, string file, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        if (_events is not null)
        {
            _events.Write(line, file, head, tail);
        }
        else
        {
            _csv!.Write(line, file, head, tail);
        }
    }

    /// <summary>Whether <see cref="Write(in SshLine, string, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> serves the format (the per-line formats).</summary>
    public bool WritesLines => _events is not null || _csv is not null;

    /// <summary>What the workers format of each line for <see cref="Write(in SshLine, string, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>; null for the other formats.</summary>
    public LineFormat? LineFormat => _events is not null ? EventJsonWriter.Format : _csv is not null ? EventCsvWriter.Format : null;

    public void Complete(LogSummary summary, IReadOnlyList<LogRecord>? unknownLines)
    {
        switch (_options.Format)
        {
            case LogsFormat.Json:
                _text.Flush();
                LogsReportJson.Write(_stream, LogsReportBuilder.Build(summary, _options.Language, unknownLines));
                break;
            case LogsFormat.Csv:
                _csv!.Complete();
                break;
            case LogsFormat.Human when !_options.Follow:
                if (_options.ListUnknown && summary.Unknown > 0)
                {
                    _text.WriteLine();
                }

                new SummaryConsoleRenderer(_text, _options.Language, _options.ListUnknown).Render(summary);
                break;
            default:
                break;
        }

        _text.Flush();
        _events?.Dispose();
        _stream.Flush();
    }

    /// <summary>One event as a line for people (follow mode).</summary>
    private void WriteLine(LogRecord r)
    {
        var who = string.Join(' ', new[] { r.User is null ? null : $"user={r.User}", r.Ip is null ? null : $"ip={r.Ip}", r.Port is null ? null : $"port={r.Port.Value.ToString(CultureInfo.InvariantCulture)}" }.Where(s => s is not null));
        _text.WriteLine($"{r.Time?.Format() ?? "-"} {r.Host ?? "-"} {r.Process ?? "-"}[{r.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"}] {r.Id ?? "?"} {who} | {r.Text}");
    }
}
