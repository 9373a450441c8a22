using System.Globalization;
using System.Text;

namespace SshDoctor.Scan.Inventory;

/// <summary>
/// One part of an inventory split between several scans (<c>--shard I/N</c>, I from 1 to N): a host belongs to the shard its
/// normalised destination hashes to (FNV-1a 64 of <see cref="HostInventory.Key"/>, modulo N). The hash depends on the host
/// alone, not on its place in the list, so adding a host never moves another one; every shard process given the same
/// inventory agrees on the split without talking to the others.
/// </summary>
public sealed record InventoryShard(int Index, int Count)
{
    /// <summary>More shards than this is refused: a split finer than one host per shard for any real fleet.</summary>
    public const int MaxCount = 100_000;

    public const string Form = "give I/N, whole numbers with 1 <= I <= N (such as 1/4)";

    /// <summary>Reads <c>I/N</c>, or says why it is not one (a message for the user, exit 2).</summary>
    public static InventoryShard? TryParse(string text, out string? problem)
    {
        problem = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            if (count is < 1 or > MaxCount)
            {
                problem = $"N is from 1 to {MaxCount.ToString(CultureInfo.InvariantCulture)}";
                return null;
            }

            if (index < 1 || index > count)
            {
                problem = $"I is from 1 to N ({count.ToString(CultureInfo.InvariantCulture)})";
                return null;
            }

            return new InventoryShard(index, count);
        }

        problem = "not I/N";
        return null;
    }

    /// <summary>The shard (1 to <paramref name="count"/>) a destination belongs to.</summary>
    public static int Of(string destination, int count) => (int)(Fnv1a64(HostInventory.Key(destination)) % (ulong)count) + 1;

    public bool Contains(InventoryEntry entry) => Of(entry.Destination, Count) == Index;

    public override string ToString() => $"{Index.ToString(CultureInfo.InvariantCulture)}/{Count.ToString(CultureInfo.InvariantCulture)}";

    // FNV-1a: a fixed, documented hash (string.GetHashCode changes per process); the example manifests' test recomputes it.
    private static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
