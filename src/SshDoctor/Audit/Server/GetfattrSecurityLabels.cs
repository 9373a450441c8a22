namespace SshDoctor.Audit.Server;

/// <summary>Reads <c>security.selinux</c> with <c>getfattr -h -n security.selinux --only-values</c> (attr package), below --root.</summary>
public sealed class GetfattrSecurityLabels(IProgramRunner programs, IAuditFileSystem fs) : ISecurityLabels
{
    public string? ContextOf(string path)
    {
        var result = programs.Run("getfattr", ["-h", "-n", "security.selinux", "--only-values", "--absolute-names", "--", fs.Map(path)], TimeSpan.FromSeconds(5));
        var context = result.Stdout.TrimEnd('\0', '\n', ' ');
        return result.Succeeded && context.Length > 0 ? context : null;
    }
}
