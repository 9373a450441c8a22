using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// Past its bound the counter drops the keys counted least, doubling the floor until fewer than three quarters of the
/// capacity are left: whether few keys stay (put back into an emptied table) or many (removed in place), the same keys
/// stay with the same counts and times.
/// </summary>
public class BoundedCounterTests
{
    private static readonly LogTime Early = new(new DateTime(2026, 3, 5, 10, 0, 0), null);
    private static readonly LogTime Late = new(new DateTime(2026, 3, 5, 11, 0, 0), null);

    [Fact]
    public void A_storm_of_keys_seen_once_keeps_the_frequent_keys_and_stays_within_the_bound()
    {
        var counter = new BoundedCounter<TimedCount>(1000);
        for (var i = 0; i < 100; i++)
        {
            counter.For($"hot{i}").Add(Early, 10);
        }

        for (var i = 0; i < 100_000; i++)
        {
            counter.For($"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}").Add(Late);
            Assert.True(counter.Distinct <= counter.Capacity);
        }

        counter.For("hot7").Add(Late);
        Assert.True(counter.Approximate);
        var top = counter.Top(int.MaxValue);
        Assert.Equal(100, top.Count(t => t.Key.StartsWith("hot", StringComparison.Ordinal)));
        Assert.All(top.Where(t => t.Key.StartsWith("hot", StringComparison.Ordinal)), t => Assert.Equal(t.Key == "hot7" ? 11 : 10, t.Counts.Count));
        var hot7 = top.Single(t => t.Key == "hot7").Counts;
        Assert.Equal((Early, Late), (hot7.First!.Value, hot7.Last!.Value));
    }

    [Fact]
    public void When_most_keys_stay_the_floor_rises_until_a_quarter_goes()
    {
        var counter = new BoundedCounter<TimedCount>(1000);
        for (var i = 0; i < 500; i++)
        {
            counter.For($"ten{i}").Add(Early, 10);
        }

        for (var i = 0; i < 300; i++)
        {
            counter.For($"three{i}").Add(Early, 3);
        }

        for (var i = 0; i < 200; i++)
        {
            counter.For($"one{i}").Add(Early);
        }

        counter.For("new").Add(Late);

        // Floor 1 and 2 leave 800 keys (not below 750), floor 4 leaves the 500 counted ten times; the new key stays.
        var top = counter.Top(int.MaxValue);
        Assert.Equal(501, counter.Distinct);
        Assert.Equal(500, top.Count(t => t.Key.StartsWith("ten", StringComparison.Ordinal) && t.Counts.Count == 10));
        Assert.Equal(1, top.Single(t => t.Key == "new").Counts.Count);
    }

    [Fact]
    public void Counting_by_text_finds_the_key_counted_by_string()
    {
        var counter = new BoundedCounter<TimedCount>(10);
        counter.For("story").Add(Early);
        counter.For("story".AsSpan()).Add(Late);
        var (key, counts) = Assert.Single(counter.Top(10));
        Assert.Equal(("story", 2L), (key, counts.Count));
    }

    [Fact]
    public void A_short_top_list_is_the_head_of_the_whole_sorted_list()
    {
        var counter = new BoundedCounter<TimedCount>(10_000);
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            counter.For($"k{random.Next(3000)}").Add(Early, random.Next(1, 4));
        }

