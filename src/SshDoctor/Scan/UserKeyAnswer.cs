using SshDoctor.Probing.Auth;

namespace SshDoctor.Scan;

/// <summary>
/// scan --keys: what a host said about one of the user's candidate keys (the keys diagnose would offer: -i,
/// IdentityFile, the agent), asked without a signature.
/// </summary>
/// <param name="Identity">The key's file, or the agent's comment.</param>
/// <param name="Result"><c>accepted</c> (the server would take a signature), <c>rejected</c>, or <c>not-asked</c> (the politeness budget ran out, or the connection ended).</param>
public sealed record UserKeyAnswer(string Identity, string Type, string Fingerprint, string Result)
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string NotAsked = "not-asked";

    public static UserKeyAnswer Of(KeyVerdict verdict) => new(verdict.Key.Identity, verdict.Key.PublicKey.KeyType, verdict.Key.PublicKey.Fingerprint, verdict.Result switch
    {
        KeyQueryResult.Accepted => Accepted,
        KeyQueryResult.Rejected => Rejected,
        _ => NotAsked,
    });
}
