using System.Globalization;

namespace SshDoctor.Scan.Inventory;

/// <summary>
/// An Ansible inventory as read from INI or YAML: groups with hosts, variables and children. Turned into destinations
/// with <c>ansible_host</c>, <c>ansible_port</c> and <c>ansible_user</c>, a host's own variables first, then its groups',
/// then their parents', then <c>all</c>'s.
/// </summary>
internal sealed class AnsibleModel
{
    private readonly Dictionary<string, AnsibleGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<(string Name, string Where)> _hostOrder = [];
    private readonly Dictionary<string, Dictionary<string, string>> _hostVars = new(StringComparer.Ordinal);

    public AnsibleGroup Group(string name)
    {
        if (!_groups.TryGetValue(name, out var group))
        {
            group = new AnsibleGroup(name);
            _groups[name] = group;
        }

        return group;
    }

    public void AddHost(string group, string host, string where, IEnumerable<KeyValuePair<string, string>> vars)
    {
        if (!_hostVars.TryGetValue(host, out var own))
        {
            own = new Dictionary<string, string>(StringComparer.Ordinal);
            _hostVars[host] = own;
            _hostOrder.Add((host, where));
        }

        foreach (var (key, value) in vars)
        {
            own[key] = value;
        }

        Group(group).Hosts.Add(host);
    }

    public void AddTo(HostInventory inventory)
    {
        foreach (var (name, where) in _hostOrder)
        {
            var host = Variable(name, "ansible_host") ?? name;
            var user = Variable(name, "ansible_user") ?? Variable(name, "ansible_ssh_user");
            var portText = Variable(name, "ansible_port") ?? Variable(name, "ansible_ssh_port");
            int? port = null;
            if (portText is not null)
            {
                if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                {
                    inventory.Skip(where, $"{name}: ansible_port '{Ssh.RemoteText.Cut(portText, 40)}' is not a port");
                    continue;
                }

                port = p;
            }

            var hostPart = host.Contains(':', StringComparison.Ordinal) && port is not null ? $"[{host}]" : host;
            var destination = (user is null ? "" : user + "@") + hostPart + (port is { } q ? ":" + q.ToString(CultureInfo.InvariantCulture) : "");
            inventory.Add(destination, where, host == name ? null : name);
        }
    }

    private string? Variable(string host, string key)
    {
        if (_hostVars.TryGetValue(host, out var own) && own.TryGetValue(key, out var value))
        {
            return value;
        }

        // Breadth-first from the host's own groups to their ancestors: the nearest group wins.
        var level = _groups.Values.Where(g => g.Name != "all" && g.Hosts.Contains(host)).ToList();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (level.Count > 0)
        {
            foreach (var group in level.Where(g => visited.Add(g.Name)))
            {
                if (group.Vars.TryGetValue(key, out var found))
                {
                    return found;
                }
            }

            level = _groups.Values.Where(g => g.Name != "all" && !visited.Contains(g.Name) && g.Children.Any(visited.Contains)).ToList();
        }

        return _groups.TryGetValue("all", out var all) && all.Vars.TryGetValue(key, out var global) ? global : null;
    }
}

/// <summary>One Ansible group: its hosts, its variables, the names of its child groups.</summary>
internal sealed class AnsibleGroup(string name)
{
    public string Name { get; } = name;

    public HashSet<string> Hosts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Vars { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Children { get; } = new(StringComparer.Ordinal);
}