        var whole = counter.Top(int.MaxValue);
        Assert.Equal(whole.OrderByDescending(t => t.Counts.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key), whole.Select(t => t.Key));
        foreach (var n in (int[])[0, 1, 10, 20, 64, 65])
        {
            Assert.Equal(whole.Take(n).Select(t => (t.Key, t.Counts.Count)), counter.Top(n).Select(t => (t.Key, t.Counts.Count)));
        }
    }

    [Fact]
    public void The_prune_keeps_exactly_the_keys_above_the_doubled_floor_at_every_power_of_two()
    {
        // Counts on both sides of every power of two, in mixes where the floor ends at 1, 2, 4, ... 2^20: the prune must
        // keep exactly the keys a floor doubled from 1 (while at least three quarters of the capacity lie above it) keeps,
        // with their counts (a faster prune must pick the same floor).
        var random = new Random(11);
        for (var round = 0; round < 60; round++)
        {
            var counter = new BoundedCounter<TimedCount>(400);
            var top = random.Next(0, 21);
            var counts = Enumerable.Range(0, 400).Select(_ =>
            {
                var power = 1L << random.Next(0, top + 1);
                return Math.Max(1, power + random.Next(-1, 2));
            }).ToList();
            for (var i = 0; i < counts.Count; i++)
            {
                counter.For($"k{i}").Add(Early, (int)counts[i]);
            }

            counter.For("new").Add(Late);

            var floor = 1L;
            while (counts.Count(c => c > floor) >= 300)
            {
                floor *= 2;
            }

            var kept = Enumerable.Range(0, counts.Count).Where(i => counts[i] > floor).Select(i => ($"k{i}", counts[i])).Append(("new", 1L));
            Assert.Equal(kept.OrderByDescending(k => k.Item2).ThenBy(k => k.Item1, StringComparer.Ordinal), counter.Top(int.MaxValue).Select(t => (t.Key, t.Counts.Count)));
        }
    }

    [Fact]
    public void A_short_top_list_of_failures_or_attempts_is_the_head_of_the_key_by_key_sort()
    {
        // Top passes over a key whose whole count (failures and attempts) is below its list's last: each part's list
        // must still be what sorting every key by that part gives, with many ties and keys counted by one part only.
        var random = new Random(13);
        for (var round = 0; round < 20; round++)
        {
            var counter = new BoundedCounter<AuthCounts>(100_000);
            var model = new Dictionary<string, long[]>();
            var spread = random.Next(1, 6);
            for (var i = 0; i < 4000; i++)
            {
                var key = $"10.{random.Next(3)}.{random.Next(40)}.{random.Next(30)}";
                var attempt = random.Next(3) == 0;
                var times = random.Next(1, spread + 1);
                ref var counts = ref counter.For(key);
                (attempt ? ref counts.Attempts : ref counts.Failures).Add(Early, times);
                (model.TryGetValue(key, out var kept) ? kept : model[key] = new long[2])[attempt ? 1 : 0] += times;
            }

            foreach (var (part, which) in ((Func<AuthCounts, TimedCount>, int)[])[(AuthCounts.FailuresOf, 0), (AuthCounts.AttemptsOf, 1)])
            {
                var whole = counter.Top(int.MaxValue, part);
                var sorted = model.Where(m => m.Value[which] > 0).OrderByDescending(m => m.Value[which]).ThenBy(m => m.Key, StringComparer.Ordinal);
                Assert.Equal(sorted.Select(m => (m.Key, m.Value[which])), whole.Select(t => (t.Key, t.Counts.Count)));
                foreach (var n in (int[])[0, 1, 2, 10, 20, 64, 65])
                {
                    Assert.Equal(whole.Take(n).Select(t => (t.Key, t.Counts.Count)), counter.Top(n, part).Select(t => (t.Key, t.Counts.Count)));
                }
            }
        }
    }

    [Fact]
    public void Keys_counted_by_string_objects_known_by_reference_count_as_a_key_by_key_model_through_prunes()
    {
        // The counter remembers the string objects whose entries it found: several objects of one text (one per worker),
        // hashes shared by many keys, and prunes that move every entry must still count each text as a plain list does.
        var random = new Random(17);
        foreach (var collide in (bool[])[false, true])
        {
            var counter = new BoundedCounter<TimedCount>(200);
            var model = new List<(string Key, long Count)>();
            var objects = Enumerable.Range(0, 600).Select(i => $"10.{i % 7}.{i / 7}.1").ToArray();
            var copies = objects.Select(text => new[] { text, new string(text.AsSpan()), new string(text.AsSpan()) }).ToArray();
            for (var i = 0; i < 30_000; i++)
            {
                // A few hot keys, and a tail met about once: prunes come often.
                var which = random.Next(4) == 0 ? random.Next(600) : random.Next(12);
                var key = copies[which][random.Next(3)];
                var hash = collide ? key.Length % 3 : TextHash.Of(key);
                var times = random.Next(1, 3);
                if (random.Next(10) == 0)
                {
                    counter.For(key.AsSpan(), hash).Add(Early, times);
                }
                else
                {
                    counter.For(key, hash).Add(Early, times);
                }

                var at = model.FindIndex(m => m.Key == key);
                if (at < 0)
                {
                    if (model.Count >= counter.Capacity)
                    {
                        var floor = 1L;
                        model.RemoveAll(m => m.Count <= floor);
                        while (model.Count >= counter.Capacity * 3 / 4)
                        {
                            floor *= 2;
                            model.RemoveAll(m => m.Count <= floor);
                        }
                    }

                    model.Add((key, 0));
                    at = model.Count - 1;
                }

                model[at] = (key, model[at].Count + times);
                Assert.Equal(model.Count, counter.Distinct);
            }

            Assert.Equal(
                model.OrderByDescending(m => m.Count).ThenBy(m => m.Key, StringComparer.Ordinal),
                counter.Top(int.MaxValue).Select(t => (t.Key, t.Counts.Count)));
        }
    }
}
