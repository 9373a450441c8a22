namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Reads an input in blocks and classifies them on all cores while keeping input order: at most a few blocks are in
/// flight, so memory does not grow with the file. The caller consumes results one block at a time, in order.
/// </summary>
/// <remarks>
/// One core's worth of the work is the caller's: it reads, consumes in order, and classifies blocks itself whenever
/// the one it needs next is not ready (that block first if no one has started it, else a later one). The other cores
/// run one worker thread each. So exactly as many threads are busy as there are cores: with a worker per core as well,
/// three threads shared two cores and each switch cost the caches.
/// </remarks>
public static class ParallelLogScanner
{
    /// <param name="after">
    /// Runs on the worker too, after the classification, while the block's bytes are still there (a per-line output
    /// formats the lines): recognised lines then keep their message in the block's bytes (<see cref="LineClassifier.TextInBlock"/>).
    /// </param>
    public static IEnumerable<BlockResult> Scan(Stream stream, string file, YearInference years, int? parallelism = null, bool keepText = true, bool tally = false, Action<BlockResult, LineBlock>? after = null) =>
        Scan(stream, block =>
        {
            var classifier = new LineClassifier(file, years, FastSignatureMatcher.Server) { KeepText = keepText, TextInBlock = keepText && after is not null, CarryAddresses = after is null };
            var result = BlockClassifier.Classify(block, classifier, tally);
            after?.Invoke(result, block);
            return result;
        }, parallelism);

    /// <summary>The same with any classification of a block (the tests use slow and failing ones).</summary>
    internal static IEnumerable<BlockResult> Scan(Stream stream, Func<LineBlock, BlockResult> classify, int? parallelism = null)
    {
        var cores = Math.Max(1, parallelism ?? Environment.ProcessorCount);
        var inFlight = Math.Max(2, cores * 2);
        var reader = new BlockReader(stream, new BlockBuffers(BlockReader.BlockBytes, inFlight + 2));
        using var workers = new ClassifyWorkers(cores - 1);
        var order = new Queue<ClassifyJob>();
        var ended = false;
        while (true)
        {
            while (!ended && order.Count < inFlight)
            {
                var block = reader.Next();
                if (block is null)
                {
                    ended = true;
                    break;
                }

                var job = new ClassifyJob(block, classify);
                order.Enqueue(job);
                workers.Offer(job);
            }

            if (order.Count == 0)
            {
                yield break;
            }

            var next = order.Peek();
            if (!next.TryRun())
            {
                // A worker has it: help with a later block rather than wait.
                foreach (var later in order)
                {
                    if (next.IsDone)
                    {
                        break;
                    }

                    later.TryRun();
                }
            }

            yield return order.Dequeue().Result();
        }
    }
}
