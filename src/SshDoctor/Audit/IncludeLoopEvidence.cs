using System.Globalization;

namespace SshDoctor.Audit;

/// <summary>The evidence and values of config.include-loop (ssh_config) and of server.config-invalid for the same stop in sshd_config.</summary>
public static class IncludeLoopEvidence
{
    public static string Text(IncludeTooDeep deep) =>
        $"{deep.Where}: Include {deep.Target}{(deep.Loop ? ", which is already being read" : $" is more than {IncludeGuard.MaxDepth} levels deep")}: "
        + "OpenSSH stops with \"Too many recursive configuration includes\"";

    public static (string Key, string? Value)[] Values(IncludeTooDeep deep) =>
    [
        ("file", deep.File),
        ("line", deep.Line.ToString(CultureInfo.InvariantCulture)),
        ("target", deep.Target),
        ("depth", IncludeGuard.MaxDepth.ToString(CultureInfo.InvariantCulture)),
    ];
}
