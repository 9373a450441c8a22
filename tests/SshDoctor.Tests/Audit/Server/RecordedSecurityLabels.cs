using SshDoctor.Audit.Server;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>SELinux contexts as <c>getfattr -n security.selinux --only-values</c> printed them on a live system, by server path.</summary>
internal sealed class RecordedSecurityLabels(Dictionary<string, string> contexts) : ISecurityLabels
{
    public List<string> Asked { get; } = [];

    public string? ContextOf(string path)
    {
        Asked.Add(path);
        return contexts.GetValueOrDefault(path);
    }
}
