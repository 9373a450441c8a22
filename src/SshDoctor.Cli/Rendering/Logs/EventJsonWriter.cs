using System.Text.Encodings.Web;
using System.Text.Json;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// <c>--events</c>: one JSON object per line, keys always
/// <c>file, line, time, host, process, pid, ip, port, user, id, text</c> (null when unknown); <c>id</c> is the diagnosis
/// id of a failure or the event kind of any other recognised line (null only for unknown lines, listed with <c>--unknown</c>).
/// </summary>
internal sealed class EventJsonWriter(Stream output) : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Utf8JsonWriter writer = new(output, Options);

    public void Write(LogRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("file", record.File);
        writer.WriteNumber("line", record.Line);
        WriteOrNull("time", record.Time?.Format());
        WriteOrNull("host", record.Host);
        WriteOrNull("process", record.Process);
        WriteOrNull("pid", record.Pid);
        WriteOrNull("ip", record.Ip);
        WriteOrNull("port", record.Port);
        WriteOrNull("user", record.User);
        WriteOrNull("id", record.Id);
        writer.WriteString("text", record.Text);
        writer.WriteEndObject();
        writer.Flush();
        output.WriteByte((byte)'\n');
        writer.Reset(output);
    }

    public void Dispose() => writer.Dispose();

    private void WriteOrNull(string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
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
