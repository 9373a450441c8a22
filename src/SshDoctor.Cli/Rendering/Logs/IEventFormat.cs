using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// How one per-line output (<c>--events</c>, <c>--csv</c>) writes the parts of an event; <see cref="EventLines{TFormat}"/>
/// puts them in order, the same for every format. Static members: a format is a table of writers, not an object.
/// </summary>
internal interface IEventFormat
{
    /// <summary>What every event of <paramref name="file"/> starts with, up to its line number.</summary>
    static abstract void FileStart(string file, Utf8EventBuffer into);

    /// <summary>After the line number, up to where the connection's fields begin: known to the worker.</summary>
    static abstract void Head(Utf8EventBuffer bytes, in EventFields e);

    /// <summary>The fields <see cref="SessionTracker"/> may take from the connection: known only in input order.</summary>
    static abstract void Connection(Utf8EventBuffer bytes, string? ip, int? port, string? user);

    /// <summary>From the event's id to its end: known to the worker.</summary>
    static abstract void Tail(Utf8EventBuffer bytes, in EventFields e);
}
