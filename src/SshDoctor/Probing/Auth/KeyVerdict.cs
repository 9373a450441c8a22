namespace SshDoctor.Probing.Auth;

/// <summary>What the server said about one candidate key (RFC 4252 §7 query), or why it was not asked.</summary>
public sealed record KeyVerdict(CandidateKey Key, KeyQueryResult Result, string Detail)
{
    /// <summary>Which connection (1-based) carried the query.</summary>
    public int Connection { get; init; }
}
