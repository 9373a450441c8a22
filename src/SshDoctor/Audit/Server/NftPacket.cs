using System.Globalization;
using System.Net;
using System.Text.Json;

namespace SshDoctor.Audit.Server;

/// <summary>
/// The packet an nftables rule is tested against: TCP, state new, to the ssh port, from <c>source</c> (null: an address
/// no rule names, so a saddr match does not hold), arriving on a real interface unless the source is loopback.
/// </summary>
internal sealed class NftPacket(int port, IPAddress? source, List<string> unsupported)
{
    public bool Matches(JsonElement match)
    {
        var op = match.TryGetProperty("op", out var o) ? o.GetString() : "==";
        var left = match.GetProperty("left");
        var right = match.GetProperty("right");
        bool? hit = Key(left) switch
        {
            "tcp dport" or "th dport" => In(right, v => PortIn(v)),
            "tcp sport" or "th sport" => true,
            "meta l4proto" or "ip protocol" or "ip6 nexthdr" => In(right, v => NftRuleset.Scalar(v) is "tcp" or "6"),
            "meta nfproto" => In(right, v => NftRuleset.Scalar(v) == (IsV6 ? "ipv6" : "ipv4")),
            "ip saddr" => IsV6 ? false : source is not null && In(right, AddressIn),
            "ip6 saddr" => !IsV6 ? false : source is not null && In(right, AddressIn),
            "ip daddr" or "ip6 daddr" => true,
            "meta iif" or "meta iifname" => In(right, v => (NftRuleset.Scalar(v) == "lo") == (source is not null && IPAddress.IsLoopback(source))),
            "ct state" => In(right, v => NftRuleset.Scalar(v) == "new"),
            var key => Unknown(key),
        };
        if (hit is null)
        {
            return false;
        }

        return op == "!=" ? !hit.Value : hit.Value;
    }

    private bool IsV6 => source?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    private bool? Unknown(string key)
    {
        if (!unsupported.Contains(key))
        {
            unsupported.Add(key);
        }

        return null;
    }

    private static string Key(JsonElement left)
    {
        if (left.TryGetProperty("payload", out var payload))
        {
            return $"{NftRuleset.Scalar(payload.GetProperty("protocol"))} {NftRuleset.Scalar(payload.GetProperty("field"))}";
        }

        foreach (var kind in (string[])["meta", "ct"])
        {
            if (left.TryGetProperty(kind, out var value) && value.TryGetProperty("key", out var key))
            {
                return $"{kind} {key.GetString()}";
            }
        }

        return left.GetRawText();
    }

    /// <summary>A value, an anonymous set ({"set": [...]}) or an array of flags: true when any element holds.</summary>
    private static bool In(JsonElement right, Func<JsonElement, bool> test)
    {
        if (right.ValueKind == JsonValueKind.Object && right.TryGetProperty("set", out var set))
        {
            return set.EnumerateArray().Any(test);
        }

        return right.ValueKind == JsonValueKind.Array ? right.EnumerateArray().Any(test) : test(right);
    }

    private bool PortIn(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("range", out var range))
        {
            var bounds = range.EnumerateArray().Select(b => b.GetInt32()).ToList();
            return bounds.Count == 2 && bounds[0] <= port && port <= bounds[1];
        }

        return value.ValueKind == JsonValueKind.Number ? value.GetInt32() == port
            : int.TryParse(NftRuleset.Scalar(value), CultureInfo.InvariantCulture, out var p) && p == port;
    }

    private bool AddressIn(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("prefix", out var prefix))
        {
            return IPNetwork.TryParse($"{prefix.GetProperty("addr").GetString()}/{prefix.GetProperty("len").GetInt32()}", out var net) && net.Contains(source!);
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("range", out var range))
        {
            var bounds = range.EnumerateArray().Select(b => IPAddress.TryParse(b.GetString(), out var a) ? a : null).ToList();
            return bounds is [{ } low, { } high] && Compare(low, source!) <= 0 && Compare(source!, high) <= 0;
        }

        return IPAddress.TryParse(NftRuleset.Scalar(value), out var address) && address.Equals(source);
    }

    private static int Compare(IPAddress a, IPAddress b)
    {
        var x = a.GetAddressBytes();
        var y = b.GetAddressBytes();
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : ((ReadOnlySpan<byte>)x).SequenceCompareTo(y);
    }
}
