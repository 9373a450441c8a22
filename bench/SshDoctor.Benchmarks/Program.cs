using System.Diagnostics;
using BenchmarkDotNet.Running;
using SshDoctor.Benchmarks;
using SshDoctor.Logs.Bulk;

// "quick FILE": one timed pass of each stage over a real file (no BenchmarkDotNet), for fast feedback while tuning.
if (args is ["quick", var file])
{
    var bytes = new FileInfo(file).Length;
    Time("classify blocks, 1 thread", () =>
    {
        using var stream = File.OpenRead(file);
        var reader = new BlockReader(stream, new BlockBuffers(BlockReader.BlockBytes, 4));
        var classifier = new LineClassifier(file, YearInference.ForFile(file), FastSignatureMatcher.Server);
        while (reader.Next() is { } block)
        {
            using (block)
            {
                BlockClassifier.Classify(block, classifier).Dispose();
            }
        }
    });
    Time("scan, all cores", () =>
    {
        using var stream = File.OpenRead(file);
        foreach (var unused in ParallelLogScanner.Scan(stream, file, YearInference.ForFile(file)))
        {
        }
    });
    Time("whole pipeline (summary)", () =>
    {
        using var input = LogInput.Open(file);
        var pipeline = new LogPipeline(new LogFilter(), null);
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
