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
    private readonly ArrayBufferWriter<byte> buffer = new(PassOnBytes + 4096);
    private readonly Stream output;
    private readonly Utf8JsonWriter writer;

    public EventJsonWriter(Stream output)
    {
        this.output = output;
        writer = new Utf8JsonWriter(buffer, Options);
    }

    public void Write(LogRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("file", SafeText.Escape(record.File));
        writer.WriteNumber("line", record.Line);
        WriteOrNull("time", record.Time?.Format());
        WriteOrNull("host", record.Host);
        WriteOrNull("process", record.Process);
        WriteOrNull("pid", record.Pid);
        WriteOrNull("ip", record.Ip);
        WriteOrNull("port", record.Port);
        WriteOrNull("user", record.User);
        WriteOrNull("id", record.Id);
        writer.WriteString("text", SafeText.Escape(record.Text));
        writer.WriteEndObject();
        writer.Flush();
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        writer.Reset(buffer);
        if (buffer.WrittenCount >= PassOnBytes)
        {
            Flush();
        }
    }

    /// <summary>Passes the records written so far on to the stream (which the caller flushes when it needs to).</summary>
    public void Flush()
    {
        output.Write(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
    }

    public void Dispose()
    {
        Flush();
        writer.Dispose();
    }

    private void WriteOrNull(string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, SafeText.Escape(value));
        }
    }

    private void WriteOrNull(string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
