using SshDoctor.Scan.Inventory;

namespace SshDoctor.Tests.Scan;

/// <summary><c>--shard I/N</c>: every host in exactly one shard, by the host alone (not its place in the list), bad values refused.</summary>
public sealed class InventoryShardTests
{
    private static readonly string[] Fleet = [.. Enumerable.Range(1, 400).Select(i => $"web{i}.example:{2200 + (i % 7)}"), "alice@db1", "db1", "DB2.example", "[::1]:2222"];

    [Fact]
    public void Every_host_is_in_exactly_one_shard_and_the_shards_are_roughly_even()
    {
        const int count = 4;
        var shards = Enumerable.Range(1, count).Select(i => new InventoryShard(i, count)).ToList();

        foreach (var host in Fleet)
        {
            Assert.Single(shards, s => s.Contains(new InventoryEntry(host, "test")));
        }

        var sizes = shards.Select(s => Fleet.Count(h => s.Contains(new InventoryEntry(h, "test")))).ToList();
        Assert.Equal(Fleet.Length, sizes.Sum());
        Assert.All(sizes, size => Assert.InRange(size, Fleet.Length / count / 2, Fleet.Length / count * 2));
    }

    [Fact]
    public void A_host_keeps_its_shard_when_hosts_are_added_or_the_list_is_reordered()
    {
        var before = Fleet.ToDictionary(h => h, h => InventoryShard.Of(h, 5));

        var grown = Fleet.Concat(Enumerable.Range(1, 100).Select(i => $"new{i}.example")).Reverse().ToList();

        foreach (var host in Fleet)
        {
            Assert.Equal(before[host], InventoryShard.Of(host, 5));
        }

        Assert.Equal(grown.Count, grown.Count(h => InventoryShard.Of(h, 5) is >= 1 and <= 5));
    }

    [Fact]
    public void The_shard_follows_the_normalised_destination_so_one_host_written_twice_is_in_one_shard()
    {
        Assert.Equal(InventoryShard.Of("Web1.Example:2201", 7), InventoryShard.Of("web1.example:2201", 7));
        Assert.Equal(HostInventory.Key("WEB1.example"), HostInventory.Key("web1.EXAMPLE"));
    }

    [Fact]
    public void The_hash_is_fixed_fnv1a_of_the_key_so_other_tools_can_compute_the_split()
    {
        // FNV-1a 64 of "@web1.example:" (user empty, no port), as any implementation computes it.
        var expected = (int)(Fnv1a("@web1.example:") % 3) + 1;

        Assert.Equal(expected, InventoryShard.Of("web1.example", 3));
    }

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("3/4", 3, 4)]
    [InlineData("4/4", 4, 4)]
    public void Valid_values_parse(string text, int index, int count)
    {
        Assert.Equal(new InventoryShard(index, count), InventoryShard.TryParse(text, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("0/4", "I is from 1 to N")]
    [InlineData("5/4", "I is from 1 to N")]
    [InlineData("1/0", "N is from 1 to")]
    [InlineData("1/100001", "N is from 1 to")]
    [InlineData("-1/4", "not I/N")]
    [InlineData("1", "not I/N")]
    [InlineData("/4", "not I/N")]
    [InlineData("1/", "not I/N")]
    [InlineData("a/b", "not I/N")]
    [InlineData("1/4/2", "not I/N")]
    [InlineData(" 1/4", "not I/N")]
    [InlineData("99999999999/4", "not I/N")]
    public void Bad_values_say_why(string text, string why)
    {
        Assert.Null(InventoryShard.TryParse(text, out var problem));
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 0x100000001b3UL;
        }

        return hash;
    }
}
