using System.Globalization;
using System.Text.RegularExpressions;

namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// The way to the host carried into the printed commands: a target reached through jump hosts (value <c>jump</c>, the
/// ProxyJump list as ssh -J takes it) is reached the same way by every printed command that connects to it. ssh gets
/// <c>-J</c>, ssh-copy-id <c>-o ProxyJump=</c>, and ssh-keyscan (which cannot go through a jump host) runs on the last
/// hop, where the target's name resolves and its port is reachable. A hop itself (value <c>hop</c>) is printed as ssh
/// takes a destination: <c>-p PORT USER@HOST</c> (ssh reads no <c>:port</c> in a plain destination).
/// </summary>
public static partial class CommandRoute
{
    /// <summary>The command with the route to the target; unchanged without a plausible <c>jump</c> value.</summary>
    public static string Apply(string command, IReadOnlyDictionary<string, string> values)
    {
        if (!values.TryGetValue("jump", out var jump) || !CommandValues.IsPlausible("jump", jump))
        {
            return command;
        }

        var hops = Probing.Resolve.Destination.ParseJumps(jump);
        var quoted = ShellQuote.Word(jump);
        return Program().Replace(command, m =>
        {
            var lead = m.Groups["lead"].Value;
            return m.Groups["program"].Value switch
            {
                "ssh" => $"{lead}ssh -J {quoted}",
                "ssh-copy-id" => $"{lead}ssh-copy-id -o {ShellQuote.Word("ProxyJump=" + jump)}",
                _ => $"{lead}ssh {Through(hops)} ssh-keyscan",
            };
        });
    }

    /// <summary>A hop (<c>[user@]host[:port]</c>) as ssh's arguments: <c>-p PORT USER@HOST</c>; null when it is no hop ssh could take.</summary>
    public static string? HopArguments(string hop)
    {
        if (!CommandValues.IsPlausible("hop", hop))
        {
            return null;
        }

        return Arguments(Probing.Resolve.Destination.Parse(hop), null);
    }

    /// <summary>ssh's arguments to reach the last hop, through the hops before it.</summary>
    private static string Through(IReadOnlyList<Probing.Resolve.Destination> hops) =>
        Arguments(hops[^1], hops.Count > 1 ? string.Join(',', hops.Take(hops.Count - 1)) : null);

    private static string Arguments(Probing.Resolve.Destination hop, string? before)
    {
        var via = before is null ? string.Empty : "-J " + ShellQuote.Word(before) + " ";
        var port = hop.Port is { } p ? "-p " + p.ToString(CultureInfo.InvariantCulture) + " " : string.Empty;
        return via + port + ShellQuote.Word((hop.User is null ? string.Empty : hop.User + "@") + hop.Host);
    }

    /// <summary>ssh (not -G or -V: they connect nowhere), ssh-copy-id or ssh-keyscan at the start of a command or after a shell operator.</summary>
    [GeneratedRegex(@"(?<lead>^|&& |\|\| |; |\| |\$\()(?<program>ssh(?![ ]-[GV]\b)|ssh-copy-id|ssh-keyscan)(?=[ ])", RegexOptions.CultureInvariant)]
    private static partial Regex Program();
}
