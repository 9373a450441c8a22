using System.Runtime.InteropServices;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The part of the summary a worker can add up for its own block, in parallel: the counts that do not depend on the
/// order of the lines nor on other blocks (per kind, per diagnosis, per hour, time span, and per address and user
/// for the failures whose line names them). What needs the lines in order — sessions, bans, unknown samples, and the
/// address or user that a line gets from its connection — stays with <see cref="LogSummary"/>, which merges these
/// tallies only when the result is the same as adding every line in turn (see <see cref="LogSummary.CanMerge"/>).
/// </summary>
public sealed class BlockTally
{
    /// <summary>A few tallies cycle between the workers and the consumer: a fresh one per block grew its tables anew each time.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentQueue<BlockTally> Free = new();
    private const int KeepFree = 16;

    /// <summary>
    /// An empty tally, reused when one is free. It is emptied here, by the worker that will fill it (its tables keep
    /// their size): clearing its index brings the index into this core's cache, where the block's keys then probe it;
    /// cleared by the consumer that merged it, every probe of a storm's new addresses missed across cores.
    /// </summary>
    public static BlockTally Rent()
    {
        if (Free.TryDequeue(out var tally))
        {
            tally.Clear();
            return tally;
        }

        return new BlockTally();
    }

    /// <summary>Gives a tally back once the summary has merged it.</summary>
    public static void Return(BlockTally tally)
    {
        if (Free.Count < KeepFree)
        {
            Free.Enqueue(tally);
        }
    }

    public long SshLines { get; private set; }

    public long Recognised { get; private set; }

    public long Unknown { get; private set; }

    public long Cut { get; private set; }

    public long Failures { get; private set; }

    /// <summary>Failures and attempts whose line names no address (or no user): their connection may supply one, line by line.</summary>
    public long WithoutIp { get; private set; }

    public long WithoutUser { get; private set; }

    /// <summary>Failed attempts (<see cref="SshLine.Attempt"/>), counted beside the failures as they are.</summary>
    public long Attempts { get; private set; }

    /// <summary>A time with a UTC offset: equal clocks may then differ, and which one is kept depends on the order.</summary>
    public bool HasOffsets { get; private set; }

    private TimedCount _span;

    public TimedCount Span => _span;

    public FewKeyCounts ByEvent { get; } = new();

    public FewKeyCounts ByDiagnosis { get; } = new();

    /// <summary>
    /// Per address, in the order the block met them, each with its text's hash: the summary merges them in that order
    /// (their strings were made in it) without hashing a text again.
    /// </summary>
    public CountTable<AuthCounts> Addresses { get; } = new();

    public CountTable<AuthCounts> Users { get; } = new();

    /// <summary>Failures per hour, by the hour's ticks.</summary>
    public Dictionary<long, long> FailuresPerHour { get; } = [];

    private void Clear()
    {
        SshLines = Recognised = Unknown = Cut = Failures = WithoutIp = WithoutUser = 0;
        Attempts = 0;
        HasOffsets = false;
        _span = default;
        ByEvent.Clear();
        ByDiagnosis.Clear();
        Addresses.Clear();
        Users.Clear();
        FailuresPerHour.Clear();
    }

    /// <summary>As <see cref="LogSummary.Add(in SshLine, string, LogRecord?)"/> counts a line, minus what needs the order.</summary>
    public void Add(in SshLine line)
    {
        SshLines++;
        _span.Add(line.Time);
        HasOffsets |= line.Time is { Offset: not null };
        if (!line.Recognised)
        {
            Unknown++;
            Cut += line.Cut ? 1 : 0;
            return;
        }

        Recognised++;
        if (!line.IsFailure)
        {
            ByEvent.For(line.Kind!).Add(line.Time);
            if (line.Attempt)
            {
                AddAttempt(line);
            }

            return;
        }

        var times = Math.Max(1, line.Times);
        Failures += times;
        ByDiagnosis.For(line.DiagnosisId!).Add(line.Time, times);
        ByAddressAndUser(line, times, attempt: false);
        if (line.Time is { } time)
        {
            var hour = time.Clock.Ticks - (time.Clock.Ticks % TimeSpan.TicksPerHour);
            CollectionsMarshal.GetValueRefOrAddDefault(FailuresPerHour, hour, out _) += times;
        }
    }

    /// <summary>An attempt, per address and user as a failure is (no hours: the chart is of failures).</summary>
    private void AddAttempt(in SshLine line)
    {
        var times = Math.Max(1, line.Times);
        Attempts += times;
        ByAddressAndUser(line, times, attempt: true);
    }

    private void ByAddressAndUser(in SshLine line, int times, bool attempt)
    {
        if (line.Ip is { } ip)
        {
            ref var counts = ref Addresses.For(Address.Grouping(ip));
            (attempt ? ref counts.Attempts : ref counts.Failures).Add(line.Time, times);
        }
        else
        {
            WithoutIp++;
        }

        if (line.User is { } user)
        {
            ref var counts = ref Users.For(user);
            (attempt ? ref counts.Attempts : ref counts.Failures).Add(line.Time, times);
        }
        else
        {
            WithoutUser++;
        }
    }
}
