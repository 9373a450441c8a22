namespace SshDoctor.Diagnosis.Rules;

/// <summary>Every rule <c>explain</c> runs. A new rule goes here (and its id's knowledge in the catalogue).</summary>
public static class RuleSet
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new SignatureRule(),
        new ConfigRule(),
        new TcpRule(),
        new BannerRule(),
        new KexRule(),
        new HostKeyRule(),
        new AuthFailureRule(),
        new OtherClientAuthRule(),
        new TooManyFailuresRule(),
        new SessionRule(),
        new JumpRule(),
        new ServerSideRule(),
        new HintRule(),
        new UnexplainedFailureRule(),
    ];
}
