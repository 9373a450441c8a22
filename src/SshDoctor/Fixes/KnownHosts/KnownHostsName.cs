using System.Globalization;
using System.Text.RegularExpressions;

namespace SshDoctor.Fixes.KnownHosts;

/// <summary>The name ssh looks a host up under in known_hosts: <c>host</c> on port 22, else <c>[host]:port</c>, lower case.</summary>
public static partial class KnownHostsName
{
    public static string Of(string host, int port) =>
        KnownHostsMatcher.AsciiLower(port == 22 ? host : $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>From a diagnosis' values: <c>known_hosts_name</c>, else host and port (a host already written as [h]:p is kept).</summary>
    public static string? From(IReadOnlyDictionary<string, string> values)
    {
        if (values.TryGetValue("known_hosts_name", out var name) && name.Length > 0)
        {
            return name;
        }

        if (!values.TryGetValue("host", out var host) || host.Length == 0)
        {
            return null;
        }

        if (Bracketed().IsMatch(host))
        {
            return KnownHostsMatcher.AsciiLower(host);
        }

        return Of(host, values.TryGetValue("port", out var p) && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 22);
    }

    /// <summary>Splits <c>[host]:port</c> into host and port; null for a plain name.</summary>
    public static (string Host, string Port)? Split(string name)
    {
        var m = Bracketed().Match(name);
        return m.Success ? (m.Groups["host"].Value, m.Groups["port"].Value) : null;
    }

    [GeneratedRegex(@"^\[(?<host>[^\[\]]+)\]:(?<port>\d{1,5})$")]
    private static partial Regex Bracketed();
}
