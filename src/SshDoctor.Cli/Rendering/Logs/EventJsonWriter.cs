using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// <c>--events</c>: one JSON object per line, keys always
/// <c>file, line, time, host, process, pid, ip, port, user, id, text</c> (null when unknown); <c>id</c> is the diagnosis
/// id of a failure or the event kind of any other recognised line (null only for unknown lines, listed with <c>--unknown</c>).
/// Text from the log passes <see cref="SafeText"/>, so <c>jq -r</c> of a field cannot drive a terminal either.
/// Written as UTF-8 from the fields (<see cref="Utf8EventBuffer"/>): no string per event.
/// </summary>
internal sealed class EventJsonWriter(Stream output) : IDisposable
{
    private readonly Utf8EventBuffer _bytes = new(output);

    public void Write(LogRecord record) => Write(EventFields.Of(record));

    public void Write(in SshLine line, string file) => Write(EventFields.Of(line, file));

    /// <summary>Passes the records written so far on to the stream (which the caller flushes when it needs to).</summary>
    public void Flush() => _bytes.Flush();

    public void Dispose() => Flush();

    private void Write(in EventFields e)
    {
        _bytes.Literal("{\"file\":"u8);
        _bytes.JsonString(e.File);
        _bytes.Literal(",\"line\":"u8);
        _bytes.Number(e.Line);
        _bytes.Literal(",\"time\":"u8);
        if (e.Time is { } time)
        {
            _bytes.Byte((byte)'"');
            _bytes.Time(time);
            _bytes.Byte((byte)'"');
        }
        else
        {
            _bytes.Literal("null"u8);
        }

        _bytes.Literal(",\"host\":"u8);
        StringOrNull(e.Host);
        _bytes.Literal(",\"process\":"u8);
        StringOrNull(e.Process);
        _bytes.Literal(",\"pid\":"u8);
        NumberOrNull(e.Pid);
        _bytes.Literal(",\"ip\":"u8);
        StringOrNull(e.Ip);
        _bytes.Literal(",\"port\":"u8);
        NumberOrNull(e.Port);
        _bytes.Literal(",\"user\":"u8);
        StringOrNull(e.User);
        _bytes.Literal(",\"id\":"u8);
        StringOrNull(e.Id);
        _bytes.Literal(",\"text\":"u8);
        _bytes.JsonString(e.Text);
        _bytes.Byte((byte)'}');
        _bytes.EndEvent();
    }

    private void StringOrNull(string? value)
    {
        if (value is null)
        {
            _bytes.Literal("null"u8);
        }
        else
        {
            _bytes.JsonString(value);
        }
    }

    private void NumberOrNull(int? value)
    {
        if (value is { } v)
        {
            _bytes.Number(v);
        }
        else
        {
            _bytes.Literal("null"u8);
        }
    }
}
