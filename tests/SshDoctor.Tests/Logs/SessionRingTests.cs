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
    public void Finds_and_forgets_sessions_like_a_dictionary_with_a_queue(int capacity, int keySpace)
    {
        var ring = new SessionRing(capacity);
        var model = new Dictionary<long, Session>();
        var order = new Queue<long>();
        var random = new Random(capacity * 31 + keySpace);
        for (var step = 0; step < 20_000; step++)
        {
            // Keys as the tracker makes them: a source number in the high half, a pid in the low half.
            var key = ((long)random.Next(3) << 32) | (uint)random.Next(keySpace);
            var found = ring.Find(key);
            Assert.Same(model.GetValueOrDefault(key), found);
            if (found is not null)
            {
                continue;
            }

            Assert.Equal(order.Count >= capacity, ring.Full);
            if (ring.Full)
            {
                var oldest = order.Dequeue();
                Assert.Same(model[oldest], ring.Oldest);
                model.Remove(oldest);
            }

            var session = new Session("f", null, (int)key);
            ring.Add(key, session);
            model[key] = session;
            order.Enqueue(key);
        }

        Assert.Equal(order.Select(k => model[k]), ring.All());
        foreach (var key in model.Keys)
        {
            Assert.Same(model[key], ring.Find(key));
        }
    }

    [Fact]
    public void Is_empty_after_clear()
    {
        var ring = new SessionRing(4);
        for (var pid = 0; pid < 6; pid++)
        {
            ring.Add(pid, new Session("f", null, pid));
        }

        ring.Clear();

        Assert.False(ring.Full);
        Assert.Empty(ring.All());
        Assert.Null(ring.Find(5));
    }
}
