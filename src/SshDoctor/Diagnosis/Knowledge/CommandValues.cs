using System.Globalization;
using System.Net;
using SshDoctor.Config;

namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// What a value must look like to be placed into a printed fix command, per placeholder. Values come from logs and
/// servers (sshd logs user names as the client sent them), so a value no real host, account, address or file could
/// have is not put into a command at all: the placeholder stays (USER, HOST) for the user to fill in, and the value is
/// seen in the evidence. Every value that passes is still quoted (<see cref="ShellQuote.Word"/>).
/// </summary>
public static class CommandValues
{
    /// <summary>Placeholders whose value is a path; a leading <c>~/</c> stays outside the quotes so the shell expands it.</summary>
    public static readonly IReadOnlySet<string> Paths = new HashSet<string>(StringComparer.Ordinal) { "key", "file", "path", "agent", "home" };

    private static readonly Dictionary<string, Func<string, bool>> Checks = new(StringComparer.Ordinal)
    {
        // A name ssh itself refuses cannot be the host to fix; the ones it accepts carry no quote, $, `, ;, &, | or
        // space, so even a remote shell reading them again (ssh HOP nc HOST PORT) runs nothing.
        ["host"] = SshNames.IsValidHostname,
        ["hop"] = IsHop,
        ["jump"] = v => v.Length <= 1024 && v.Split(',').All(IsHop),
        ["user"] = AccountNames.IsPlausible,
        ["ip"] = IsAddress,
        ["port"] = v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536,
        ["line"] = v => v.Length <= 9 && v.All(char.IsAsciiDigit),
        ["key"] = IsPath,
        ["file"] = IsPath,
        ["path"] = IsPath,
        ["agent"] = IsPath,
        ["home"] = v => IsPath(v) && v.StartsWith('/'),
        ["known_hosts_name"] = IsKnownHostsName,
        ["jail"] = v => v.Length <= 64 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'),
        ["algorithm"] = v => v.Length <= 256 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '@' or '_' or '+' or ','),
        ["option"] = v => v.Length <= 64 && v.All(char.IsAsciiLetterOrDigit),
    };

    /// <summary>Every placeholder a command may hold; the catalogue's conventions test keeps commands within them.</summary>
    public static IEnumerable<string> Names => Checks.Keys;

    /// <summary>True when <paramref name="value"/> may stand for placeholder <paramref name="name"/> in a command.</summary>
    public static bool IsPlausible(string name, string value) =>
        value.Length > 0
        && !value.StartsWith('-')
        && !value.Any(char.IsControl)
        && Checks.TryGetValue(name, out var check) && check(value);

    private static bool IsPath(string value) => value.Length <= 4096;

    /// <summary>host, or [host]:port, as known_hosts names a host.</summary>
    private static bool IsKnownHostsName(string value)
    {
        if (!value.StartsWith('['))
        {
            return SshNames.IsValidHostname(value);
        }

        var close = value.IndexOf("]:", StringComparison.Ordinal);
        return close > 1 && SshNames.IsValidHostname(value[1..close])
            && int.TryParse(value[(close + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536;
    }

    private static bool IsAddress(string value) =>
        value.Length <= 64 && value.All(c => char.IsAsciiHexDigit(c) || c is '.' or ':') && IPAddress.TryParse(value, out _);

    private static bool IsHop(string value)
    {
        try
        {
            var hop = Probing.Resolve.Destination.Parse(value);
            return SshNames.IsValidHostname(hop.Host) && (hop.User is null || AccountNames.IsPlausible(hop.User));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
