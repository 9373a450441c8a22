using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// <c>--csv</c>: the events as RFC 4180 CSV with a header row, the same columns as <c>--events</c>. Every field passes
/// <see cref="SafeText"/>: showing the file on a terminal must not let a user name an attacker chose drive it.
/// Written as UTF-8 from the fields (<see cref="Utf8EventBuffer"/>): no string per row. A line of a block comes with
/// its head (<c>time</c> to <c>pid</c>) and tail (<c>id</c>, <c>text</c>) formatted by a worker (<see cref="Format"/>).
/// </summary>
internal sealed class EventCsvWriter(Stream output)
{
    private readonly EventLines<Csv> _lines = new(output);
    private bool _headerWritten;

    /// <summary>The head and tail of a line, on the worker that classified its block (a <see cref="LineFormat"/>).</summary>
    public static void Format(in SshLine line, string file, ReadOnlySpan<byte> block, LineBytes into) => EventLines<Csv>.Format(line, file, block, into);

    public void Write(LogRecord record)
    {
        Header();
        _lines.Write(EventFields.Of(record));
    }

    /// <inheritdoc cref="EventLines{TFormat}.Write(in SshLine, string, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public void Write(in SshLine line, string file, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        Header();
        _lines.Write(line, file, head, tail);
    }

    /// <summary>Writes the header if no row did (an empty result is still a CSV file with its columns), and passes the rows on.</summary>
    public void Complete()
    {
        Header();
        Flush();
    }

    /// <summary>Passes the rows written so far on to the stream (which the caller flushes when it needs to).</summary>
    public void Flush() => _lines.Flush();

    private void Header()
    {
        if (!_headerWritten)
        {
            _lines.Bytes.Literal("file,line,time,host,process,pid,ip,port,user,id,text"u8);
            _lines.Bytes.EndEvent();
            _headerWritten = true;
        }
    }

    private readonly struct Csv : IEventFormat
    {
        // The parts of a row that repeat from line to line, per thread (see SegmentCache).
        [ThreadStatic]
        private static SegmentCache? _hostAndProcess;

        [ThreadStatic]
        private static SegmentCache? _ip;

        [ThreadStatic]
        private static SegmentCache? _user;

        [ThreadStatic]
        private static SegmentCache? _id;

        public static void FileStart(string file, Utf8EventBuffer into)
        {
            into.CsvField(file);
            into.Byte((byte)',');
        }

        /// <summary>From the comma after the line number to the one after <c>pid</c>.</summary>
        public static void Head(Utf8EventBuffer bytes, in EventFields e)
        {
            bytes.Byte((byte)',');
            if (e.Time is { } time)
            {
                bytes.Time(time);
            }

            bytes.Byte((byte)',');
            (_hostAndProcess ??= new(HostAndProcess, slotBits: 5)).Write(bytes, e.Host, e.Process);
            if (e.Pid is { } pid)
            {
                bytes.Number(pid);
            }

            bytes.Byte((byte)',');
        }

        public static void Connection(Utf8EventBuffer bytes, string? ip, int? port, string? user)
        {
            (_ip ??= new(OneField)).Write(bytes, ip);
            if (port is { } p)
            {
                bytes.Number(p);
            }

            bytes.Byte((byte)',');
            (_user ??= new(OneField)).Write(bytes, user);
        }

        /// <summary>From <c>id</c> to the end of the row.</summary>
        public static void Tail(Utf8EventBuffer bytes, in EventFields e)
        {
            (_id ??= new(OneField)).Write(bytes, e.Id);
            bytes.CsvText(e);
            bytes.Byte((byte)'\n');
        }

        private static void HostAndProcess(Utf8EventBuffer bytes, string? host, string? process, int flags)
        {
            Field(bytes, host);
            Field(bytes, process);
        }

        private static void OneField(Utf8EventBuffer bytes, string? value, string? none, int flags) => Field(bytes, value);

        /// <summary>A field and the comma after it (empty when unknown).</summary>
        private static void Field(Utf8EventBuffer bytes, string? value)
        {
            if (value is not null)
            {
                bytes.CsvField(value);
            }

            bytes.Byte((byte)',');
        }
    }
}
