using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// <c>--events</c>: one JSON object per line, keys always
/// <c>file, line, time, host, process, pid, ip, port, user, id, attempt, text</c> (null when unknown); <c>id</c> is the diagnosis
/// id of a failure or the event kind of any other recognised line (null only for unknown lines, listed with <c>--unknown</c>);
/// <c>attempt</c> is true for a failed attempt that proves no diagnosis (<see cref="SshLine.Attempt"/>), which the summary
/// counts per address and user beside the failures.
/// Text from the log passes <see cref="SafeText"/>, so <c>jq -r</c> of a field cannot drive a terminal either.
/// Written as UTF-8 from the fields (<see cref="Utf8EventBuffer"/>): no string per event. A line of a block comes with
/// its head (<c>time</c> to <c>pid</c>) and tail (<c>id</c>, <c>text</c>) formatted by a worker (<see cref="Format"/>):
/// only the file, the line number and the connection's fields are written in order.
/// </summary>
internal sealed class EventJsonWriter(Stream output) : IDisposable
{
    private readonly EventLines<Json> _lines = new(output);

    /// <summary>The head and tail of a line, on the worker that classified its block (a <see cref="LineFormat"/>).</summary>
    public static void Format(in SshLine line, string file, ReadOnlySpan<byte> block, LineBytes into) => EventLines<Json>.Format(line, file, block, into);

    public void Write(LogRecord record) => _lines.Write(EventFields.Of(record));

    /// <inheritdoc cref="EventLines{TFormat}.Write(in SshLine, string, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public void Write(in SshLine line, string file, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail) => _lines.Write(line, file, head, tail);

    /// <summary>Passes the records written so far on to the stream (which the caller flushes when it needs to).</summary>
    public void Flush() => _lines.Flush();

    public void Dispose() => Flush();

    private readonly struct Json : IEventFormat
    {
        // The parts of an event that repeat from line to line, per thread (see SegmentCache).
        [ThreadStatic]
        private static SegmentCache? _hostAndProcess;

        [ThreadStatic]
        private static SegmentCache? _ip;

        [ThreadStatic]
        private static SegmentCache? _user;

        [ThreadStatic]
        private static SegmentCache? _idAndAttempt;

        public static void FileStart(string file, Utf8EventBuffer into)
        {
            into.Literal("{\"file\":"u8);
            into.JsonString(file);
            into.Literal(",\"line\":"u8);
        }

        /// <summary>From <c>time</c> to <c>pid</c>, and the key of <c>ip</c>.</summary>
        public static void Head(Utf8EventBuffer bytes, in EventFields e)
        {
            bytes.Literal(",\"time\":"u8);
            if (e.Time is { } time)
            {
                bytes.Byte((byte)'"');
                bytes.Time(time);
                bytes.Byte((byte)'"');
            }
            else
            {
                bytes.Literal("null"u8);
            }

            (_hostAndProcess ??= new(HostAndProcess, slotBits: 5)).Write(bytes, e.Host, e.Process);
            NumberOrNull(bytes, e.Pid);
            bytes.Literal(",\"ip\":"u8);
        }

        public static void Connection(Utf8EventBuffer bytes, string? ip, int? port, string? user)
        {
            (_ip ??= new(IpAndPortKey)).Write(bytes, ip);
            NumberOrNull(bytes, port);
            (_user ??= new(UserWithKey)).Write(bytes, user);
        }

        /// <summary>From <c>id</c> to the end of the line.</summary>
        public static void Tail(Utf8EventBuffer bytes, in EventFields e)
        {
            (_idAndAttempt ??= new(IdAndAttempt)).Write(bytes, e.Id, null, e.Attempt ? 1 : 0);
            bytes.JsonText(e);
            bytes.Literal("}\n"u8);
        }

        private static void HostAndProcess(Utf8EventBuffer bytes, string? host, string? process, int flags)
        {
            bytes.Literal(",\"host\":"u8);
            StringOrNull(bytes, host);
            bytes.Literal(",\"process\":"u8);
            StringOrNull(bytes, process);
            bytes.Literal(",\"pid\":"u8);
        }

        private static void IpAndPortKey(Utf8EventBuffer bytes, string? ip, string? none, int flags)
        {
            StringOrNull(bytes, ip);
            bytes.Literal(",\"port\":"u8);
        }

        private static void UserWithKey(Utf8EventBuffer bytes, string? user, string? none, int flags)
        {
            bytes.Literal(",\"user\":"u8);
            StringOrNull(bytes, user);
        }

        private static void IdAndAttempt(Utf8EventBuffer bytes, string? id, string? none, int attempt)
        {
            bytes.Literal(",\"id\":"u8);
            StringOrNull(bytes, id);
            bytes.Literal(attempt != 0 ? ",\"attempt\":true,\"text\":"u8 : ",\"attempt\":false,\"text\":"u8);
        }

        private static void StringOrNull(Utf8EventBuffer bytes, string? value)
        {
            if (value is null)
            {
                bytes.Literal("null"u8);
            }
            else
            {
                bytes.JsonString(value);
            }
        }

        private static void NumberOrNull(Utf8EventBuffer bytes, int? value)
        {
            if (value is { } v)
            {
                bytes.Number(v);
            }
            else
            {
                bytes.Literal("null"u8);
            }
        }
    }
}
