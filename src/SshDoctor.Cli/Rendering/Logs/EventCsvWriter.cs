using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// <c>--csv</c>: the events as RFC 4180 CSV with a header row, the same columns as <c>--events</c>. Every field passes
/// <see cref="SafeText"/>: showing the file on a terminal must not let a user name an attacker chose drive it.
/// Written as UTF-8 from the fields (<see cref="Utf8EventBuffer"/>): no string per row.
/// </summary>
internal sealed class EventCsvWriter(Stream output)
{
    private readonly Utf8EventBuffer _bytes = new(output);
    private bool _headerWritten;

    public void Write(LogRecord record) => Write(EventFields.Of(record));

    public void Write(in SshLine line, string file) => Write(EventFields.Of(line, file));

    /// <summary>Writes the header if no row did (an empty result is still a CSV file with its columns), and passes the rows on.</summary>
    public void Complete()
    {
        Header();
        Flush();
    }

    /// <summary>Passes the rows written so far on to the stream (which the caller flushes when it needs to).</summary>
    public void Flush() => _bytes.Flush();

    private void Header()
    {
        if (!_headerWritten)
        {
            _bytes.Literal("file,line,time,host,process,pid,ip,port,user,id,text"u8);
            _bytes.EndEvent();
            _headerWritten = true;
        }
    }

    private void Write(in EventFields e)
    {
        Header();
        _bytes.CsvField(e.File);
        _bytes.Byte((byte)',');
        _bytes.Number(e.Line);
        _bytes.Byte((byte)',');
        if (e.Time is { } time)
        {
            _bytes.Time(time);
        }

        _bytes.Byte((byte)',');
        Field(e.Host);
        Field(e.Process);
        if (e.Pid is { } pid)
        {
            _bytes.Number(pid);
        }

        _bytes.Byte((byte)',');
        Field(e.Ip);
        if (e.Port is { } port)
        {
            _bytes.Number(port);
        }

        _bytes.Byte((byte)',');
        Field(e.User);
        Field(e.Id);
        _bytes.CsvField(e.Text);
        _bytes.EndEvent();
    }

    /// <summary>A field and the comma after it (empty when unknown).</summary>
    private void Field(string? value)
    {
        if (value is not null)
        {
            _bytes.CsvField(value);
        }

        _bytes.Byte((byte)',');
    }
}
