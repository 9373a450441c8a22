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
    public long SshLines { get; private set; }

    public long Recognised { get; private set; }

    public long Unknown { get; private set; }

    public long Cut { get; private set; }

    public long Failures { get; private set; }

    /// <summary>Failures whose line names no address (or no user): their connection may supply one, line by line.</summary>
    public long FailuresWithoutIp { get; private set; }

    public long FailuresWithoutUser { get; private set; }

    /// <summary>A time with a UTC offset: equal clocks may then differ, and which one is kept depends on the order.</summary>
    public bool HasOffsets { get; private set; }

    public CountWithTimes Span { get; } = new();

    public Dictionary<string, CountWithTimes> ByEvent { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CountWithTimes> ByDiagnosis { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CountWithTimes> Addresses { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CountWithTimes> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Failures per hour, by the hour's ticks.</summary>
    public Dictionary<long, long> FailuresPerHour { get; } = [];

    /// <summary>As <see cref="LogSummary.Add(in SshLine, string, LogRecord?)"/> counts a line, minus what needs the order.</summary>
    public void Add(in SshLine line)
    {
        SshLines++;
        Span.Add(line.Time);
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
            Counter(ByEvent, line.Kind!).Add(line.Time);
            return;
        }

        Failures++;
        Counter(ByDiagnosis, line.DiagnosisId!).Add(line.Time);
        if (line.Ip is { } ip)
        {
            Counter(Addresses, ip).Add(line.Time);
        }
        else
        {
            FailuresWithoutIp++;
        }

        if (line.User is { } user)
        {
            Counter(Users, user).Add(line.Time);
        }
        else
        {
            FailuresWithoutUser++;
        }

        if (line.Time is { } time)
        {
            var hour = time.Clock.Ticks - (time.Clock.Ticks % TimeSpan.TicksPerHour);
            FailuresPerHour[hour] = FailuresPerHour.GetValueOrDefault(hour) + 1;
        }
    }

    private static CountWithTimes Counter(Dictionary<string, CountWithTimes> map, string key)
    {
        if (!map.TryGetValue(key, out var counter))
        {
            counter = new CountWithTimes();
            map[key] = counter;
        }

        return counter;
    }
}
