using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// server.sshd-not-running (on the server): <c>systemctl enable --now UNIT</c>, only after <c>sshd -t</c> passes (a
/// broken configuration is reported, never started). Undo returns the unit to the state it was in (disabled, stopped).
/// </summary>
internal sealed class StartSshdFix : IFix
{
    public string Id => DiagnosisIds.ServerSshdNotRunning;

    public FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        if (!context.IsRoot)
        {
            return FixProposal.Refuse(diagnosis, "server-side fixes run as root on the server (sudo ssh-doctor check-server --fix ...)");
        }

        if (context.Root.Length > 0)
        {
            return FixProposal.Refuse(diagnosis, "a prepared tree (--root) has no services to start");
        }

        var unit = Unit(diagnosis, context);
        if (unit is null)
        {
            return FixProposal.Refuse(diagnosis, "no systemd unit ssh or sshd is known here: start sshd the way this system does");
        }

        var test = context.Programs.Run("sshd", ["-t", "-f", context.SshdConfigPath], TimeSpan.FromSeconds(20));
        if (!test.Succeeded)
        {
            return FixProposal.Refuse(diagnosis, $"sshd -t fails, so sshd is not started: {(test.NotFound ? "sshd is not installed" : (test.Stderr + test.Stdout).Trim())}");
        }

        var enabled = context.Programs.Run("systemctl", ["is-enabled", "--", unit]).Stdout.Trim();
        var undo = enabled == "enabled" ? new List<string> { "stop", "--", unit } : ["disable", "--now", "--", unit];
        return FixProposal.Planned(new PlannedFix(diagnosis,
        [
            new ProgramStep { Path = $"systemd unit {unit}", Program = "systemctl", Arguments = ["enable", "--now", "--", unit], UndoArguments = undo, Command = Command(unit) },
        ]));
    }

    public string? Sketch(IReadOnlyDictionary<string, string> values) =>
        values.TryGetValue("unit_name", out var unit) && IsUnitName(unit) ? $"sudo sshd -t && sudo systemctl enable --now {ShellQuote.Word(unit)}" : null;

    private static string? Unit(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        foreach (var candidate in new[] { diagnosis.Get("unit_name"), "ssh", "sshd" })
        {
            if (candidate is not null && IsUnitName(candidate)
                && context.Programs.Run("systemctl", ["cat", "--", candidate + ".service"]).Succeeded)
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsUnitName(string unit) => unit.Length is > 0 and < 64 && unit.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');

    private static string Command(string unit) => $"sshd -t && systemctl enable --now {ShellQuote.Word(unit)}";
}
