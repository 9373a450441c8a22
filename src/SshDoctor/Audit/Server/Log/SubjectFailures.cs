using SshDoctor.Logs.Bulk;

namespace SshDoctor.Audit.Server.Log;

/// <summary>The failures of one diagnosis id that concern one subject: how many, and the last line that proves it.</summary>
public sealed class SubjectFailures
{
    public long Count { get; private set; }

    public LogRecord? Last { get; private set; }

    public void Add(LogRecord record)
    {
        Count++;
        if (Last is null || !(record.Time is { } t && Last.Time is { } l && t.Clock < l.Clock))
        {
            Last = record;
        }
    }
}
