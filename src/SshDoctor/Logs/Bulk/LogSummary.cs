using static SshDoctor.Logs.Signatures.EventNames;
namespace SshDoctor.Logs.Bulk;

/// <summary>
/// What a whole read adds up to: totals per diagnosis id and per event kind, top addresses and users among failures and among attempts,
/// failures per hour, bans, the stories of failed connections, and the lines nobody recognised. Every collection is
/// bounded, so memory does not grow with the size of the log.
/// </summary>
public sealed class LogSummary
{
    private const int MaxBans = 1000;
    private const int MaxUnknownSamples = 20;
    private const int MaxHours = 24 * 400;

    public List<InputSummary> Inputs { get; } = [];

    public long Lines { get; set; }

    public long Blank { get; set; }

    public long OtherPrograms { get; set; }

    /// <summary>SSH lines (recognised or not) inside the filters.</summary>
    public long SshLines { get; private set; }

    public long Recognised { get; private set; }

    public long Unknown { get; private set; }

    public long Cut { get; private set; }

    public long Failures { get; private set; }

    /// <summary>Failed attempts that prove no diagnosis (<see cref="SshLine.Attempt"/>): pre-authentication endings, probes, scanners.</summary>
    public long Attempts { get; private set; }

    public CountWithTimes Span { get; } = new();

