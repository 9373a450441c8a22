namespace SshDoctor.Diagnosis;

/// <summary>Host names that identify a cloud provider's virtual machines or a git hosting service (for the hint.* entries).</summary>
public static class HostingPlatforms
{
    private static readonly string[] CloudNames =
        ["amazonaws.com", "compute.internal", "cloudapp.azure.com", "cloudapp.net", "googleusercontent.com", "digitaloceanspaces.com", "linodeusercontent.com", "oraclecloud.com", "ec2-"];

    /// <summary>
    /// Git hosting services: every account logs in as git and is told apart by its key alone, registered on the
    /// service's web page (not in an authorized_keys anyone can edit). A name matches itself and its subdomains
    /// (ssh.github.com, altssh.gitlab.com).
    /// </summary>
    private static readonly GitHost[] GitHosts =
    [
        new("github.com", "https://github.com/settings/keys"),
        new("gitlab.com", "https://gitlab.com/-/user_settings/ssh_keys"),
        new("bitbucket.org", "https://bitbucket.org/account/settings/ssh-keys/"),
        new("codeberg.org", "https://codeberg.org/user/settings/keys"),
        new("gitea.com", "https://gitea.com/user/settings/keys"),
        new("git.sr.ht", "https://meta.sr.ht/keys"),
        new("ssh.dev.azure.com", "https://dev.azure.com/ (User settings > SSH public keys)"),
        new("vs-ssh.visualstudio.com", "https://dev.azure.com/ (User settings > SSH public keys)"),
    ];

    public static bool IsCloud(string host) => CloudNames.Any(c => host.Contains(c, StringComparison.OrdinalIgnoreCase));

    public static bool IsGitHost(string? host) => GitHostOf(host) is not null;

    /// <summary>The git hosting service <paramref name="host"/> belongs to, or null.</summary>
    public static GitHost? GitHostOf(string? host) => host is null ? null :
        GitHosts.FirstOrDefault(g => host.Equals(g.Name, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + g.Name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A git hosting service and the page where an account's SSH keys are added.</summary>
public sealed record GitHost(string Name, string KeySettings);
