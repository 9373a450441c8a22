namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// The one rule set: every command's observations (a log's sessions and server lines, a probe's stages,
/// an audit's checks) are judged by
/// these rules, in this order (pipeline order keeps ties in report order). A new rule goes here (and its id's knowledge
/// in the catalogue).
/// </summary>
public static class RuleSet
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new SignatureRule(),
        new ConfigRule(),
        new SshStoppedRule(),
        new TcpRule(),
        new BannerRule(),
        new KexRule(),
        new HandshakeRule(),
        new HostKeyRule(),
        new AuthFailureRule(),
        new OtherClientAuthRule(),
        new TooManyFailuresRule(),
        new KeyFileRule(),
        new SessionRule(),
        new JumpRule(),
        new ServerSideRule(),
        new AuditRule(),
        new NamedCauseRule(),
        new HintRule(),
        new UnexplainedFailureRule(),
    ];
}