    public SortedDictionary<string, CountWithTimes> ByDiagnosis { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, CountWithTimes> ByEvent { get; } = new(StringComparer.Ordinal);

    /// <summary>Failures and attempts per address, in one table (one bound): a scanner that never fails a login is listed by its attempts.</summary>
    public BoundedCounter<AuthCounts> Addresses { get; } = new();

    public BoundedCounter<AuthCounts> Users { get; } = new();

    public BoundedCounter<TimedCount> Stories { get; } = new(10_000);

    public SortedDictionary<DateTime, long> FailuresPerHour => _failuresPerHour.Entries;

    public List<BanRecord> Bans { get; } = [];

    public long BansSeen { get; private set; }

    public List<LogRecord> UnknownSamples { get; } = [];

    /// <summary>The counters by the very string object of a kind or id (the table's): no ordered lookup per line.</summary>
    private readonly Dictionary<string, CountWithTimes> _eventCounters = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, CountWithTimes> _diagnosisCounters = new(ReferenceEqualityComparer.Instance);

    private readonly HourCounts _failuresPerHour = new(MaxHours);

    private readonly System.Text.StringBuilder _story = new();
    private readonly char[] _storyChars = new char[1024];

    public void Add(LogRecord record) => Add(SshLine.Of(record), record.File, record);

    /// <summary>One line inside the filters; <paramref name="made"/> is its record when the caller already has one (for the samples).</summary>
    public void Add(in SshLine record, string file, LogRecord? made = null)
    {
        SshLines++;
        Span.Add(record.Time);
        if (!record.Recognised)
        {
            Unknown++;
            if (record.Cut)
            {
                Cut++;
            }

            Sample(record, file, made);
            return;
        }

        Recognised++;
        Ban(record, file);

        if (!record.IsFailure)
        {
            Counter(ByEvent, record.Kind!, _eventCounters).Add(record.Time);
            if (record.Attempt)
            {
                AddAttempt(record);
            }

            return;
        }

        Failures += Math.Max(1, record.Times);
        Counter(ByDiagnosis, record.DiagnosisId!, _diagnosisCounters).Add(record.Time, Math.Max(1, record.Times));
        ByAddressAndUser(record);
        if (record.Time is { } time)
        {
            _failuresPerHour.Add(time, Math.Max(1, record.Times));
        }
    }

    private void AddAttempt(in SshLine record)
    {
        Attempts += Math.Max(1, record.Times);
        ByAddressAndUser(record);
    }

    /// <summary>
    /// A failure's or an attempt's line counted for its address and for its user, by the <see cref="TextHash"/> of each
    /// when the worker that read the line made it (<see cref="BlockTally"/>), else hashed here.
    /// </summary>
    private void ByAddressAndUser(in SshLine record, int? ipHash = null, int? userHash = null)
    {
        if (record.IpMade is { } ip)
        {
            var key = Address.Grouping(ip);
            CountFor(Addresses, key, ipHash ?? TextHash.Of(key), record);
        }
        else if (record.IpKey is var ipKey and not 0)
        {
            CountFor(Addresses, ipKey, ipHash, record);
        }

        if (record.User is { } user)
        {
            CountFor(Users, user, userHash ?? TextHash.Of(user), record);
        }
    }

    private static void CountFor(BoundedCounter<AuthCounts> counter, string key, int hash, in SshLine record)
    {
        ref var counts = ref counter.For(key, hash);
        (record.IsFailure ? ref counts.Failures : ref counts.Attempts).Add(record.Time, Math.Max(1, record.Times));
    }

    /// <summary>The same for an address carried as its key (<see cref="SshLine.IpKey"/>: no string made, an attack storm's; no zone).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private static void CountFor(BoundedCounter<AuthCounts> counter, ulong ip, int? hash, in SshLine record)
    {
        Span<char> chars = stackalloc char[AddressKey.MaxLength];
        var key = AddressKey.Write(ip, chars);
        ref var counts = ref counter.For(key, hash ?? TextHash.Of(key));
        (record.IsFailure ? ref counts.Failures : ref counts.Attempts).Add(record.Time, Math.Max(1, record.Times));
    }

    public void AddStory(in Session session)
    {
        // Most connections tell a one-line story: that is the signature's own string, counted by reference.
        if (session.SingleLine is { } single)
        {
            Stories.For(single).Add(session.Last);
            return;
        }

        // Hundreds of thousands of connections tell a few dozen distinct stories: look them up by text, make no string.
        _story.Clear();
        session.WriteStory(_story);
        var text = _story.Length <= _storyChars.Length ? _storyChars.AsSpan(0, _story.Length) : new char[_story.Length];
        _story.CopyTo(0, text, _story.Length);
        Stories.For(text).Add(session.Last);
    }

    /// <summary>
    /// True when adding <paramref name="tally"/> at once gives what adding its lines one by one would: the bound on
    /// hours cannot be reached within the block (so no hour is left out depending on the order). Times with offsets
    /// merge too: first and last are compared by their clocks and a tie keeps the earlier line's, within a block as
    /// across blocks (a journal's or an ISO log's blocks went line by line, 5 % of their instructions). Addresses and
    /// users are counted in order either way.
    /// </summary>
    public bool CanMerge(BlockTally tally)
    {
        return _failuresPerHour.Count + tally.FailuresPerHour.Count <= MaxHours;
    }

    /// <summary>A block's tally (see <see cref="CanMerge"/>); its lines then go through <see cref="AddInOrder"/>.</summary>
    public void Merge(BlockTally tally)
    {
        SshLines += tally.SshLines;
        Recognised += tally.Recognised;
        Unknown += tally.Unknown;
        Cut += tally.Cut;
        Failures += tally.Failures;
        Attempts += tally.Attempts;
        Span.Merge(tally.Span);
        foreach (var (kind, counts) in tally.ByEvent.Entries())
        {
            Counter(ByEvent, kind, _eventCounters).Merge(counts);
        }

        foreach (var (id, counts) in tally.ByDiagnosis.Entries())
        {
            Counter(ByDiagnosis, id, _diagnosisCounters).Merge(counts);
        }

        foreach (var (hour, count) in tally.FailuresPerHour.Entries)
        {
            _failuresPerHour.Add(hour, count);
        }
    }

    /// <summary>
    /// What the tally of a merged block leaves to do for one of its lines, in input order: unknown samples, bans, and
    /// the counts per address and user of a failure or an attempt, with the hashes the tally made of its line's own
    /// address and user (one that came from its connection is hashed here). <paramref name="index"/> is the line's in its block.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void AddInOrder(in SshLine record, string file, BlockTally tally, int index, bool ipFromConnection, bool userFromConnection, LogRecord? made = null)
    {
        if (!record.Recognised)
        {
            Sample(record, file, made);
            return;
        }

        Ban(record, file);
        if (!record.IsFailure && !record.Attempt)
        {
            return;
        }

        ByAddressAndUser(record, ipFromConnection ? null : tally.IpHash(index), userFromConnection ? null : tally.UserHash(index));
    }

    /// <summary>
    /// Asks the processor for the address slots the lines from <paramref name="first"/> (of a merged block) will look
    /// up: an attack storm's summary index is larger than the cache, and each new address would wait for its own miss.
    /// </summary>
    public void PrefetchAddresses(ReadOnlySpan<SshLine> lines, BlockTally tally, int first)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].HasIp && (lines[i].IsFailure || lines[i].Attempt))
            {
                Addresses.Prefetch(tally.IpHash(first + i));
            }
        }
    }

    private void Sample(in SshLine record, string file, LogRecord? made)
    {
        if (UnknownSamples.Count < MaxUnknownSamples)
        {
            UnknownSamples.Add(made ?? record.ToRecord(file));
        }
    }

    /// <summary>The lengths of the kinds <see cref="Ban"/> keeps (a test holds them to the names).</summary>
    internal const int BanKindLength = 12, UnbanOrBlockKindLength = 14;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Ban(in SshLine record, string file)
    {
        // The length first: nearly every kind differs from the three in it, one test instead of three string comparisons.
        if (record.Kind is { Length: BanKindLength or UnbanOrBlockKindLength } kind
            && kind is Fail2banBan.Name or Fail2banUnban.Name or SshguardBlock.Name)
        {
            AddBan(record, file);
        }
    }

    /// <summary>Out of line: its text and record are rare, and inlined they made every line's call zero their locals.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void AddBan(in SshLine record, string file)
    {
        BansSeen++;
        if (Bans.Count < MaxBans)
        {
            Bans.Add(new BanRecord(record.Time, record.Kind!, record.Ip, $"{file}:{record.Line}"));
        }
    }

    private static CountWithTimes Counter(SortedDictionary<string, CountWithTimes> map, string key, Dictionary<string, CountWithTimes> byReference)
    {
        if (byReference.TryGetValue(key, out var known))
        {
            return known;
        }

        var counter = Counter(map, key);
        if (byReference.Count < 1024)
        {
            byReference[key] = counter;
        }

        return counter;
    }

    private static CountWithTimes Counter(SortedDictionary<string, CountWithTimes> map, string key)
    {
        if (!map.TryGetValue(key, out var counter))
        {
            counter = new CountWithTimes();
            map[key] = counter;
        }

        return counter;
    }
}
