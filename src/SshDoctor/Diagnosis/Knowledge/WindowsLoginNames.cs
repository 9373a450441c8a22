namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// Windows' ssh.exe logs in as the local Windows account when no user is given (<c>ssh host</c>, a VS Code Remote-SSH
/// host without <c>User</c>): a domain account arrives as <c>DOMAIN\user</c>, a name no Linux server has. A password
/// refused for such a name is a wrong login name before it is a wrong password.
/// </summary>
public static class WindowsLoginNames
{
    /// <summary>True for <c>DOMAIN\user</c>, the form Windows gives a domain account's name.</summary>
    public static bool IsDomainAccount(string? user) =>
        user is { Length: > 2 } && user.IndexOf('\\', StringComparison.Ordinal) is > 0 and var cut && cut < user.Length - 1;
}
