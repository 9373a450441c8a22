using System.Text;
using SshDoctor.Logs;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Server;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// Differential: <c>logs</c> reads an input in blocks (ASCII slices, hand-written readers, fast matcher, tallies); the
/// follow path reads it line by line with the same classifier. Both must keep the same records and count the same
/// summary, and every message's shortcuts must agree with the signature table (<see cref="SignatureAgreement"/>).
/// </summary>
public sealed class BulkLogsHarness : IHarness
{
    /// <summary>Decompressed bytes beyond this are not compared line by line (a small gzip can hold gigabytes).</summary>
    private const int MaxComparedBytes = 4 << 20;

    private static readonly YearInference Years = new(new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Local));

    public string Name => "logs-differential";

    public string Covers => "logs: block path vs follow path (records, summary), common readers and fast matcher vs SignatureTable";

    public void Run(byte[] input)
    {
        var (blockRecords, blockSummary) = ReadInBlocks(input);
        var (lineRecords, lineSummary, lines) = ReadLineByLine(input);
        CompareRecords(blockRecords, lineRecords);
        CompareSummaries(blockSummary, lineSummary);
        CompareTextsInBlock(input);
        foreach (var record in blockRecords)
        {
            ProducedText.CheckAll(record, "record");
        }

        foreach (var line in lines)
        {
            var message = MessageText.Strip(ServerLinePrefix.Split(line).Message);
            if ((SignatureAgreement.SpanReading(message, out _) ?? SignatureAgreement.FastMatcher(message)) is { } disagreement)
            {
                throw new FuzzFindingException(disagreement);
            }
        }
    }

    private static (List<LogRecord>, LogSummary) ReadInBlocks(byte[] input)
    {
        var records = new List<LogRecord>();
        var pipeline = new LogPipeline(new LogFilter(), records.Add);
        using var opened = LogInput.Open("-", () => new MemoryStream(input, writable: false));
        pipeline.Consume(new InputSummary("stdin", "stdin"), ParallelLogScanner.Scan(opened.Stream, "stdin", Years, keepText: true, tally: true));
        pipeline.Complete();
        return (records, pipeline.Summary);
    }

    private static (List<LogRecord>, LogSummary, List<string>) ReadLineByLine(byte[] input)
    {
        var records = new List<LogRecord>();
        var pipeline = new LogPipeline(new LogFilter(), records.Add);
        using var opened = LogInput.Open("-", () => new MemoryStream(input, writable: false));
        using var copy = new MemoryStream();
        using (var tee = new TeeStream(opened.Stream, copy, MaxComparedBytes))
        {
            StreamFollower.Run(tee, "stdin", Years, pipeline.Accept, CancellationToken.None);
        }

        pipeline.Complete();
        var lines = copy.Length >= MaxComparedBytes ? [] : Encoding.UTF8.GetString(copy.ToArray()).Split('\n').ToList();
        return (records, pipeline.Summary, lines);
    }

    /// <summary>
    /// The per-line outputs take a recognised ASCII line's message from the block's bytes (<see cref="SshLine.TextInBlockStart"/>):
    /// it must be exactly the text the same line keeps as a string when nothing formats on the workers.
    /// </summary>
    private static void CompareTextsInBlock(byte[] input)
    {
        var asStrings = Texts(input, inBlock: false);
        var fromBlocks = Texts(input, inBlock: true);
        for (var i = 0; i < Math.Min(asStrings.Count, fromBlocks.Count); i++)
        {
            if (!string.Equals(asStrings[i], fromBlocks[i], StringComparison.Ordinal))
            {
                throw new FuzzFindingException($"line {i}: text {asStrings[i]} as a string vs {fromBlocks[i]} from the block");
            }
        }

        if (asStrings.Count != fromBlocks.Count)
        {
            throw new FuzzFindingException($"{asStrings.Count} lines with strings vs {fromBlocks.Count} from the block");
        }
    }

    private static List<string> Texts(byte[] input, bool inBlock)
    {
        // Blocks are classified (and their `after` run) on several threads at once: each block's texts are kept by
        // block and taken in input order.
        var byBlock = new System.Collections.Concurrent.ConcurrentDictionary<BlockResult, List<string>>();
        var texts = new List<string>();
        using var opened = LogInput.Open("-", () => new MemoryStream(input, writable: false));
        foreach (var result in ParallelLogScanner.Scan(opened.Stream, "stdin", Years, keepText: true, after: inBlock ? FromBlock : null))
        {
            if (inBlock)
            {
                texts.AddRange(byBlock[result]);
            }
            else
            {
                foreach (var line in result.SshLines)
                {
                    texts.Add(line.Text);
                }
            }

            result.Dispose();
        }

        return texts;

        void FromBlock(BlockResult result, LineBlock block)
        {
            var own = new List<string>();
            foreach (var line in result.SshLines)
            {
                own.Add(line.TextInBlockLength > 0 ? Encoding.Latin1.GetString(block.Bytes.Slice(line.TextInBlockStart, line.TextInBlockLength)) : line.Text);
            }

            byBlock[result] = own;
        }
    }

    private static void CompareRecords(List<LogRecord> blocks, List<LogRecord> lines)
    {
        for (var i = 0; i < Math.Min(blocks.Count, lines.Count); i++)
        {
            var (b, l) = (Shape(blocks[i]), Shape(lines[i]));
            if (b != l)
            {
                throw new FuzzFindingException($"record {i}: blocks {b} vs lines {l}");
            }
        }

        if (blocks.Count != lines.Count)
        {
            throw new FuzzFindingException($"{blocks.Count} records in blocks vs {lines.Count} line by line");
        }
    }

    private static string Shape(LogRecord r) =>
        $"line {r.Line} kind={r.Kind} id={r.DiagnosisId} ip={r.Ip} port={r.Port} user={r.User} host={r.Host} process={r.Process} pid={r.Pid} "
        + $"time={r.Time} cut={r.Cut} text={r.Text}";

    private static void CompareSummaries(LogSummary blocks, LogSummary lines)
    {
        var (b, l) = (Shape(blocks), Shape(lines));
        if (b != l)
        {
            throw new FuzzFindingException($"summary: blocks {b} vs lines {l}");
        }
    }

    private static string Shape(LogSummary s) =>
        $"ssh={s.SshLines} recognised={s.Recognised} unknown={s.Unknown} cut={s.Cut} failures={s.Failures} "
        + $"diagnoses=[{string.Join(',', s.ByDiagnosis.Select(p => $"{p.Key}:{p.Value.Count}"))}] "
        + $"events=[{string.Join(',', s.ByEvent.Select(p => $"{p.Key}:{p.Value.Count}"))}] "
        + $"addresses=[{string.Join(',', s.Addresses.Top(50, AuthCounts.FailuresOf).Select(p => $"{p.Key}:{p.Counts.Count}"))}] "
        + $"users=[{string.Join(',', s.Users.Top(50, AuthCounts.FailuresOf).Select(p => $"{p.Key}:{p.Counts.Count}"))}] "
        + $"stories=[{string.Join(',', s.Stories.Top(50).Select(p => $"{p.Key}:{p.Counts.Count}"))}] bans={s.BansSeen}";

    /// <summary>Reads through to the follower and keeps the first bytes it read (the decompressed text for a gzip input).</summary>
    private sealed class TeeStream(Stream source, MemoryStream copy, int keep) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = source.Read(buffer, offset, count);
            if (copy.Length < keep)
            {
                copy.Write(buffer, offset, Math.Min(read, keep - (int)copy.Length));
            }

            return read;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
