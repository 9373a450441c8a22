using System.Globalization;

namespace SshDoctor.Probing.Resolve;

/// <summary>A destination as typed: <c>[user@]host[:port]</c>, <c>ssh://[user@]host[:port]</c>, or <c>[user@][v6addr]:port</c>.</summary>
public sealed record Destination(string? User, string Host, int? Port)
{
    public static Destination Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var rest = text.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) ? text[6..].TrimEnd('/') : text;
        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at > 0)
        {
            user = rest[..at];
            rest = rest[(at + 1)..];
        }

        int? port = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close > 0)
            {
                if (close + 2 < rest.Length && rest[close + 1] == ':')
                {
                    port = ParsePort(rest[(close + 2)..]);
                }

                rest = rest[1..close];
            }
        }
        else if (rest.Count(c => c == ':') == 1)
        {
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            port = ParsePort(rest[(colon + 1)..]);
            rest = rest[..colon];
        }

        if (rest.Length == 0)
        {
            throw new FormatException($"no host in '{text}'");
        }

        return new Destination(user, rest, port);
    }

    /// <summary>Parses a ProxyJump value (<c>none</c> or a comma-separated list of hops).</summary>
    public static IReadOnlyList<Destination> ParseJumps(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? []
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();

    public override string ToString() =>
        (User is null ? "" : User + "@") + (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + (Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "");

    private static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new FormatException($"bad port '{text}'");
}
