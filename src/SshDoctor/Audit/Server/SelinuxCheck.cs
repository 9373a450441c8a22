namespace SshDoctor.Audit.Server;

/// <summary>
/// SELinux labels of authorized_keys (auth.publickey.selinux) are only meaningful when SELinux is enabled; on a
/// system without it (no /sys/fs/selinux/enforce) the check says so and stops. Label checks are not implemented yet.
/// </summary>
public sealed class SelinuxCheck : IAuditCheck<ServerContext>
{
    public string Name => "selinux";

    public string Area => "selinux";

    public IReadOnlyList<string> Produces { get; } = [];

    public void Run(ServerContext context, AuditSink sink)
    {
        var enforce = context.Fs.ReadText("/sys/fs/selinux/enforce", 16);
        sink.Add(FindingSeverity.Skipped, enforce is null ? "selinux.disabled" : "selinux.not-implemented", null, ("mode", enforce?.Trim() == "1" ? "enforcing" : "permissive"));
    }
}
