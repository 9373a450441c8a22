using SshDoctor.Audit;
using SshDoctor.Config;

namespace SshDoctor.Scan.Inventory;

/// <summary>
/// <c>--from-ssh-config</c>: every concrete <c>Host</c> name of the user's ssh config (or <c>-F FILE</c>) and its
/// Includes — no wildcard, no negation. Each is then resolved with <c>ssh -G</c> like any destination, so its
/// HostName, User, Port and ProxyJump apply. Read with the bounds of every config read (<see cref="IncludeGuard"/>).
/// </summary>
public static class SshConfigHosts
{
    public static void Read(string? configFile, string home, HostInventory inventory)
    {
        var guard = new IncludeGuard(new RootedFileSystem(null));
        var path = configFile is null ? Path.Combine(home, ".ssh", "config") : SshConfigParser.ExpandTilde(configFile, home);
        if (configFile == "none")
        {
            return;
        }

        ReadFile(guard, path, home, depth: 0, from: null, inventory);
        foreach (var problem in guard.Problems.Where(p => p.Problem != Files.FileReadProblem.Missing || p.Path != path || configFile is not null))
        {
            inventory.Skip(problem.Path, problem.Reason);
        }
    }

    private static void ReadFile(IncludeGuard guard, string path, string home, int depth, (string File, int Line)? from, HostInventory inventory)
    {
        foreach (var (number, raw) in guard.Lines(path, depth, from))
        {
            var words = SshConfigParser.Words(raw);
            if (words.Count < 2 || words[0].StartsWith('#'))
            {
                continue;
            }

            var where = $"{path}:{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            if (words[0].Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var pattern in words.Skip(1).Where(IsConcrete))
                {
                    inventory.Add(pattern, where);
                }
            }
            else if (words[0].Equals("Include", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var included in words.Skip(1))
                {
                    var expanded = SshConfigParser.ExpandTilde(included, home);
                    expanded = Path.IsPathRooted(expanded) ? expanded : Path.Combine(home, ".ssh", expanded);
                    foreach (var file in guard.Expand(expanded))
                    {
                        ReadFile(guard, file, home, depth + 1, (path, number), inventory);
                    }
                }
            }
        }
    }

    private static bool IsConcrete(string pattern) => pattern.IndexOfAny(['*', '?', '!', ',']) < 0;
}
