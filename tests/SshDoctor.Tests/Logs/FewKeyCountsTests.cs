using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>The per-kind counts of a block's tally: found by reference first, but always one entry per text.</summary>
public sealed class FewKeyCountsTests
{
    [Fact]
    public void A_key_that_comes_as_another_string_object_with_the_same_text_shares_its_entry()
    {
        var counts = new FewKeyCounts();
        var first = "sshd.failed-password";
        var copy = new string(first.AsSpan());
        Assert.NotSame(first, copy);

        counts.For(first).Add(null);
        counts.For(copy).Add(null);
        counts.For("sshd.invalid-user").Add(null);

        Assert.Equal(2, counts.Count);
        Assert.Equal([("sshd.failed-password", 2L), ("sshd.invalid-user", 1L)], counts.Entries().Select(e => (e.Key, e.Counts.Count)));
    }

    [Fact]
    public void More_keys_than_its_first_size_are_all_kept_in_order_and_clear_empties_it()
    {
        var counts = new FewKeyCounts();
        var keys = Enumerable.Range(0, 100).Select(n => $"kind-{n}").ToList();
        foreach (var (key, times) in keys.Select((k, i) => (k, i + 1)))
        {
            for (var t = 0; t < times; t++)
            {
                counts.For(key).Add(null);
            }
        }

        Assert.Equal(keys.Select((k, i) => (k, (long)(i + 1))), counts.Entries().Select(e => (e.Key, e.Counts.Count)));
        counts.Clear();
        Assert.Equal(0, counts.Count);
        Assert.Empty(counts.Entries());
    }
}
