namespace SshDoctor.Scan.Inventory;

/// <summary><c>--ansible-inventory FILE</c>: an INI or YAML inventory (YAML when the file name ends in .yml/.yaml or the text starts like YAML).</summary>
public static class AnsibleInventory
{
    public static void Read(string path, HostInventory inventory)
    {
        var (lines, problem) = InventoryFile.Read(path);
        if (lines is null)
        {
            throw new InventoryUnreadableException(problem!);
        }

        var model = new AnsibleModel();
        model.Group("all");
        if (LooksLikeYaml(path, lines))
        {
            AnsibleYamlReader.Read(path, lines, model, inventory);
        }
        else
        {
            AnsibleIniReader.Read(path, lines, model, inventory);
        }

        model.AddTo(inventory);
        if (problem is not null)
        {
            inventory.Skip(path, problem);
        }
    }

    private static bool LooksLikeYaml(string path, IReadOnlyList<string> lines) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || lines.FirstOrDefault(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')) is { } first && (first.Trim() == "---" || first.TrimEnd().EndsWith(':'));
}
