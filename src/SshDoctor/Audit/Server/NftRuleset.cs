using System.Globalization;
using System.Net;
using System.Text.Json;

namespace SshDoctor.Audit.Server;

/// <summary>
/// Evaluates <c>nft -j list ruleset</c> for one packet: a new TCP connection to the ssh port from an address (or from
/// an address no rule names), through every base chain on the input hook of the inet/ip/ip6 families in priority order,
/// and the chains they jump to. accept ends a base chain (the next one still sees the packet); drop and reject, and a
/// policy drop, are final. Matches it does not understand are assumed not to match, and said so.
/// </summary>
public sealed class NftRuleset
{
    private readonly List<(string Family, string Table, string Name, int Priority, string Policy)> _inputChains = [];
    private readonly Dictionary<(string Family, string Table, string Chain), List<JsonElement>> _rules = [];

    public List<string> Unsupported { get; } = [];

    /// <summary>Base chains on the input hook; none means nftables filters nothing coming in.</summary>
    public int InputChainCount => _inputChains.Count;

    /// <summary>The parsed rule set, or null when the text is not nft's JSON.</summary>
    public static NftRuleset? Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            return Read(document);
        }
    }

    private static NftRuleset? Read(JsonDocument document)
    {
        if (!document.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var set = new NftRuleset();
        foreach (var item in items.EnumerateArray())
        {
            if (item.TryGetProperty("chain", out var chain) && Text(chain, "hook") == "input" && Text(chain, "type") == "filter"
                && Text(chain, "family") is "inet" or "ip" or "ip6")
            {
                var priority = chain.TryGetProperty("prio", out var prio) && prio.ValueKind == JsonValueKind.Number ? prio.GetInt32() : 0;
                set._inputChains.Add((Text(chain, "family")!, Text(chain, "table")!, Text(chain, "name")!, priority, Text(chain, "policy") ?? "accept"));
            }
            else if (item.TryGetProperty("rule", out var rule) && rule.TryGetProperty("expr", out var expr))
            {
                var key = (Text(rule, "family") ?? string.Empty, Text(rule, "table") ?? string.Empty, Text(rule, "chain") ?? string.Empty);
                if (!set._rules.TryGetValue(key, out var list))
                {
                    list = [];
                    set._rules[key] = list;
                }

                list.Add(expr.Clone());
            }
        }

        set._inputChains.Sort((a, b) => a.Priority.CompareTo(b.Priority));
        return set;
    }

    /// <summary>The verdict (accept, drop or reject) and what decided it: a rule as nft would list it, or a chain's policy.</summary>
    public (string Verdict, string Rule) Evaluate(int port, IPAddress? source)
    {
        var v6 = source?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var last = (Verdict: "accept", Rule: "no input chain drops it");
        foreach (var (family, table, name, _, policy) in _inputChains)
        {
            if ((family == "ip" && v6) || (family == "ip6" && !v6))
            {
                continue;
            }

            var packet = new NftPacket(port, source, Unsupported);
            var decided = Walk(family, table, name, packet, 0);
            var (verdict, rule) = decided ?? (policy, $"policy {policy} of chain {family} {table} {name}");
            if (verdict is "drop" or "reject")
            {
                return (verdict, rule);
            }

            last = (verdict, rule);
        }

        return last;
    }

    private (string Verdict, string Rule)? Walk(string family, string table, string chain, NftPacket packet, int depth)
    {
        if (depth > 16 || !_rules.TryGetValue((family, table, chain), out var list))
        {
            return null;
        }

        foreach (var expr in list)
        {
            var statements = expr.EnumerateArray().ToList();
            if (!statements.Where(s => s.TryGetProperty("match", out _)).All(s => packet.Matches(s.GetProperty("match"))))
            {
                continue;
            }

            var text = $"{family} {table} {chain}: {NftRuleText.Of(statements)}";
            foreach (var statement in statements)
            {
                foreach (var verdict in (string[])["accept", "drop", "reject"])
                {
                    if (statement.TryGetProperty(verdict, out _))
                    {
                        return (verdict, text);
                    }
                }

                if (statement.TryGetProperty("return", out _))
                {
                    return null;
                }

                if (statement.TryGetProperty("jump", out var jump) && Text(jump, "target") is { } jumpTarget
                    && Walk(family, table, jumpTarget, packet, depth + 1) is { } jumped)
                {
                    return jumped;
                }

                if (statement.TryGetProperty("goto", out var go) && Text(go, "target") is { } gotoTarget)
                {
                    return Walk(family, table, gotoTarget, packet, depth + 1);
                }
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A number or a name from nft's JSON, as text.</summary>
    internal static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetInt64().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString() ?? string.Empty,
        _ => value.GetRawText(),
    };
}
