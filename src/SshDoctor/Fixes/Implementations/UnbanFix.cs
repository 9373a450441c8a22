using System.Net;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// server.banned (on the server): <c>fail2ban-client set JAIL unbanip IP</c> with the jail and the address the audit
/// found; undo bans it again. sshguard keeps no client to ask: its block is left for the user (the catalogue says how).
/// </summary>
internal sealed class UnbanFix : IFix
{
    public string Id => DiagnosisIds.ServerBanned;

    public FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        var ip = diagnosis.Get("ip");
        var jail = diagnosis.Get("jail");
        if (ip is null || !IPAddress.TryParse(ip, out _))
        {
            return FixProposal.Refuse(diagnosis, "the diagnosis does not name the banned address");
        }

        if (jail is null || !jail.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return FixProposal.Refuse(diagnosis, "no fail2ban jail is known for this ban (sshguard, or a ban seen only in a log): lift it by hand");
        }

        if (!context.IsRoot)
        {
            return FixProposal.Refuse(diagnosis, "server-side fixes run as root on the server (sudo ssh-doctor check-server --fix ...)");
        }

        if (context.Programs.Find("fail2ban-client") is null)
        {
            return FixProposal.Refuse(diagnosis, "fail2ban-client is not installed");
        }

        var socket = context.Fail2banSocket is null ? new List<string>() : ["-s", context.Fail2banSocket];
        return FixProposal.Planned(new PlannedFix(diagnosis,
        [
            new ProgramStep
            {
                Path = $"fail2ban jail {jail}",
                Program = "fail2ban-client",
                Arguments = [.. socket, "--", "set", jail, "unbanip", ip],
                UndoArguments = [.. socket, "--", "set", jail, "banip", ip],
                Command = Command(jail, ip),
            },
        ]));
    }

    public string? Sketch(IReadOnlyDictionary<string, string> values) =>
        values.Printable("jail") is { } jail && values.Printable("ip") is { } ip ? "sudo " + Command(jail, ip) : null;

    private static string Command(string jail, string ip) => $"fail2ban-client set {ShellQuote.Word(jail)} unbanip {ShellQuote.Word(ip)}";
}
