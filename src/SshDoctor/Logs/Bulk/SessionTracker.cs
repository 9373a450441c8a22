using System.Runtime.InteropServices;
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

    /// <summary>
    /// How many (file, host) pairs get a small number of their own (the session index pages the first ones by pid);
    /// every later pair is numbered by its hash, so that a log of countless hosts keeps no text per host.
    /// </summary>
    private const int NumberedSources = 256;

    /// <summary>A small number per (file, host): the session key is that number in the high half and the pid in the low one.</summary>
    private readonly Dictionary<(string File, string? Host), int> _sources = [];
    private string? _lastFile;
    private string? _lastHost;
    private long _lastSourceBits;
    private int _prefetched;

    /// <summary>The connection keys <see cref="Prefetch"/> made for its run of lines, by the line's place in the run (see <see cref="ObservePrefetched"/>).</summary>
    private long[] _prefetchedKeys = new long[32];

    /// <summary>Called with the story of each connection that had a failure, when it is forgotten or at the end.</summary>
    public event SessionFinished? Finished;

    /// <summary>Where the lines' connections are looked up is read ahead, a run at a time (see <see cref="SessionRing.Touch"/>).</summary>
    public void Prefetch(ReadOnlySpan<SshLine> lines, string file)
    {
        if (_prefetchedKeys.Length < lines.Length)
        {
            _prefetchedKeys = new long[lines.Length];
        }

        var keys = _prefetchedKeys;
        var touched = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Pid is { } pid && lines[i].Recognised)
            {
                keys[i] = KeyOf(file, lines[i].Host, pid);
                touched += _sessions.Touch(keys[i], i);
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
        if (Tracks(record))
        {
            Observe(ref record, KeyOf(file, record.Host, record.Pid.GetValueOrDefault()));
        }
    }

    /// <summary>
    /// The same for the <paramref name="index"/>-th line of the run <see cref="Prefetch"/> was last given, by the key it
    /// made then (the line's host and pid are as they were): a line's source is not looked up twice.
    /// </summary>
    public void ObservePrefetched(ref SshLine record, int index)
    {
        if (Tracks(record))
        {
            Observe(ref record, _prefetchedKeys[index]);
        }
    }

    /// <summary>A recognised line with a pid, not fail2ban's own (whose pid is fail2ban's, not a connection's).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Tracks(in SshLine record) =>
        record.Pid is not null && record.Recognised && !(record.Process is { } p && p.StartsWith("fail2ban", StringComparison.Ordinal));

    private void Observe(ref SshLine record, long key)
    {
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
        if (IsConnectionFrom(record.Kind) && session.StepCount > 0)
        {
            Finish(ref session);
            session.Reset();
        }

        if (!record.HasIp)
        {
            record.SetIp(session.Ip, session.IpKey);
            record.Port ??= session.Port;
        }
        else
        {
            // Read as the line carries it: an address with no string (a storm's) gets none here either.
            var ip = record.IpMade;
            if (!ReferenceEquals(session.Ip, ip))
            {
                session.Ip = ip;
            }

            session.IpKey = record.IpKey;
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

    /// <summary>The length of <see cref="SshdConnectionFrom.Name"/> (a test holds it to the name).</summary>
    internal const int ConnectionFromLength = 20;

    /// <summary>
    /// Whether <paramref name="kind"/> is <see cref="SshdConnectionFrom.Name"/>: its last character is tested before the
    /// whole text, as <c>sshd.failed-password</c>, an attack's commonest kind, has the same length (a call to compare
    /// the two texts for most of a storm's lines).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool IsConnectionFrom(string? kind) =>
        kind is { Length: ConnectionFromLength } && kind[ConnectionFromLength - 1] == 'm' && kind == SshdConnectionFrom.Name;

    /// <summary>Reports every connection still open (end of input).</summary>
    public void Complete()
    {
        foreach (var slot in _sessions.All())
        {
            Finish(ref _sessions[slot]);
        }

        _sessions.Clear();
    }

    /// <summary>The connection key of a pid on a host in a file: the source's bits with the pid in the low half.</summary>
    private long KeyOf(string file, string? host, int pid) => SourceBits(file, host) ^ (uint)pid;

    /// <summary>The source's bits: those of the line before when its file and host are the same strings (a log of one host: every line).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private long SourceBits(string file, string? host) =>
        ReferenceEquals(file, _lastFile) && ReferenceEquals(host, _lastHost) ? _lastSourceBits : NewSourceBits(file, host);

    /// <summary>Out of line: a call for every line cost more than the two comparisons it makes.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private long NewSourceBits(string file, string? host)
    {
        long bits;
        if (_sources.TryGetValue((file, host), out var source))
        {
            bits = (long)source << 32;
        }
        else if (_sources.Count < NumberedSources && (host?.Length ?? 0) <= LineClassifier.MaxFieldChars)
        {
            _sources[(file, host)] = _sources.Count;
            bits = (long)(_sources.Count - 1) << 32;
        }
        else
        {
            // Past the numbered sources (a forged log with a new host on every line), a source is a randomized 63-bit
            // hash of its file and host, the top bit set so that it is never a numbered one: nothing is kept per host,
            // and two hosts share a key only by a chance a forger cannot aim for. Two independent 32-bit hashes (the
            // string's Marvin and HashCode's xxHash, each with the process' random seed) make the 63 bits.
            var second = new HashCode();
            second.AddBytes(MemoryMarshal.AsBytes(host.AsSpan()));
            second.AddBytes(MemoryMarshal.AsBytes(file.AsSpan()));
            bits = (long)(((ulong)(uint)HashCode.Combine(file, host) << 32) | (uint)second.ToHashCode()) | long.MinValue;
        }

        (_lastFile, _lastHost, _lastSourceBits) = (file, host, bits);
        return bits;
    }

    private void Finish(ref Session session)
    {
        if (session.Failures > 0)
        {
            Finished?.Invoke(session);
        }
    }
}
