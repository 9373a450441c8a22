namespace SshDoctor.Audit.Local;

/// <summary>Every check of <c>check-local</c>, in the order the report shows their areas.</summary>
public static class LocalChecks
{
    public static IReadOnlyList<IAuditCheck<LocalContext>> All { get; } =
    [
        new SshDirectoryCheck(),
        new RecommendedModesCheck(),
        new PrivateKeyPermissionsCheck(),
        new KeyContentCheck(),
        new ConfigPermissionsCheck(),
        new ConfigSyntaxCheck(),
        new KnownHostsCheck(),
        new AgentCheck(),
    ];
}
