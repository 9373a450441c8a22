using System.Security.Cryptography;
using SshDoctor.Audit;

namespace SshDoctor.Fixes.SshConfig;

/// <summary>
/// Proves a config edit with the user's own ssh: <c>ssh -G</c> for the fixed host and for every other host before and
/// after (every concrete name of a Host line, and five random names, some shaped by the file's wildcard patterns). The
/// fixed host must resolve to the intended values; no other host's resolution may change.
/// </summary>
public sealed class SshResolution(IProgramRunner programs)
{
    /// <summary>The names to compare besides the fixed host.</summary>
    public static IReadOnlyList<string> OtherNames(SshConfigSet set, string host)
    {
        var (names, patterns) = set.HostPatterns();
        var others = names.Where(n => !n.Equals(host, StringComparison.OrdinalIgnoreCase) && Config.SshNames.IsValidHostname(n)).ToList();
        for (var i = 0; i < 5; i++)
        {
            var random = RandomWord(10);
            if (i < patterns.Count && i < 3)
            {
                var shaped = string.Concat(patterns[i].Select(c => c == '*' ? RandomWord(6) : c == '?' ? RandomWord(1) : c.ToString()));
                random = Config.SshNames.IsValidHostname(shaped) ? shaped : random + ".example";
            }
            else
            {
                random += ".example";
            }

            others.Add(random);
        }

        return others;
    }

    /// <summary><c>ssh -G -F CONFIG -- NAME</c>: the resolved options, or the error ssh printed.</summary>
    public (IReadOnlyList<string>? Lines, string? Error) Resolve(string configPath, string name)
    {
        var result = programs.Run("ssh", ["-G", "-F", configPath, "--", name], TimeSpan.FromSeconds(20));
        if (result.NotFound)
        {
            return (null, "ssh is not installed: the edit cannot be checked with ssh -G");
        }

        if (!result.Succeeded)
        {
            var message = (result.Stderr + result.Stdout).Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? $"exit {result.ExitCode}";
            return (null, message);
        }

        return (result.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList(), null);
    }

    /// <summary>Resolutions of every name with the config at <paramref name="configPath"/>.</summary>
    public Dictionary<string, IReadOnlyList<string>> ResolveAll(string configPath, IEnumerable<string> names)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var (lines, error) = Resolve(configPath, name);
            if (lines is null)
            {
                throw new FixInputException($"ssh -G -F {configPath} {name} failed: {error}");
            }

            result[name] = lines;
        }

        return result;
    }

    /// <summary>Null when <paramref name="after"/> gives the fixed host the intended values and every other name what <paramref name="before"/> gave; else what is wrong.</summary>
    public static string? Compare(string host, IReadOnlyList<(string Keyword, string Value)> intended, IReadOnlyDictionary<string, IReadOnlyList<string>> before, IReadOnlyDictionary<string, IReadOnlyList<string>> after)
    {
        var fixedHost = after[host];
        foreach (var (keyword, value) in intended)
        {
            var key = KnownHosts.KnownHostsMatcher.AsciiLower(keyword) + " ";
            var seen = fixedHost.Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[key.Length..]).ToList();
            var ok = value.StartsWith('+')
                ? seen.Any(v => v.Split(',').Contains(value[1..], StringComparer.Ordinal))
                : seen.Any(v => v.Equals(value, StringComparison.OrdinalIgnoreCase));
            if (!ok)
            {
                return $"after the edit ssh -G {host} gives {keyword} {(seen.Count == 0 ? "(nothing)" : string.Join(", ", seen))}, not {value}: an earlier line of the configuration sets it first";
            }
        }

        foreach (var (name, lines) in before)
        {
            if (name == host)
            {
                continue;
            }

            if (!after.TryGetValue(name, out var now) || !now.SequenceEqual(lines, StringComparer.Ordinal))
            {
                var changed = now?.Except(lines, StringComparer.Ordinal).FirstOrDefault() ?? "(no result)";
                return $"the edit would also change how ssh resolves {name} ({changed})";
            }
        }

        return null;
    }

    private static string RandomWord(int length)
    {
        const string Letters = "abcdefghijklmnopqrstuvwxyz";
        return string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Letters[RandomNumberGenerator.GetInt32(Letters.Length)];
            }
        });
    }
}
