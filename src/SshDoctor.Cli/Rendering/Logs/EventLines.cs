using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// The order of an event's parts, once for every per-line format: file and line number, head, connection, tail. A line
/// of a block comes with its head and tail already written by the worker that classified it (<see cref="Format"/>, a
/// <see cref="LineFormat"/>); only the file, the line number and the connection's fields are written in input order.
/// </summary>
internal sealed class EventLines<TFormat>(Stream output)
    where TFormat : IEventFormat
{
    private readonly FilePrefix _file = new((file, into) => TFormat.FileStart(file, into));

    /// <summary>Where events are gathered before they are passed on to the stream (a format's header goes here too).</summary>
    public Utf8EventBuffer Bytes { get; } = Utf8EventBuffer.Over(output);

    /// <summary>The head and tail of a line, on the worker that classified its block.</summary>
    public static void Format(in SshLine line, string file, ReadOnlySpan<byte> block, LineBytes into)
    {
        var bytes = new Utf8EventBuffer(into);
        var e = EventFields.Of(line, file, block);
        TFormat.Head(bytes, e);
        into.EndHead();
        TFormat.Tail(bytes, e);
        into.EndLine();
    }

    /// <summary>A line of a block, with the head and tail <see cref="Format"/> wrote (when they are empty, no worker did).</summary>
    public void Write(in SshLine line, string file, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        if (head.IsEmpty)
        {
            Write(EventFields.Of(line, file));
            return;
        }

        _file.Write(file, Bytes);
        Bytes.Number(line.Line);
        Bytes.Literal(head);
        TFormat.Connection(Bytes, line.Ip, line.Port, line.User);
        Bytes.Literal(tail);
        Bytes.PassOnIfFull();
    }

    /// <summary>A whole event written here (a record, or a line no worker formatted).</summary>
    public void Write(in EventFields e)
    {
        _file.Write(e.File, Bytes);
        Bytes.Number(e.Line);
        TFormat.Head(Bytes, e);
        TFormat.Connection(Bytes, e.Ip, e.Port, e.User);
        TFormat.Tail(Bytes, e);
        Bytes.PassOnIfFull();
    }

    /// <summary>Passes the events written so far on to the stream (which the caller flushes when it needs to).</summary>
    public void Flush() => Bytes.Flush();
}
