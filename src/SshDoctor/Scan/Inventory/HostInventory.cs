using System.Globalization;
using SshDoctor.Config;
using SshDoctor.Probing.Resolve;

namespace SshDoctor.Scan.Inventory;

/// <summary>
/// The hosts of one scan, from every source, each probed once: a destination named twice (the same user, host and
/// port, the host compared case-insensitively) is kept at its first mention and counted.
/// </summary>
public sealed class HostInventory
{
    /// <summary>More hosts than this in one scan is refused: the history and the report stay bounded.</summary>
    public const int MaxHosts = 1_000_000;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public List<InventoryEntry> Entries { get; } = [];

    public List<InventoryProblem> Problems { get; } = [];

    /// <summary>How many mentions were duplicates of an entry already listed.</summary>
    public int Duplicates { get; private set; }

    /// <summary>
    /// Adds a destination, or records why it cannot be one (a problem at <paramref name="where"/>). Checked as ssh checks
    /// a command line: a parsable <c>[user@]host[:port]</c>, a host name and user ssh accepts.
    /// </summary>
    public void Add(string destination, string where, string? name = null)
    {
        if (Problem(destination) is { } problem)
        {
            Problems.Add(new InventoryProblem(where, problem));
            return;
        }

        if (Entries.Count >= MaxHosts)
        {
            Problems.Add(new InventoryProblem(where, $"more than {MaxHosts.ToString(CultureInfo.InvariantCulture)} hosts; the rest is not scanned"));
            return;
        }

        if (!_seen.Add(Key(destination)))
        {
            Duplicates++;
            return;
        }

        Entries.Add(new InventoryEntry(destination, where, name));
    }

    public void Skip(string where, string message) => Problems.Add(new InventoryProblem(where, message));

    /// <summary>Why <paramref name="destination"/> is not a destination ssh would take, or null.</summary>
    public static string? Problem(string destination)
    {
        if (destination.Length == 0 || destination.Length > 1024 || destination.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return $"not a destination: '{RemoteTextCut(destination)}' (one [user@]host[:port] per line)";
        }

        Destination parsed;
        try
        {
            parsed = Destination.Parse(destination);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return $"not a destination: '{RemoteTextCut(destination)}': {e.Message}";
        }

        if (!SshNames.IsValidHostname(parsed.Host) || parsed.Host.StartsWith('-'))
        {
            return $"'{RemoteTextCut(parsed.Host)}': {SshNames.InvalidHostMessage}";
        }

        if (parsed.User is { } user && (!SshNames.IsValidRemoteUser(user) || user.StartsWith('-')))
        {
            return $"'{RemoteTextCut(user)}': {SshNames.InvalidUserMessage}";
        }

        return null;
    }

    /// <summary>A destination normalised (user, host in lower case, port): what makes two mentions one host, and what <see cref="InventoryShard"/> hashes.</summary>
    public static string Key(string destination)
    {
        var parsed = Destination.Parse(destination);
        return $"{parsed.User}@{parsed.Host.ToLowerInvariant()}:{parsed.Port?.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string RemoteTextCut(string text) => Ssh.RemoteText.Cut(text, 80);
}
