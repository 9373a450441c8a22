namespace SshDoctor.Diagnosis.Observations;

/// <summary>The server's answer to a public-key query (RFC 4252 §7), as the probe asked it.</summary>
public enum KeyAnswer
{
    Accepted,
    Rejected,
    NotAsked,
}

/// <summary>One candidate key and the server's answer: <see cref="Text"/> names it as ssh lists it.</summary>
public sealed record QueriedKey(string Text, KeyAnswer Answer, string Detail, string Identity, string? PrivateKeyFile);

/// <summary>
/// The authentication methods the server allows (its answer to <c>none</c>) and its answers to the key queries, with
/// what the user's ssh had to offer: the keys (<see cref="KeyList"/>, as local evidence), whether it tries public keys.
/// </summary>
public sealed record KeysQueried(ProbeSubject Subject, string? Hop) : Observation(Subject, Hop)
{
    public required IReadOnlyList<string> Methods { get; init; }

    public bool PubkeyAuthentication { get; init; } = true;

    public required int CandidateCount { get; init; }

    public required IReadOnlyList<QueriedKey> Answers { get; init; }

    /// <summary>The local keys (and identity files that do not exist), as evidence.</summary>
    public required IReadOnlyList<Evidence> KeyList { get; init; }

    /// <summary>Why there is no key to offer (the agent, the identity files), when there is none.</summary>
    public required string NoKeysReason { get; init; }

    /// <summary>The order ssh offers the keys in, as evidence for too many failures.</summary>
    public required string OfferOrder { get; init; }

    /// <summary>The first identity file ssh would use, for the fix.</summary>
    public string? FirstKeyFile { get; init; }

    /// <summary>Each refused certificate checked against the user and the clock.</summary>
    public IReadOnlyList<Evidence> CertificateChecks { get; init; } = [];

    public string? Certificate { get; init; }

    public string? CertificateProblem { get; init; }

    public required int MaxAuthTries { get; init; }

    /// <summary>True when a disconnect showed MaxAuthTries; false when OpenSSH's default is assumed.</summary>
    public bool MaxAuthTriesKnown { get; init; }

    public QueriedKey? Accepted => Answers.FirstOrDefault(a => a.Answer == KeyAnswer.Accepted);

    /// <summary>The server takes public keys, the user's ssh had some, and it accepted none: every key was refused (or never asked).</summary>
    public bool NoKeyAccepted => Methods.Contains("publickey") && CandidateCount > 0 && Accepted is null;
}

/// <summary>An RSA key refused as ssh-rsa (the only algorithm the user's ssh allows for it) and accepted with a SHA-2 signature.</summary>
public sealed record RsaSha1Refused(ProbeSubject Subject, string? Hop, string Key, string KeyFile, string Refused, string Stronger) : Observation(Subject, Hop);

/// <summary>PreferredAuthentications without publickey: what ssh will try and what the server allows.</summary>
public sealed record MethodsPreferred(ProbeSubject Subject, string? Hop, IReadOnlyList<string> Preferred, IReadOnlyList<string> Allowed) : Observation(Subject, Hop);

/// <summary>The configured agent did not answer as an agent (<see cref="Ssh.Agent.AgentListStatus"/>).</summary>
public sealed record AgentUnusable(ProbeSubject Subject, string? Hop, string? Socket, Ssh.Agent.AgentListStatus Status, string Detail) : Observation(Subject, Hop);

/// <summary>A key ssh does not offer: no signature algorithm of its type is in PubkeyAcceptedAlgorithms.</summary>
public sealed record KeySkipped(ProbeSubject Subject, string? Hop, string Key, string KeyType, string KeyFile, IReadOnlyList<string> AcceptedAlgorithms) : Observation(Subject, Hop);

/// <summary>
/// One of the user's key files as ssh would use it: <see cref="TooOpenMode"/> when ssh ignores it for its permissions,
/// <see cref="Mismatch"/> when its .pub (or certificate) is not its public half. <see cref="Accepted"/>: the server accepted it.
/// </summary>
public sealed record KeyFileChecked(ProbeSubject Subject, string? Hop, string Path, string Key, bool Accepted, string? TooOpenMode, string? Mismatch, string? MismatchFile) : Observation(Subject, Hop);

/// <summary>
/// --login: the signed request for a key the server had accepted in the query did not log in. <see cref="AgentRefusedToSign"/>:
/// the agent's refusal, when it would not sign.
/// </summary>
public sealed record SignedLoginFailed(ProbeSubject Subject, string? Hop, string Key, string KeyFile, bool Rejected, bool PartialSuccess, string? AgentRefusedToSign) : Observation(Subject, Hop);

/// <summary>Every key ssh offers was refused, and another key of the user's (not offered by ssh) was accepted (PK_OK).</summary>
public sealed record OtherKeyAccepted(ProbeSubject Subject, string? Hop, string Key, string KeyFile) : Observation(Subject, Hop);
