namespace SshDoctor.Ssh.Auth;

/// <summary>What the server answered to a <c>none</c> request or a public-key query.</summary>
public sealed record AuthQueryResult(AuthQueryOutcome Outcome)
{
    /// <summary>The methods that can continue (from USERAUTH_FAILURE), e.g. <c>publickey,password</c>.</summary>
    public IReadOnlyList<string> AllowedMethods { get; init; } = [];

    /// <summary>USERAUTH_FAILURE's partial-success flag.</summary>
    public bool PartialSuccess { get; init; }

    /// <summary>Text of any SSH_MSG_USERAUTH_BANNER received while waiting for this answer.</summary>
    public string? BannerText { get; init; }

    /// <summary>The public-key algorithm name used in the query (e.g. <c>rsa-sha2-512</c>).</summary>
    public string? Algorithm { get; init; }

    /// <summary>Why the connection ended, when <see cref="Outcome"/> is <see cref="AuthQueryOutcome.Stopped"/>.</summary>
    public ProbeFailure? Failure { get; init; }
}
