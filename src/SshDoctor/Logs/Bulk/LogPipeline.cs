namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Runs inputs through the parallel classifier, then, in input order: numbers the lines, ties them to their connection,
/// applies the filter, adds them to the summary and hands each kept record to the output.
/// </summary>
public sealed class LogPipeline
{
    /// <summary>Lines whose session lookups are read ahead together: enough misses in flight, few enough to stay cached.</summary>
    private const int PrefetchRun = 32;

    /// <summary>Bytes after which an input that is mostly control bytes, with no line recognised, is judged binary and left.</summary>
    private const long BinaryVerdictBytes = 16L << 20;

    private readonly SessionTracker _sessions = new();
    private readonly LogFilter _filter;
    private readonly Action<LogRecord>? _output;

    public LogPipeline(LogFilter filter, Action<LogRecord>? output)
    {
        this._filter = filter;
        this._output = output;
        _sessions.Finished += Summary.AddStory;
    }

    public LogSummary Summary { get; } = new();

    /// <summary>
    /// When set, the lines of a block that go to the output are handed over as they are, instead of as a
    /// <see cref="LogRecord"/> to the output action (the per-line formats write millions: no object per line).
    /// </summary>
    public LineOutput? Lines { get; init; }

    /// <summary>
    /// With <see cref="Lines"/>: the part of each shown line the workers format, in parallel, before the in-order pass
    /// hands it to <see cref="Lines"/> (the single in-order thread bounds the speed of the per-line formats).
    /// </summary>
    public LineFormat? Format { get; init; }

    public int? Parallelism { get; init; }

    /// <summary>False when the output never shows a recognised line's text (the summary formats): see <see cref="LineClassifier.KeepText"/>.</summary>
    public bool KeepText { get; init; } = true;

    /// <summary>
    /// False when the output does nothing with recognised lines (the summary formats print only the unknown ones, if
    /// any): they then never become <see cref="LogRecord"/> objects.
    /// </summary>
    public bool OutputsRecognised { get; init; } = true;

    /// <summary>False when the output does nothing with unknown lines either (no <c>--unknown</c>): then no line becomes a record for it.</summary>
    public bool OutputsUnknown { get; init; } = true;

    /// <summary>
    /// Workers add up each block's share of the summary (when nothing is filtered); false: every line is added in
    /// turn by this thread. The results are the same (tested): false exists to compare them.
    /// </summary>
    public bool Tally { get; init; } = true;

    public void Read(LogInput input)
    {
        var file = input.Summary.Name;
        Action<BlockResult, LineBlock>? format = Lines is not null && Format is { } lineFormat
            ? (result, block) => result.FormatLines(lineFormat, file, block.Bytes, OutputsRecognised, OutputsUnknown)
            : null;
        Consume(input.Summary, ParallelLogScanner.Scan(input.Stream, file, input.Years, Parallelism, KeepText, Tally && _filter.KeepsAll, format));
        if (input.Damage is { } damage)
        {
            input.Summary.Notes.Add(damage);
        }
    }

    /// <summary>The consumer's half of <see cref="Read"/>: classified blocks, in input order (the benchmark times it alone).</summary>
    internal void Consume(InputSummary input, IEnumerable<BlockResult> blocks)
    {
        Summary.Inputs.Add(input);
        var file = input.Name;
        long lineBase = 0;
        foreach (var block in blocks)
        {
            var tally = block.Tally is { } t && Summary.CanMerge(t) ? t : null;
            if (tally is not null)
            {
                Summary.Merge(tally);
            }

            var lines = block.SshLines;
            var formatted = block.Formatted;
            for (var start = 0; start < lines.Length; start += PrefetchRun)
            {
                var end = Math.Min(start + PrefetchRun, lines.Length);
                _sessions.Prefetch(lines[start..end], file);
                if (tally is not null)
                {
                    Summary.PrefetchAddresses(lines[start..end], tally, start);
                }

                for (var i = start; i < end; i++)
                {
                    ref var line = ref lines[i];
                    line.Line += lineBase;
                    if (tally is not null)
                    {
                        AcceptTallied(ref line, file, formatted, tally, i, i - start);
                    }
                    else
                    {
                        Accept(ref line, file, formatted, i, i - start);
                    }
                }
            }

            block.Dispose();
            lineBase += block.Lines;
            Summary.Lines += block.Lines;
            Summary.Blank += block.Blank;
            Summary.OtherPrograms += block.OtherPrograms;
            input.Lines += block.Lines;
            input.Bytes += block.Bytes;
            input.ControlBytes += block.ControlBytes;
            input.Recognised += block.Recognised;
            if (input.Recognised == 0 && input.Bytes >= BinaryVerdictBytes && input.LooksBinary)
            {
                // Reading on would only count more garbage, and /dev/zero or /dev/urandom never ends.
                input.Notes.Add($"input looks binary, not like a log: stopped after {input.Bytes >> 20} MiB");
                return;
            }
        }

        if (input.LooksBinary)
        {
            input.Notes.Add("input looks binary, not like a log");
        }
    }

    /// <summary>One record already classified (the follow reader's path): tie, filter, count, output.</summary>
    public void Accept(LogRecord record)
    {
        _sessions.Observe(record);
        if (!_filter.Keeps(record))
        {
            return;
        }

        Summary.Add(record);
        _output?.Invoke(record);
    }

    /// <summary>One line of a block whose tally the summary did not take; <paramref name="inRun"/> is its place in the prefetched run.</summary>
    private void Accept(ref SshLine line, string file, LineBytes? formatted, int index, int inRun)
    {
        _sessions.ObservePrefetched(ref line, inRun);
        if (!_filter.Keeps(line))
        {
            return;
        }

        if (Lines is { } lines && (line.Recognised ? OutputsRecognised : OutputsUnknown))
        {
            Summary.Add(line, file);
            lines(line, file, formatted is null ? default : formatted.Head(index), formatted is null ? default : formatted.Tail(index));
        }
        else if (_output is not null && (line.Recognised ? OutputsRecognised : OutputsUnknown))
        {
            var record = line.ToRecord(file);
            Summary.Add(line, file, record);
            _output(record);
        }
        else
        {
            Summary.Add(line, file);
        }
    }

    /// <summary>A line of a block whose tally the summary took (no filter): only what needs the order is left.</summary>
    private void AcceptTallied(ref SshLine line, string file, LineBytes? formatted, BlockTally tally, int index, int inRun)
    {
        var ipFromConnection = !line.HasIp;
        var userFromConnection = line.User is null;
        _sessions.ObservePrefetched(ref line, inRun);

        // One call of the summary, inlined here (three, one per output, made it a call for every line).
        var shown = line.Recognised ? OutputsRecognised : OutputsUnknown;
        var lines = shown ? Lines : null;
        var record = shown && lines is null && _output is not null ? line.ToRecord(file) : null;
        Summary.AddInOrder(line, file, tally, index, ipFromConnection, userFromConnection, record);
        if (lines is not null)
        {
            lines(line, file, formatted is null ? default : formatted.Head(index), formatted is null ? default : formatted.Tail(index));
        }
        else if (record is not null)
        {
            _output!(record);
        }
    }

    /// <summary>End of all input: the connections still open tell their stories.</summary>
    public void Complete() => _sessions.Complete();
}
