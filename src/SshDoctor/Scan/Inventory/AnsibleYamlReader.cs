namespace SshDoctor.Scan.Inventory;

/// <summary>
/// Ansible's YAML inventory, the block-mapping subset it is written in: <c>GROUP: {hosts: {NAME: {VARS}}, vars: {…},
/// children: {GROUP: …}}</c> by indentation, plain or quoted scalars, comments. What is outside that subset (lists, flow
/// collections, anchors, tabs) is a problem at its file:line and that line's subtree is skipped.
/// </summary>
internal static class AnsibleYamlReader
{
    public static void Read(string path, IReadOnlyList<string> lines, AnsibleModel model, HostInventory inventory)
    {
        var root = Parse(path, lines, inventory);
        foreach (var (group, node) in root.Children)
        {
            ReadGroup(path, group, node, model, inventory);
        }
    }

    private static void ReadGroup(string path, string group, YamlNode node, AnsibleModel model, HostInventory inventory)
    {
        model.Group(group);
        foreach (var (key, child) in node.Children)
        {
            switch (key)
            {
                case "hosts":
                    foreach (var (pattern, hostNode) in child.Children)
                    {
                        var where = InventoryFile.Where(path, hostNode.Line);
                        var (names, problem) = AnsibleHostPattern.Expand(pattern);
                        if (names is null)
                        {
                            inventory.Skip(where, problem!);
                            continue;
                        }

                        var vars = hostNode.Children.Where(c => c.Value.Scalar is not null).Select(c => new KeyValuePair<string, string>(c.Key, c.Value.Scalar!)).ToList();
                        foreach (var name in names)
                        {
                            model.AddHost(group, name, where, vars);
                        }
                    }

                    break;
                case "vars":
                    foreach (var (name, value) in child.Children.Where(c => c.Value.Scalar is not null))
                    {
                        model.Group(group).Vars[name] = value.Scalar!;
                    }

                    break;
                case "children":
                    foreach (var (name, childGroup) in child.Children)
                    {
                        model.Group(group).Children.Add(name);
                        ReadGroup(path, name, childGroup, model, inventory);
                    }

                    break;
                default:
                    inventory.Skip(InventoryFile.Where(path, child.Line), $"'{Ssh.RemoteText.Cut(key, 80)}': a group holds hosts, vars and children");
                    break;
            }
        }
    }

    private static YamlNode Parse(string path, IReadOnlyList<string> lines, HostInventory inventory)
    {
        var root = new YamlNode(-1);
        var stack = new Stack<(int Indent, YamlNode Node)>();
        stack.Push((-1, root));
        var skipDeeperThan = int.MaxValue;
        for (var i = 0; i < lines.Count; i++)
        {
            var raw = lines[i];
            var text = StripComment(raw);
            if (text.Trim().Length == 0 || text.Trim() is "---" or "...")
            {
                continue;
            }

            var indent = text.Length - text.TrimStart(' ').Length;
            if (indent > skipDeeperThan)
            {
                continue;
            }

            skipDeeperThan = int.MaxValue;
            var content = text.Trim();
            var colon = KeyEnd(content);
            var problem = text.TrimStart(' ').StartsWith('\t') ? "tabs are not indentation in YAML"
                : content.StartsWith("- ", StringComparison.Ordinal) || content == "-" ? "a list is not part of an Ansible inventory's layout"
                : content[0] is '{' or '[' or '&' or '*' or '!' or '|' or '>' ? "flow collections, anchors and tags are not read"
                : colon <= 0 ? "expected 'key:' or 'key: value'"
                : null;
            if (problem is not null)
            {
                inventory.Skip(InventoryFile.Where(path, i), $"'{Ssh.RemoteText.Cut(content, 80)}': {problem}");
                skipDeeperThan = indent;
                continue;
            }

            while (stack.Peek().Indent >= indent)
            {
                stack.Pop();
            }

            var key = AnsibleIniReader.Unquote(content[..colon].Trim());
            var value = content[(colon + 1)..].Trim();
            var node = new YamlNode(i) { Scalar = value.Length == 0 || value == "~" || value == "null" ? null : AnsibleIniReader.Unquote(value) };
            stack.Peek().Node.Children[key] = node;
            stack.Push((indent, node));
        }

        return root;
    }

    /// <summary>Where the key of <c>key: value</c> ends (a colon followed by a blank or the end), outside quotes.</summary>
    private static int KeyEnd(string content)
    {
        char? quote = null;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c is '"' or '\'' && (quote is null || quote == c))
            {
                quote = quote is null ? c : null;
            }
            else if (quote is null && c == ':' && (i + 1 == content.Length || content[i + 1] == ' '))
            {
                return i;
            }
        }

        return -1;
    }

    private static string StripComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is '"' or '\'' && (quote is null || quote == c))
            {
                quote = quote is null ? c : null;
            }
            else if (quote is null && c == '#' && (i == 0 || line[i - 1] == ' '))
            {
                return line[..i];
            }
        }

        return line;
    }

    private sealed class YamlNode(int line)
    {
        public int Line { get; } = line;

        public string? Scalar { get; init; }

        public Dictionary<string, YamlNode> Children { get; } = new(StringComparer.Ordinal);
    }
}
