namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Reads an input in blocks and classifies them on all cores while keeping input order: at most a few blocks are in
/// flight, so memory does not grow with the file. The caller consumes results one block at a time, in order.
/// </summary>
public static class ParallelLogScanner
{
    public static IEnumerable<BlockResult> Scan(Stream stream, string file, YearInference years, int? parallelism = null, bool keepText = true, bool tally = false)
    {
        var inFlight = Math.Max(2, (parallelism ?? Environment.ProcessorCount) * 2);
        var reader = new BlockReader(stream, new BlockBuffers(BlockReader.BlockBytes, inFlight + 2));
        var queue = new Queue<Task<BlockResult>>();
        var ended = false;
        while (true)
        {
            while (!ended && queue.Count < inFlight)
            {
                var block = reader.Next();
                if (block is null)
                {
                    ended = true;
                    break;
                }

                queue.Enqueue(Task.Run(() =>
                {
                    using (block)
                    {
                        return BlockClassifier.Classify(block, new LineClassifier(file, years, FastSignatureMatcher.Server) { KeepText = keepText }, tally);
                    }
                }));
            }

            if (queue.Count == 0)
            {
                yield break;
            }

            yield return queue.Dequeue().GetAwaiter().GetResult();
        }
    }
}
