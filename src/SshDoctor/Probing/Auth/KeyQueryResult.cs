namespace SshDoctor.Probing.Auth;

/// <summary>The server's answer to a key query.</summary>
public enum KeyQueryResult
{
    /// <summary>PK_OK: the server would accept a signature with this key.</summary>
    Accepted,

    /// <summary>USERAUTH_FAILURE: not authorized (counts against MaxAuthTries).</summary>
    Rejected,

    /// <summary>Not asked: an earlier key was accepted (ssh stops there), or the politeness budget ran out.</summary>
    NotAsked,
}
