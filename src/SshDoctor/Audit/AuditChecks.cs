using SshDoctor.Audit.Local;
using SshDoctor.Audit.Server;

namespace SshDoctor.Audit;

/// <summary>The diagnosis ids the audits can produce (the conventions test counts an audit check as a rule).</summary>
public static class AuditChecks
{
    public static IReadOnlyList<string> Produces { get; } =
        LocalChecks.All.SelectMany(c => c.Produces).Concat(ServerChecks.All.SelectMany(c => c.Produces)).Distinct(StringComparer.Ordinal).ToList();
}
