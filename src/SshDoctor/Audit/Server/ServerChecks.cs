namespace SshDoctor.Audit.Server;

/// <summary>Every check of <c>check-server</c>, in the order the report shows their areas.</summary>
public static class ServerChecks
{
    public static IReadOnlyList<IAuditCheck<ServerContext>> All { get; } =
    [
        new SshdConfigCheck(),
        new SshdServiceCheck(),
        new UserAccountCheck(),
        new AccessRulesCheck(),
        new AuthorizedKeysCheck(),
        new FirewallCheck(),
        new Fail2banCheck(),
        new HostsDenyCheck(),
        new AuthLogCheck(),
        new SelinuxCheck(),
    ];
}
