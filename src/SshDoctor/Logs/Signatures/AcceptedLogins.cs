using static SshDoctor.Logs.Signatures.EventNames;
namespace SshDoctor.Logs.Signatures;

/// <summary>The signatures that record a successful login, for every reader that asks "did this connection log in later?".</summary>
public static class AcceptedLogins
{
    /// <summary>OpenSSH's <c>Accepted METHOD for USER</c> and Dropbear's <c>… auth succeeded for 'USER'</c>.</summary>
    public static bool Is(string? kind) => kind is SshdAccepted.Name or DropbearAuthSucceeded.Name;
}
