namespace SshDoctor.Ssh.Auth;

/// <summary>The server's answer to one authentication request.</summary>
public enum AuthQueryOutcome
{
    /// <summary>PK_OK for a public-key query, or SUCCESS for <c>none</c> (no authentication required).</summary>
    Accepted,

    /// <summary>USERAUTH_FAILURE; <see cref="AuthQueryResult.AllowedMethods"/> lists what may continue.</summary>
    Rejected,

    /// <summary>The connection ended (disconnect, EOF, timeout); see <see cref="AuthQueryResult.Failure"/>.</summary>
    Stopped,
}
