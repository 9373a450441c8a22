using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The session ring must behave as the dictionary and first-in-first-out queue it replaced: same sessions found, the
/// oldest forgotten first when full, every open session listed at the end.
/// </summary>
public class SessionRingTests
{
    [Theory]
    [InlineData(1, 50)]
    [InlineData(7, 40)]
    [InlineData(64, 200)]
    [InlineData(1000, 3000)]
    [InlineData(1000, 400_000)]
    [InlineData(1000, int.MaxValue)] // pids past Linux's range: the hash table, not the direct pages
    public void Finds_and_forgets_sessions_like_a_dictionary_with_a_queue(int capacity, int keySpace)
    {
        var ring = new SessionRing(capacity);
        var model = new Dictionary<long, int>();
        var order = new Queue<long>();
        var random = new Random(capacity * 31 + keySpace);
        for (var step = 0; step < 20_000; step++)
        {
            // Keys as the tracker makes them: a source number in the high half, a pid in the low half. Sources 0 and 1 are
            // indexed directly by pid, source 2 by the hash table.
            var key = ((long)random.Next(3) << 32) | (uint)random.Next(keySpace);
            var found = ring.Find(key);
            Assert.Equal(model.ContainsKey(key), found >= 0);
            if (found >= 0)
            {
                // Each session is marked with the step that made it (in its port), to tell sessions apart.
                Assert.Equal(model[key], ring[found].Port);
                continue;
            }

            Assert.Equal(order.Count >= capacity, ring.Full);
            if (ring.Full)
            {
                var oldest = order.Dequeue();
                Assert.Equal(model[oldest], ring[ring.Oldest].Port);
                model.Remove(oldest);
            }

            var slot = ring.Add(key);
            Assert.Null(ring[slot].Port);
            ring[slot].Port = step;
            model[key] = step;
            order.Enqueue(key);
        }

        Assert.Equal(order.Select(k => (int?)model[k]), ring.All().Select(slot => ring[slot].Port));
        foreach (var key in model.Keys)
        {
            Assert.Equal(model[key], ring[ring.Find(key)].Port);
        }
    }

    [Fact]
    public void Is_empty_after_clear()
    {
        var ring = new SessionRing(4);
        for (var pid = 0; pid < 6; pid++)
        {
            ring.Add(pid);
        }

        ring.Clear();

        Assert.False(ring.Full);
        Assert.Empty(ring.All());
        Assert.Equal(-1, ring.Find(5));
    }

    [Fact]
    public void A_few_sessions_in_a_large_ring_are_cleared_entry_by_entry_and_the_ring_works_again()
    {
        var ring = new SessionRing(65_536);
        // Few enough that only their own table entries are emptied; many enough that some share a probe run.
        var keys = Enumerable.Range(0, 3000).Select(n => ((long)(n % 3) << 32) | (uint)(n * 7)).ToList();
        foreach (var key in keys)
        {
            ring.Add(key);
        }

        ring.Clear();

        Assert.All(keys, key => Assert.Equal(-1, ring.Find(key)));
        Assert.Empty(ring.All());
        Assert.Equal(0, ring.Add(keys[5]));
        Assert.Equal(0, ring.Find(keys[5]));
    }
}
