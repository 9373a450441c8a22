using static SshDoctor.Logs.Signatures.EventNames;
namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Ties the lines of one connection together by the sshd process id (on one host, in one input): a line without an
/// address (<c>Disconnecting: Too many authentication failures</c>, <c>User root not allowed because account is locked</c>)
/// gets the address, port and user of its connection, and each connection's lines make its story
/// ("sshd.failed-password ×5 → sshd.max-auth-tries"). Bounded: the oldest connections are forgotten first.
/// </summary>
public sealed class SessionTracker(int capacity = 65_536)
{
    private readonly SessionRing _sessions = new(capacity);

    /// <summary>A small number per (file, host): the session key is that number and the pid in one long.</summary>
    private readonly Dictionary<(string File, string? Host), int> _sources = [];
    private string? _lastFile;
    private string? _lastHost;
    private int _lastSource;
    private int _prefetched;

    /// <summary>Called with the story of each connection that had a failure, when it is forgotten or at the end.</summary>
    public event SessionFinished? Finished;

    /// <summary>Where the lines' connections are looked up is read ahead, a run at a time (see <see cref="SessionRing.Touch"/>).</summary>
    public void Prefetch(ReadOnlySpan<SshLine> lines, string file)
    {
        var touched = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Pid is { } pid && lines[i].Recognised)
            {
                touched += _sessions.Touch(((long)SourceOf(file, lines[i].Host) << 32) | (uint)pid, i);
            }
        }

        // Kept so that the reads are not optimised away.
        _prefetched += touched;
    }

    /// <summary>Fills what the record lacks from its connection and adds it to the connection's story.</summary>
    public void Observe(LogRecord record)
    {
        var line = SshLine.Of(record);
        Observe(ref line, record.File);
        record.Ip = line.Ip;
        record.Port = line.Port;
        record.User = line.User;
    }

    /// <summary>Fills what the line lacks from its connection and adds it to the connection's story.</summary>
    public void Observe(ref SshLine record, string file)
    {
        if (record.Pid is not { } pid || !record.Recognised || record.Process is { } p && p.StartsWith("fail2ban", StringComparison.Ordinal))
        {
            return;
        }

        var key = ((long)SourceOf(file, record.Host) << 32) | (uint)pid;
        var slot = _sessions.Find(key);
        if (slot < 0)
        {
            // Past the bound the oldest connection is forgotten (its story told) and its slot serves the new one.
            if (_sessions.Full)
            {
                Finish(ref _sessions[_sessions.Oldest]);
            }

            slot = _sessions.Add(key);
        }

        ref var session = ref _sessions[slot];

        // A new "Connection from" on a known pid is a new connection (pids are reused): start its story afresh.
        if (record.Kind is SshdConnectionFrom.Name && session.StepCount > 0)
        {
            Finish(ref session);
            session.Reset();
        }

        if (record.Ip is null)
        {
            record.Ip = session.Ip;
            record.Port ??= session.Port;
        }
        else
        {
            session.Ip = record.Ip;
            session.Port = record.Port ?? session.Port;
        }

        if (record.User is null)
        {
            record.User = session.User;
        }
        else
        {
            session.User = record.User;
        }

        session.Add(record);
    }

    /// <summary>Reports every connection still open (end of input).</summary>
    public void Complete()
    {
        foreach (var slot in _sessions.All())
        {
            Finish(ref _sessions[slot]);
        }

        _sessions.Clear();
    }

    private int SourceOf(string file, string? host)
    {
        if (ReferenceEquals(file, _lastFile) && ReferenceEquals(host, _lastHost))
        {
            return _lastSource;
        }

        if (!_sources.TryGetValue((file, host), out var source))
        {
            source = _sources.Count;
            _sources[(file, host)] = source;
        }

        (_lastFile, _lastHost, _lastSource) = (file, host, source);
        return source;
    }

    private void Finish(ref Session session)
    {
        if (session.Failures > 0)
        {
            Finished?.Invoke(session);
        }
    }
}
