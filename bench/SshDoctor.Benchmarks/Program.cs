using System.Diagnostics;
using BenchmarkDotNet.Running;
using SshDoctor.Benchmarks;
using SshDoctor.Logs.Bulk;

// "consumer FILE": five rounds of classifying the whole file, then timing only the pipeline's consumer (for a profiler).
if (args is ["consumer", var consumed])
{
    for (var round = 0; round < 5; round++)
    {
        List<BlockResult> blocks;
        using (var stream = File.OpenRead(consumed))
        {
            blocks = [.. ParallelLogScanner.Scan(stream, consumed, YearInference.ForFile(consumed), keepText: false, tally: true)];
        }

        var pipeline = new LogPipeline(new LogFilter(), null) { KeepText = false, OutputsRecognised = false };
        var watch = Stopwatch.StartNew();
        pipeline.Consume(new InputSummary(consumed, "file"), blocks);
        pipeline.Complete();
        Console.WriteLine($"consumer: {watch.Elapsed.TotalMilliseconds:0} ms");
    }

    return;
}

// "quick FILE": one timed pass of each stage over a real file (no BenchmarkDotNet), for fast feedback while tuning.
// The consumer alone is timed by "consumer FILE" above.
if (args is ["quick", var file])
{
    var bytes = new FileInfo(file).Length;
    foreach (var summaryOnly in (bool[])[false, true])
    {
        Time($"classify blocks, 1 thread{(summaryOnly ? ", no text, tally" : string.Empty)}", () =>
        {
            using var stream = File.OpenRead(file);
            var reader = new BlockReader(stream, new BlockBuffers(BlockReader.BlockBytes, 4));
            var classifier = new LineClassifier(file, YearInference.ForFile(file), FastSignatureMatcher.Server) { KeepText = !summaryOnly };
            while (reader.Next() is { } block)
            {
                using (block)
                {
                    BlockClassifier.Classify(block, classifier, tally: summaryOnly).Dispose();
                }
            }
        });
    }
    foreach (var parallelism in ((int[])[1, 2, Environment.ProcessorCount]).Distinct())
    {
        Time($"scan, {parallelism} in parallel, no text, tally", () =>
        {
            using var stream = File.OpenRead(file);
            foreach (var result in ParallelLogScanner.Scan(stream, file, YearInference.ForFile(file), parallelism, keepText: false, tally: true))
            {
                result.Dispose();
            }
        });
    }
    Time("whole pipeline (summary)", () =>
    {
        using var input = LogInput.Open(file);
        var pipeline = new LogPipeline(new LogFilter(), null) { KeepText = false, OutputsRecognised = false };
        pipeline.Read(input);
        pipeline.Complete();
    });
    return;

    void Time(string what, Action action)
    {
        action();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        // On a shared machine wall time depends on the neighbours; CPU time is what this code costs.
        Console.WriteLine($"{what,-28} {watch.Elapsed.TotalMilliseconds,8:0} ms wall {bytes / watch.Elapsed.TotalSeconds / 1e6,7:0} MB/s   {used.TotalMilliseconds,8:0} ms CPU {bytes / used.TotalSeconds / 1e6,7:0} MB/s per CPU-second");
    }
}

BenchmarkSwitcher.FromAssembly(typeof(ClassifierBenchmarks).Assembly).Run(args);
