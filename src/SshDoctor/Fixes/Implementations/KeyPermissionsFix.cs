using SshDoctor.Diagnosis;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>key.permissions-too-open: the private key to go-rwx (600 or narrower), and the rest of ~/.ssh tidied.</summary>
internal sealed class KeyPermissionsFix : IFix
{
    public string Id => DiagnosisIds.KeyPermissionsTooOpen;

    public FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context) =>
        PermissionsFix.Plan(diagnosis, context, diagnosis.Get("key"));

    public string? Sketch(IReadOnlyDictionary<string, string> values) =>
        values.Printable("key") is { } key ? ShellCommands.Chmod("go-rwx", key) : null;
}

/// <summary>config.bad-permissions: ~/.ssh/config (or the Included file ssh named) to go-rwx, owner back to the user, ~/.ssh tidied.</summary>
internal sealed class ConfigPermissionsFix : IFix
{
    public string Id => DiagnosisIds.ConfigBadPermissions;

    public FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context) =>
        PermissionsFix.Plan(diagnosis, context, diagnosis.Get("file"));

    public string? Sketch(IReadOnlyDictionary<string, string> values) =>
        values.Printable("file") is { } file ? ShellCommands.Chmod("go-rwx", file) : null;
}

internal static class PermissionsFix
{
    public static FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context, string? path)
    {
        if (path is null || !path.StartsWith('/'))
        {
            return FixProposal.Refuse(diagnosis, "the diagnosis does not name the file's full path");
        }

        var steps = ClientModes.For(context, path, ClientModes.Private, required: true);
        var real = steps.Count > 0 ? steps[0].Path : Files.FixFiles.RealPath(path) ?? path;
        steps.AddRange(ClientModes.Tidy(context, real));
        return steps.Count == 0
            ? FixProposal.Refuse(diagnosis, $"{path} already has no group or other access")
            : FixProposal.Planned(new PlannedFix(diagnosis, steps));
    }
}
