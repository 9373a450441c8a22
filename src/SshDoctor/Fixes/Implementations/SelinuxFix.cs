using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// auth.publickey.selinux (on the server): <c>restorecon -R -v</c> on the account's ~/.ssh. The labels it replaces are
/// recorded first, so undo can put them back.
/// </summary>
internal sealed class SelinuxFix : IFix
{
    public string Id => DiagnosisIds.AuthPublicKeySelinux;

    public FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        var name = diagnosis.Get("user");
        var user = name is null ? null : context.Users?.User(name);
        if (user is null)
        {
            return FixProposal.Refuse(diagnosis, name is null ? "the diagnosis does not name the account" : $"no account {name} in {context.Map("/etc/passwd")}");
        }

        if (!context.IsRoot)
        {
            return FixProposal.Refuse(diagnosis, "server-side fixes run as root on the server (sudo ssh-doctor check-server --fix ...)");
        }

        if (context.Programs.Find("restorecon") is null)
        {
            return FixProposal.Refuse(diagnosis, "restorecon is not installed (policycoreutils): nothing to relabel with");
        }

        var dir = context.Map(user.Home.TrimEnd('/') + "/.ssh");
        if (!FixFiles.StatLink(dir).IsDirectory)
        {
            return FixProposal.Refuse(diagnosis, $"{dir} is not a directory", badInput: true);
        }

        WritePolicy.Target(context, dir, contentChange: false, user.Uid);
        var labels = new List<(string, byte[]?)>();
        foreach (var path in Walk(dir))
        {
            labels.Add((path, NativeFiles.GetAttribute(path, FileMeta.SelinuxAttribute)));
        }

        return FixProposal.Planned(new PlannedFix(diagnosis,
        [
            new ProgramStep { Path = dir, Program = "restorecon", Arguments = ["-R", "-v", "--", dir], Labels = labels, Command = Command(dir) },
        ]));
    }

    public string? Sketch(IReadOnlyDictionary<string, string> values) =>
        values.Printable("user") is { } user && ShellQuote.NeedsNoQuoting(user) ? $"sudo restorecon -R -v ~{user}/.ssh" : null;

    private static string Command(string dir) => $"restorecon -R -v {ShellQuote.Word(dir)}";

    private static IEnumerable<string> Walk(string dir)
    {
        yield return dir;
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }).Order(StringComparer.Ordinal).Take(10_000))
        {
            yield return entry;
        }
    }
}
