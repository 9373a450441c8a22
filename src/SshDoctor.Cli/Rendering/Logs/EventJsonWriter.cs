using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// <c>--events</c>: one JSON object per line, keys always
/// <c>file, line, time, host, process, pid, ip, port, user, id, text</c> (null when unknown); <c>id</c> is the diagnosis
/// id of a failure or the event kind of any other recognised line (null only for unknown lines, listed with <c>--unknown</c>).
/// Text from the log passes <see cref="SafeText"/>, so <c>jq -r</c> of a field cannot drive a terminal either.
/// </summary>
internal sealed class EventJsonWriter : IDisposable
{
    private const int PassOnBytes = 60 * 1024;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // Records are written into this buffer and passed on to the stream in large pieces: Utf8JsonWriter.Flush on a
    // stream also flushes the stream, which made one write system call per line.
    private readonly ArrayBufferWriter<byte> _buffer = new(PassOnBytes + 4096);
    private readonly Stream _output;
    private readonly Utf8JsonWriter _writer;

    public EventJsonWriter(Stream output)
    {
        this._output = output;
        _writer = new Utf8JsonWriter(_buffer, Options);
    }

    public void Write(LogRecord record)
    {
        _writer.WriteStartObject();
        _writer.WriteString("file", SafeText.Escape(record.File));
        _writer.WriteNumber("line", record.Line);
        WriteOrNull("time", record.Time?.Format());
        WriteOrNull("host", record.Host);
        WriteOrNull("process", record.Process);
        WriteOrNull("pid", record.Pid);
        WriteOrNull("ip", record.Ip);
        WriteOrNull("port", record.Port);
        WriteOrNull("user", record.User);
        WriteOrNull("id", record.Id);
        _writer.WriteString("text", SafeText.Escape(record.Text));
        _writer.WriteEndObject();
        _writer.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        _writer.Reset(_buffer);
        if (_buffer.WrittenCount >= PassOnBytes)
        {
            Flush();
        }
    }

    /// <summary>Passes the records written so far on to the stream (which the caller flushes when it needs to).</summary>
    public void Flush()
    {
        _output.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    public void Dispose()
    {
        Flush();
        _writer.Dispose();
    }

    private void WriteOrNull(string name, string? value)
    {
        if (value is null)
        {
            _writer.WriteNull(name);
        }
        else
        {
            _writer.WriteString(name, SafeText.Escape(value));
        }
    }

    private void WriteOrNull(string name, int? value)
    {
        if (value is { } v)
        {
            _writer.WriteNumber(name, v);
        }
        else
        {
            _writer.WriteNull(name);
        }
    }
}
