using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Probing.UserSsh;

/// <summary>
/// ssh_config(5) algorithm list syntax (kex.c:kex_assemble_names): a plain list replaces the defaults; <c>+list</c>
/// appends, <c>-list</c> removes (wildcards allowed), <c>^list</c> puts the entries first.
/// </summary>
public static class AlgorithmListModifier
{
    public static IReadOnlyList<string> Apply(IReadOnlyList<string> defaults, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaults;
        }

        var list = ClientAlgorithmDefaults.Split(value[0] is '+' or '-' or '^' ? value[1..] : value);
        return value[0] switch
        {
            '+' => [.. defaults, .. list.Where(a => !defaults.Contains(a))],
            '-' => defaults.Where(a => !list.Any(p => HostPatternMatcher.MatchPattern(a, p))).ToList(),
            '^' => [.. list, .. defaults.Where(a => !list.Contains(a))],
            _ => list,
        };
    }
}
