using SshDoctor.Config;

namespace SshDoctor.Scan.Inventory;

/// <summary>
/// <c>--from-known-hosts</c>: every plain name of the known_hosts files (<c>--known-hosts FILE</c>, else
/// <c>~/.ssh/known_hosts</c> and <c>known_hosts2</c>): <c>[host]:port</c> becomes <c>host:port</c>; hashed names, patterns,
/// <c>@cert-authority</c> and <c>@revoked</c> lines name no host to visit and are passed over.
/// </summary>
public static class KnownHostsNames
{
    public static void Read(string? knownHostsFile, string home, HostInventory inventory)
    {
        var files = knownHostsFile is not null
            ? [SshConfigParser.ExpandTilde(knownHostsFile, home)]
            : new[] { Path.Combine(home, ".ssh", "known_hosts"), Path.Combine(home, ".ssh", "known_hosts2") };
        foreach (var file in files)
        {
            var (lines, problem) = InventoryFile.Read(file);
            if (lines is null)
            {
                if (knownHostsFile is not null || File.Exists(file))
                {
                    inventory.Skip(file, problem!);
                }

                continue;
            }

            for (var i = 0; i < lines.Count; i++)
            {
                var fields = lines[i].Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 0 || fields[0].StartsWith('#') || fields[0].StartsWith('|') || fields[0].StartsWith('@'))
                {
                    continue;
                }

                foreach (var name in fields[0].Split(',').Where(n => n.Length > 0 && n.IndexOfAny(['*', '?', '!']) < 0))
                {
                    inventory.Add(Plain(name), InventoryFile.Where(file, i));
                }
            }

            if (problem is not null)
            {
                inventory.Skip(file, problem);
            }
        }
    }

    /// <summary><c>[host]:port</c> as a destination; an IPv6 address alone stays as it is (Destination reads it whole).</summary>
    private static string Plain(string name) =>
        name.StartsWith('[') && name.IndexOf("]:", StringComparison.Ordinal) is var close and > 0
            ? (name[1..close].Contains(':', StringComparison.Ordinal) ? name : string.Concat(name.AsSpan(1, close - 1), ":", name.AsSpan(close + 2)))
            : name;
}
