using System.Globalization;
using System.Text;
using SshDoctor.Files;

namespace SshDoctor.Scan.Inventory;

/// <summary>Reads an inventory file the one bounded way (a regular file, at most 64 MiB) into numbered lines.</summary>
internal static class InventoryFile
{
    public const int MaxBytes = 64 << 20;

    /// <summary>The lines with their numbers (from 1), or null and why the file cannot be read.</summary>
    public static (IReadOnlyList<string>? Lines, string? Problem) Read(string path)
    {
        var read = BoundedFile.Read(path, MaxBytes);
        if (!read.Ok)
        {
            return (null, $"{path}: {read.Reason}");
        }

        var text = Encoding.UTF8.GetString(read.Bytes);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (read.Cut && lines.Count > 0)
        {
            // The cut line is incomplete: dropped, and the cut is said by the caller.
            lines.RemoveAt(lines.Count - 1);
        }

        return (lines, read.Cut ? $"{path}: longer than {(MaxBytes >> 20).ToString(CultureInfo.InvariantCulture)} MiB; read up to there" : null);
    }

    public static string Where(string path, int index) => $"{path}:{(index + 1).ToString(CultureInfo.InvariantCulture)}";
}
