using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The table keeps its keys in the order they came (through growth and removals) and finds each by its text, also
/// when many keys share a hash (a hostile log cannot choose the runtime's hash, but probing must still be right).
/// </summary>
public class CountTableTests
{
    [Fact]
    public void Keys_stay_in_the_order_they_came_through_growth_and_removal()
    {
        var table = new CountTable<TimedCount>();
        for (var i = 0; i < 5000; i++)
        {
            table.For($"10.0.{i >> 8}.{i & 255}").Add(null, i % 3 == 0 ? 2 : 1);
        }

        Assert.Equal(5000, table.Count);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"10.0.{i >> 8}.{i & 255}"), Enumerable.Range(0, table.Count).Select(i => table.KeyAt(i).ToString()));

        table.RemoveUnless(counts => counts.Count > 1);
        var kept = Enumerable.Range(0, 5000).Where(i => i % 3 == 0).Select(i => $"10.0.{i >> 8}.{i & 255}").ToList();
        Assert.Equal(kept, Enumerable.Range(0, table.Count).Select(i => table.KeyAt(i).ToString()));
        Assert.All(kept, key => Assert.Equal(2, table.For(key).Count));
        Assert.Equal(kept.Count, table.Count);
        Assert.True(table.Lookup("10.0.0.1", TextHash.Of("10.0.0.1")) < 0);
    }

    [Fact]
    public void One_text_is_one_key_whichever_string_or_span_carries_it()
    {
        var table = new CountTable<TimedCount>();
        table.For("root").Add(null);
        table.For(new string("root".AsSpan())).Add(null);
        table.For("rooted".AsSpan(0, 4)).Add(null);
        Assert.Equal((1, 3L), (table.Count, table.For("root").Count));
    }

    [Fact]
    public void Keys_that_share_a_hash_are_told_apart_by_their_text()
    {
        var table = new CountTable<TimedCount>();
        for (var i = 0; i < 300; i++)
        {
            table.For($"user{i}", hash: 42).Add(null, i + 1);
        }

        Assert.All(Enumerable.Range(0, 300), i => Assert.Equal(i + 1, table.CountsAt(table.Lookup($"user{i}", 42)).Count));
        Assert.True(table.Lookup("user300", 42) < 0);
        table.Clear();
        Assert.Equal((0, true), (table.Count, table.Lookup("user1", 42) < 0));
    }

    [Fact]
    public void A_bounded_table_grows_to_its_bound_not_past_it()
    {
        var table = new CountTable<TimedCount>(maxEntries: 100);
        for (var i = 0; i < 100; i++)
        {
            table.For($"k{i}").Add(null);
        }

        Assert.Equal(100, table.Count);
        Assert.Equal(100, table.Capacity);
    }

    [Fact]
    public void A_table_past_its_first_chunks_finds_every_key_and_stops_at_its_bound()
    {
        // 10,000 is not a whole number of chunks: the last one is made only up to the bound.
        var table = new CountTable<TimedCount>(maxEntries: 10_000);
        for (var i = 0; i < 10_000; i++)
        {
            table.For($"2001:db8::{i:x}").Add(null, i + 1);
        }

        Assert.Equal((10_000, 10_000), (table.Count, table.Capacity));
        Assert.All(Enumerable.Range(0, 10_000), i => Assert.Equal(i + 1, table.CountsAt(table.Lookup($"2001:db8::{i:x}", TextHash.Of($"2001:db8::{i:x}"))).Count));
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => $"2001:db8::{i:x}"), Enumerable.Range(0, table.Count).Select(i => table.KeyAt(i).ToString()));

        table.RemoveUnless(counts => counts.Count > 9_000);
        Assert.Equal(Enumerable.Range(9_000, 1_000).Select(i => $"2001:db8::{i:x}"), Enumerable.Range(0, table.Count).Select(i => table.KeyAt(i).ToString()));
        Assert.Equal(10_000, table.For("2001:db8::270f").Count);
    }

    [Fact]
    public void A_table_filled_past_its_bound_keeps_every_key()
    {
        // The last chunk was cut at the bound: a key past it extends that chunk, it does not replace it.
        var table = new CountTable<TimedCount>(maxEntries: 5_000);
        for (var i = 0; i < 5_003; i++)
        {
            table.For($"u{i}").Add(null, i + 1);
        }

        Assert.Equal(5_003, table.Count);
        Assert.All(Enumerable.Range(0, 5_003), i => Assert.Equal(i + 1, table.For($"u{i}").Count));
        Assert.Equal(Enumerable.Range(0, 5_003).Select(i => $"u{i}"), Enumerable.Range(0, table.Count).Select(i => table.KeyAt(i).ToString()));
    }

    [Fact]
    public void Keys_longer_and_shorter_than_a_chunk_of_text_keep_their_text_through_removals()
    {
        // Chunks of text hold 65,536 characters and never split a key: keys that fill one exactly, cross its end, and
        // one longer than a chunk (a chunk of its own), then removals that pack the kept keys from the first chunk
        // again, and keys added after them into chunks kept from before.
        var lengths = new[] { 1, 65_535, 1, 40_000, 30_000, 70_000, 3, 65_536, 2, 100, 50_000, 20_000 };
        var keys = lengths.Select((length, i) => new string((char)('a' + i), length)).ToList();
        var table = new CountTable<TimedCount>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var key in keys)
            {
                table.For(key).Add(null);
            }

            Assert.Equal(keys, Enumerable.Range(0, table.Count).Select(i => table.KeyAt(i).ToString()));
            Assert.All(keys, key => Assert.Equal(round + 1, table.For(key).Count));
        }

        table.RemoveUnless(counts => counts.Count == 0);
        Assert.Equal(0, table.Count);
        var odd = keys.Where((_, i) => i % 2 == 1).ToList();
        foreach (var key in odd)
        {
            table.For(key).Add(null, 2);
        }

        table.For("x").Add(null);
        table.RemoveUnless(counts => counts.Count > 1);
        foreach (var key in keys.Where((_, i) => i % 2 == 0))
        {
            table.For(key).Add(null, 3);
        }

        var expected = odd.Concat(keys.Where((_, i) => i % 2 == 0)).ToList();
        Assert.Equal(expected, Enumerable.Range(0, table.Count).Select(i => table.KeyAt(i).ToString()));
        Assert.All(expected, key => Assert.Equal(odd.Contains(key) ? 2 : 3, table.For(key).Count));
        Assert.True(table.Lookup("x", TextHash.Of("x")) < 0);
    }

    [Fact]
    public void A_bounded_table_whose_index_jumps_to_its_bound_finds_every_key_once_before_and_after_a_removal()
    {
        // At 4,096 keys the index is made for the bound at once (not doubled): every key must be found, none made twice.
        static string Key(int i) => $"198.51.{i >> 8}.{i & 255}";
        var table = new CountTable<TimedCount>(maxEntries: 100_000);
        for (var i = 0; i < 30_000; i++)
        {
            table.For(Key(i)).Add(null, (i % 3) + 1);
        }

        for (var i = 0; i < 30_000; i++)
        {
            table.For(Key(i)).Add(null, 10);
        }

        Assert.Equal(30_000, table.Count);
        Assert.All(Enumerable.Range(0, 30_000), i => Assert.Equal((i % 3) + 11, table.CountsAt(table.Lookup(Key(i), TextHash.Of(Key(i)))).Count));

        table.RemoveUnless(counts => counts.Count > 12);
        var kept = Enumerable.Range(0, 30_000).Where(i => i % 3 == 2).ToList();
        Assert.Equal(kept.Select(Key), Enumerable.Range(0, table.Count).Select(i => table.KeyAt(i).ToString()));
        Assert.All(Enumerable.Range(0, 30_000), i => Assert.Equal(i % 3 == 2 ? kept.IndexOf(i) : -1, Math.Max(-1, table.Lookup(Key(i), TextHash.Of(Key(i))))));
    }

    [Fact]
    public void A_key_added_at_the_slot_its_lookup_ended_at_is_found_as_one_placed_by_a_search()
    {
        // Lookup's complement is the empty slot where a search would place the key: two tables, one added to at those
        // slots and one by searching, through index growth, shared hashes and a removal, hold the same keys in order.
        foreach (var collide in (bool[])[false, true])
        {
            var atSlot = new CountTable<TimedCount>();
            var searched = new CountTable<TimedCount>();
            var hashes = new Dictionary<string, int>();
            for (var i = 0; i < 6000; i++)
            {
                var key = $"2001:db8::{i * 7919 % 6007:x}";
                var hash = hashes[key] = collide ? i % 5 : TextHash.Of(key);
                var found = atSlot.Lookup(key, hash);
                Assert.True(found < 0);
                atSlot.Add(key, hash, ~found).Add(null, (i % 3) + 1);
                searched.Add(key, hash, emptySlot: -1).Add(null, (i % 3) + 1);
                Assert.Equal(atSlot.Count - 1, atSlot.Lookup(key, hash));
                if (i == 3000)
                {
                    var generation = atSlot.Generation;
                    atSlot.RemoveUnless(counts => counts.Count > 1);
                    searched.RemoveUnless(counts => counts.Count > 1);
                    Assert.NotEqual(generation, atSlot.Generation);
                }
            }

            Assert.Equal(Enumerable.Range(0, searched.Count).Select(i => searched.KeyAt(i).ToString()), Enumerable.Range(0, atSlot.Count).Select(i => atSlot.KeyAt(i).ToString()));
            for (var i = 0; i < atSlot.Count; i++)
            {
                var key = atSlot.KeyAt(i).ToString();
                Assert.Equal((i, i), (atSlot.Lookup(key, hashes[key]), searched.Lookup(key, hashes[key])));
            }
        }
    }
}
