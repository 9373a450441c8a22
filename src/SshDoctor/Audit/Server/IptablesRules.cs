using System.Globalization;
using System.Net;

namespace SshDoctor.Audit.Server;

/// <summary>
/// Evaluates iptables-save's filter table for one packet: a new TCP connection to the ssh port from an address (or
/// from anywhere), through INPUT and the user chains it jumps to. Matches it does not understand are assumed not to
/// match, and said so.
/// </summary>
public sealed class IptablesRules
{
    private readonly Dictionary<string, string> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string[]>> _chains = new(StringComparer.Ordinal);

    public List<string> Unsupported { get; } = [];

    public int RuleCount => _chains.Values.Sum(c => c.Count);

    /// <summary>False when the filter table decides nothing: no rule at all and INPUT's policy ACCEPT (as when only nft's own tables filter).</summary>
    public bool Filters => RuleCount > 0 || _policies.GetValueOrDefault("INPUT", "ACCEPT") != "ACCEPT";

    public static IptablesRules Parse(string save)
    {
        var rules = new IptablesRules();
        var inFilter = false;
        foreach (var raw in save.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('*'))
            {
                inFilter = line == "*filter";
            }
            else if (inFilter && line.StartsWith(':'))
            {
                var f = line[1..].Split(' ');
                rules._policies[f[0]] = f.Length > 1 ? f[1] : "-";
                rules._chains.TryAdd(f[0], []);
            }
            else if (inFilter && line.StartsWith("-A ", StringComparison.Ordinal))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 1)
                {
                    rules._chains.TryGetValue(f[1], out var list);
                    list ??= rules._chains[f[1]] = [];
                    list.Add(f[2..]);
                }
            }
        }

        return rules;
    }

    /// <summary>The verdict (ACCEPT, DROP or REJECT) and the rule that decided it ("policy" for the chain policy).</summary>
    public (string Verdict, string Rule) Evaluate(int port, IPAddress? source, string state = "NEW") => Walk("INPUT", port, source, state, 0) ?? (_policies.GetValueOrDefault("INPUT", "ACCEPT"), "policy INPUT " + _policies.GetValueOrDefault("INPUT", "ACCEPT"));

    private (string, string)? Walk(string chain, int port, IPAddress? source, string state, int depth)
    {
        if (depth > 16 || !_chains.TryGetValue(chain, out var rules))
        {
            return null;
        }

        foreach (var rule in rules)
        {
            if (!Matches(rule, port, source, state, out var target))
            {
                continue;
            }

            var text = $"-A {chain} {string.Join(' ', rule)}";
            switch (target)
            {
                case "ACCEPT" or "DROP" or "REJECT":
                    return (target, text);
                case "RETURN":
                    return null;
                case null or "LOG" or "NFLOG" or "MARK" or "CONNMARK":
                    continue;
                default:
                    if (Walk(target, port, source, state, depth + 1) is { } verdict)
                    {
                        return verdict;
                    }

                    continue;
            }
        }

        return null;
    }

    private bool Matches(string[] rule, int port, IPAddress? source, string state, out string? target)
    {
        target = null;
        for (var i = 0; i < rule.Length; i++)
        {
            var negate = rule[i] == "!";
            if (negate)
            {
                i++;
                if (i >= rule.Length)
                {
                    return false;
                }
            }

            var option = rule[i];
            var value = i + 1 < rule.Length ? rule[i + 1] : string.Empty;
            bool? hit = option switch
            {
                "-j" or "-g" => null,
                "-m" or "--reject-with" or "--log-prefix" or "--comment" => null,
                "-p" => value is "tcp" or "all" or "6",
                "-s" => source is null ? !negate : InNetwork(value, source),
                "-d" => null,
                "-i" => source is null || !IPAddress.IsLoopback(source) ? value != "lo" : value == "lo",
                "--dport" or "--destination-port" => InPortRange(value, port),
                "--dports" or "--destination-ports" => value.Split(',').Any(v => InPortRange(v, port)),
                "--ctstate" or "--state" => value.Split(',').Contains(state, StringComparer.Ordinal),
                "--sport" or "--source-port" => !negate,
                _ => Unknown(option),
            };
            if (option is "-j" or "-g")
            {
                target = value;
            }

            if (option.StartsWith('-') && i + 1 < rule.Length && !rule[i + 1].StartsWith('-'))
            {
                i++;
            }

            if (hit is { } h && h == negate)
            {
                return false;
            }
        }

        return true;
    }

    private bool? Unknown(string option)
    {
        if (option.StartsWith('-') && !Unsupported.Contains(option))
        {
            Unsupported.Add(option);
        }

        return option.StartsWith('-') ? false : null;
    }

    private static bool InNetwork(string value, IPAddress source) =>
        value.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.TryParse(value, out var net) && net.Contains(source)
            : IPAddress.TryParse(value, out var ip) && ip.Equals(source);

    private static bool InPortRange(string value, int port)
    {
        var parts = value.Split(':');
        return parts.Length switch
        {
            1 => int.TryParse(parts[0], CultureInfo.InvariantCulture, out var p) && p == port,
            2 => int.TryParse(parts[0], CultureInfo.InvariantCulture, out var lo) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var hi) && lo <= port && port <= hi,
            _ => false,
        };
    }
}
