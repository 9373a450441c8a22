namespace SshDoctor.Scan.Inventory;

/// <summary>
/// <c>-f FILE</c>: one <c>[user@]host[:port]</c> per line; <c>#</c> starts a comment, blank lines are skipped, anything
/// else is a problem at its file:line and the rest is read.
/// </summary>
public static class HostListReader
{
    public static void Read(string path, HostInventory inventory)
    {
        var (lines, problem) = InventoryFile.Read(path);
        if (lines is null)
        {
            throw new InventoryUnreadableException(problem!);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var text = (hash >= 0 ? line[..hash] : line).Trim();
            if (text.Length > 0)
            {
                inventory.Add(text, InventoryFile.Where(path, i));
            }
        }

        if (problem is not null)
        {
            inventory.Skip(path, problem);
        }
    }
}
