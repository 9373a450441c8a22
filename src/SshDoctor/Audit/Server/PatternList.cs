using System.Net;
using SshDoctor.Audit.Local;

namespace SshDoctor.Audit.Server;

/// <summary>match.c:match_pattern_list: comma-separated wildcards, a leading '!' negates (a negated match wins).</summary>
public static class PatternList
{
    public static bool Matches(IEnumerable<string> patterns, string text)
    {
        var matched = false;
        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith('!'))
            {
                if (HostPattern.Matches(pattern[1..], text))
                {
                    return false;
                }
            }
            else if (HostPattern.Matches(pattern, text))
            {
                matched = true;
            }
        }

        return matched;
    }

    /// <summary>addrmatch.c: wildcards or CIDR blocks against an address.</summary>
    public static bool MatchesAddress(IEnumerable<string> patterns, string address)
    {
        var matched = false;
        foreach (var raw in patterns)
        {
            var negate = raw.StartsWith('!');
            var pattern = negate ? raw[1..] : raw;
            var hit = pattern.Contains('/', StringComparison.Ordinal)
                ? IPNetwork.TryParse(pattern, out var net) && IPAddress.TryParse(address, out var ip) && net.Contains(ip)
                : HostPattern.Matches(pattern, address);
            if (hit && negate)
            {
                return false;
            }

            matched |= hit;
        }

        return matched;
    }
}
