using System.Globalization;
using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// Blocks are classified by worker threads and by the reading thread when it would otherwise wait: whoever classifies a
/// block, results come back in input order, failures reach the reader, and leaving early stops the workers.
/// </summary>
public sealed class ParallelLogScannerTests
{
    /// <summary>About 5 MB: several blocks, so that workers and the reader both take some.</summary>
    private static byte[] ManyBlocks()
    {
        var text = new StringBuilder();
        for (var n = 0; n < 60_000; n++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Jan  1 00:{n / 60 % 60:00}:{n % 60:00} h sshd[{n}]: Invalid user u{n} from 192.0.2.{n % 250} port {1000 + (n % 60_000)}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Results_come_back_in_input_order_whoever_classifies_each_block(int parallelism)
    {
        var bytes = ManyBlocks();
        var years = YearInference.ForFile("many");
        var users = new List<string?>();
        long lines = 0;
        foreach (var block in ParallelLogScanner.Scan(new MemoryStream(bytes), "many", years, parallelism, keepText: false))
        {
            foreach (var line in block.SshLines)
            {
                users.Add(line.User);
            }

            lines += block.Lines;
            block.Dispose();
        }

        Assert.Equal(60_000, lines);
        Assert.Equal([.. Enumerable.Range(0, 60_000).Select(n => (string?)$"u{n}")], users);
    }

    [Fact]
    public void The_reader_classifies_blocks_too_and_order_holds_when_blocks_take_uneven_time()
    {
        var reader = Environment.CurrentManagedThreadId;
        var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
        BlockResult Classify(LineBlock block)
        {
            threads.Add(Environment.CurrentManagedThreadId);
            // The first pid of the block tells which block it is; odd blocks take longer.
            var text = Encoding.UTF8.GetString(block.Bytes[..200]);
            var pid = int.Parse(text[(text.IndexOf('[', StringComparison.Ordinal) + 1)..text.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            Thread.Sleep(pid % 2 == 0 ? 5 : 40);
            return new BlockResult { Lines = pid };
        }

        var firstPids = new List<long>();
        foreach (var result in ParallelLogScanner.Scan(new MemoryStream(ManyBlocks()), Classify, parallelism: 2))
        {
            firstPids.Add(result.Lines);
            result.Dispose();
        }

        Assert.True(firstPids.Count >= 4);
        Assert.Equal(firstPids.Order(), firstPids);
        Assert.Contains(reader, threads);
        Assert.Contains(threads, id => id != reader);
    }

    [Fact]
    public void A_failure_while_classifying_reaches_the_reader()
    {
        var calls = 0;
        BlockResult Classify(LineBlock block) =>
            Interlocked.Increment(ref calls) == 3 ? throw new InvalidDataException("block 3") : new BlockResult { Lines = 1 };

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var result in ParallelLogScanner.Scan(new MemoryStream(ManyBlocks()), Classify, parallelism: 2))
            {
                result.Dispose();
            }
        });
        Assert.Equal("block 3", error.Message);
    }

    [Fact]
    public void Leaving_early_stops_the_workers()
    {
        var running = 0;
        BlockResult Classify(LineBlock block)
        {
            Interlocked.Increment(ref running);
            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
            return new BlockResult { Lines = 1 };
        }

        using (var results = ParallelLogScanner.Scan(new MemoryStream(ManyBlocks()), Classify, parallelism: 4).GetEnumerator())
        {
            Assert.True(results.MoveNext());
        }

        // Disposing the enumeration waited for the workers: none is still classifying.
        Assert.Equal(0, Volatile.Read(ref running));
    }
}
