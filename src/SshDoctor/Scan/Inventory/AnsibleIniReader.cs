namespace SshDoctor.Scan.Inventory;

/// <summary>
/// Ansible's INI inventory: <c>[group]</c> sections of host lines (<c>name key=value …</c>, ranges such as
/// <c>web[01:20]</c>), <c>[group:vars]</c> of <c>key=value</c>, <c>[group:children]</c> of group names; hosts before any
/// section are ungrouped. A line that is none of these is a problem at its file:line.
/// </summary>
internal static class AnsibleIniReader
{
    public static void Read(string path, IReadOnlyList<string> lines, AnsibleModel model, HostInventory inventory)
    {
        var group = "ungrouped";
        var kind = "hosts";
        for (var i = 0; i < lines.Count; i++)
        {
            var where = InventoryFile.Where(path, i);
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (!line.EndsWith(']') || line.Length < 3)
                {
                    inventory.Skip(where, $"'{Ssh.RemoteText.Cut(line, 80)}': a section header is [group], [group:vars] or [group:children]");
                    group = "";
                    continue;
                }

                var header = line[1..^1].Trim();
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                group = colon < 0 ? header : header[..colon];
                kind = colon < 0 ? "hosts" : header[(colon + 1)..];
                if (kind is not ("hosts" or "vars" or "children") || group.Length == 0)
                {
                    inventory.Skip(where, $"'{Ssh.RemoteText.Cut(line, 80)}': unknown section kind (vars and children are known)");
                    group = "";
                }

                continue;
            }

            if (group.Length == 0)
            {
                continue; // inside a section already reported
            }

            var words = Words(line);
            if (kind == "children")
            {
                model.Group(group).Children.Add(words[0]);
                continue;
            }

            var pairs = new List<KeyValuePair<string, string>>();
            var bad = false;
            foreach (var word in kind == "vars" ? words : words.Skip(1))
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    inventory.Skip(where, $"'{Ssh.RemoteText.Cut(word, 80)}': expected key=value");
                    bad = true;
                    break;
                }

                pairs.Add(new(word[..equals], Unquote(word[(equals + 1)..])));
            }

            if (bad)
            {
                continue;
            }

            if (kind == "vars")
            {
                foreach (var (key, value) in pairs)
                {
                    model.Group(group).Vars[key] = value;
                }

                continue;
            }

            var (names, problem) = AnsibleHostPattern.Expand(words[0]);
            if (names is null)
            {
                inventory.Skip(where, problem!);
                continue;
            }

            foreach (var name in names)
            {
                model.AddHost(group, name, where, pairs);
            }
        }
    }

    /// <summary>Words separated by blanks; a quoted value keeps its blanks (<c>ansible_user="a b"</c>).</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is null && c == '#' && current.Length == 0)
            {
                break; // a comment after the values
            }

            if (c is '"' or '\'' && (quote is null || quote == c))
            {
                quote = quote is null ? c : null;
                current.Append(c);
            }
            else if (quote is null && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    internal static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'') ? value[1..^1] : value;
}
