namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The part of the summary a worker can add up for its own block, in parallel: the counts that do not depend on the
/// order of the lines nor on other blocks (per kind, per diagnosis, per hour, time span), and the hash of each
/// failure's or attempt's address and user. What needs the lines in order — sessions, bans, unknown samples, and the
/// counts per address and user — stays with <see cref="LogSummary"/>, which merges these tallies only when the result
/// is the same as adding every line in turn (see <see cref="LogSummary.CanMerge"/>).
/// </summary>
/// <remarks>
/// Addresses and users are not counted per block: an attack storm names a new address on nearly every line, so a
/// block's table of them held as many keys as lines, each looked up once in the block and once more in the summary.
/// The summary now looks each line's key up once, in input order (what adding line by line does, so no bound can be
/// crossed out of order), with the hashes the worker's classifier made as it read each field (<see cref="LineClassifier.IpHash"/>),
/// kept here by the line's index: the consumer hashes no text of a line's own.
/// </remarks>
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

    /// <summary>Failed attempts (<see cref="SshLine.Attempt"/>), counted beside the failures as they are.</summary>
    public long Attempts { get; private set; }

    private TimedCount _span;

    public TimedCount Span => _span;

    public FewKeyCounts ByEvent { get; } = new();

    public FewKeyCounts ByDiagnosis { get; } = new();

    /// <summary>By the line's index in its block: the <see cref="TextHash"/> of a failure's or an attempt's own address (as it is grouped) and user.</summary>
    private int[] _ipHashes = new int[256];
    private int[] _userHashes = new int[256];

    /// <summary>Failures per hour.</summary>
    public HourCounts FailuresPerHour { get; } = new();

    private void Clear()
    {
        SshLines = Recognised = Unknown = Cut = Failures = 0;
        Attempts = 0;
        _span = default;
        ByEvent.Clear();
        ByDiagnosis.Clear();
        FailuresPerHour.Clear();
    }

    /// <summary>The hash of the address of the <paramref name="index"/>-th line of the block (a failure or attempt whose line names one).</summary>
    public int IpHash(int index) => _ipHashes[index];

    public int UserHash(int index) => _userHashes[index];

    /// <summary>
    /// As <see cref="LogSummary.Add(in SshLine, string, LogRecord?)"/> counts a line, minus what needs the order;
    /// <paramref name="index"/> is the line's in the block; <paramref name="ipHash"/> and <paramref name="userHash"/>
    /// the <see cref="TextHash"/> of its address as grouped and of its user, made by the classifier as it read them.
    /// </summary>
    public void Add(in SshLine line, int index, int ipHash, int userHash)
    {
        // Read once: a line keeps its time in parts, and each read puts them together again.
        var time = line.Time;
        SshLines++;
        _span.Add(time);
        if (!line.Recognised)
        {
            Unknown++;
            Cut += line.Cut ? 1 : 0;
            return;
        }

        Recognised++;
        if (!line.IsFailure)
        {
            ByEvent.For(line.Kind!).Add(time);
            if (line.Attempt)
            {
                Attempts += Math.Max(1, line.Times);
                KeepHashes(index, ipHash, userHash);
            }

            return;
        }

        var times = Math.Max(1, line.Times);
        Failures += times;
        ByDiagnosis.For(line.DiagnosisId!).Add(time, times);
        KeepHashes(index, ipHash, userHash);
        if (time is { } t)
        {
            FailuresPerHour.Add(t, times);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void KeepHashes(int index, int ipHash, int userHash)
    {
        // Inline but for the rare growth: a call for each failure and attempt of the block cost more than its two stores.
        if (index >= _ipHashes.Length || index >= _userHashes.Length)
        {
            Grow(index);
        }

        _ipHashes[index] = ipHash;
        _userHashes[index] = userHash;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Grow(int index)
    {
        var length = Math.Max(index + 1, _ipHashes.Length * 2);
        Array.Resize(ref _ipHashes, length);
        Array.Resize(ref _userHashes, length);
    }
}
