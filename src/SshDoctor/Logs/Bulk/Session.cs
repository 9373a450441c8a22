using System.Globalization;
using System.Text;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// One sshd connection as its lines tell it: who, from where, and the steps in order (repeats folded). A value kept in
/// the <see cref="SessionRing"/>'s array: hundreds of thousands of connections make no object each.
/// </summary>
public struct Session
{
    /// <summary>At most this many steps are kept; later different ones are left out of the story.</summary>
    public const int MaxSteps = 12;

    // The first and the last step are kept in the value itself, the ones between (rare) in a list made on demand and
    // kept for the next connection that reuses this slot. Each line is compared with the last step only: a long story
    // (a connection at its twelve steps, or a pid an attack reuses) costs no read of the list, which lies elsewhere on
    // the heap.
    private (string Id, int Times) _first;
    private (string Id, int Times) _last;
    private List<(string Id, int Times)>? _middle;

    // The port and the last time are kept as plain parts with flags, not as nullable values (as SshLine keeps them): a
    // session is 88 bytes instead of 104, and reading the line's time needs no LogTime? made and copied.
    private DateTime _lastClock;
    private int _port;
    private short _lastOffset;
    private bool _hasLast;
    private bool _hasPort;

    public string? Ip { get; set; }

    /// <summary>The address as its lines carried it when they had no string for it (<see cref="SshLine.IpKey"/>), else 0.</summary>
    public ulong IpKey { get; set; }

    public int? Port
    {
        readonly get => _hasPort ? _port : null;
        set => (_port, _hasPort) = (value.GetValueOrDefault(), value.HasValue);
    }

    public string? User { get; set; }

    public int Failures { get; private set; }

    /// <summary>The time of the last line that had one.</summary>
    public readonly LogTime? Last => _hasLast ? new LogTime(_lastClock, _lastOffset) : null;

    public int StepCount { get; private set; }

    /// <summary>The only step's signature when the story is one line, else null: the summary counts it without making text.</summary>
    public readonly string? SingleLine => StepCount == 1 && _last.Times == 1 ? _last.Id : null;

    public void Add(in SshLine line)
    {
        var id = line.Kind!;
        if (line.Time is { } time)
        {
            (_lastClock, _lastOffset, _hasLast) = (time.Clock, time.OffsetMinutes, true);
        }
        if (line.IsFailure)
        {
            Failures++;
        }

        if (StepCount > 0 && _last.Id == id)
        {
            _last.Times++;
        }
        else if (StepCount < MaxSteps)
        {
            if (StepCount == 1)
            {
                _first = _last;
            }
            else if (StepCount >= 2)
            {
                (_middle ??= new List<(string, int)>(MaxSteps - 2)).Add(_last);
            }

            _last = (id, 1);
            StepCount++;
        }
    }

    /// <summary>Empty again, for the next connection (its overflow list is kept for reuse; old steps are past the count).</summary>
    public void Reset()
    {
        // Field by field: assigning a whole new value would copy every field through the GC's write barrier. The list
        // (past two steps) is touched only when it holds steps: it lies elsewhere on the heap, and reading it for every
        // reused slot was one cache miss per new connection.
        if (StepCount > 2)
        {
            _middle!.Clear();
        }

        StepCount = 0;
        Failures = 0;
        Ip = null;
        IpKey = 0;
        User = null;
        _hasPort = false;
        _hasLast = false;
    }

    /// <summary>The steps as one line (<c>sshd.failed-password ×5 → sshd.max-auth-tries</c>) into a caller's reused builder.</summary>
    public readonly void WriteStory(StringBuilder text)
    {
        for (var i = 0; i < StepCount; i++)
        {
            var (id, times) = i == StepCount - 1 ? _last : i == 0 ? _first : _middle![i - 1];
            if (text.Length > 0)
            {
                text.Append(" → ");
            }

            text.Append(id);
            if (times > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $" ×{times}");
            }
        }
    }
}
