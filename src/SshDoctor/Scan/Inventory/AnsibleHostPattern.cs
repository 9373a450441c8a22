using System.Globalization;

namespace SshDoctor.Scan.Inventory;

/// <summary>Ansible's host ranges: <c>www[01:50].example.com</c> (numbers, zero-padded as written) and <c>db-[a:f]</c>.</summary>
internal static class AnsibleHostPattern
{
    /// <summary>At most this many hosts from one line.</summary>
    public const int MaxExpansion = 100_000;

    /// <summary>The names a pattern stands for, or null and why it is not a range Ansible accepts.</summary>
    public static (IReadOnlyList<string>? Names, string? Problem) Expand(string pattern)
    {
        var open = pattern.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return ([pattern], null);
        }

        var close = pattern.IndexOf(']', open);
        var range = close > open ? pattern[(open + 1)..close] : null;
        var parts = range?.Split(':');
        if (parts is not { Length: 2 or 3 })
        {
            return (null, $"'{Ssh.RemoteText.Cut(pattern, 80)}': not a host range like name[01:20]");
        }

        var prefix = pattern[..open];
        var suffix = pattern[(close + 1)..];
        var step = parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1;
        var names = new List<string>();
        if (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to) && from <= to)
        {
            if ((to - from) / step >= MaxExpansion)
            {
                return (null, $"'{Ssh.RemoteText.Cut(pattern, 80)}': more than {MaxExpansion.ToString(CultureInfo.InvariantCulture)} hosts in one range");
            }

            var width = parts[0].Length > 1 && parts[0][0] == '0' ? parts[0].Length : 0;
            for (var i = from; i <= to; i += step)
            {
                names.Add(prefix + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0') + suffix);
            }

            return (names, null);
        }

        if (parts[0].Length == 1 && parts[1].Length == 1 && char.IsAsciiLetterLower(parts[0][0]) && char.IsAsciiLetterLower(parts[1][0]) && parts[0][0] <= parts[1][0])
        {
            for (var c = parts[0][0]; c <= parts[1][0]; c = (char)(c + step))
            {
                names.Add(prefix + c + suffix);
            }

            return (names, null);
        }

        return (null, $"'{Ssh.RemoteText.Cut(pattern, 80)}': not a host range like name[01:20] or name[a:f]");
    }
}
