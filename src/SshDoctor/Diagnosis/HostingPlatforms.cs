namespace SshDoctor.Diagnosis;

/// <summary>Host names that identify a cloud provider's virtual machines or a git hosting service (for the hint.* entries).</summary>
public static class HostingPlatforms
{
    private static readonly string[] CloudNames =
        ["amazonaws.com", "compute.internal", "cloudapp.azure.com", "cloudapp.net", "googleusercontent.com", "digitaloceanspaces.com", "linodeusercontent.com", "oraclecloud.com", "ec2-"];

    private static readonly string[] GitHosts = ["github.com", "gitlab.com", "bitbucket.org", "ssh.dev.azure.com", "codeberg.org"];

    public static bool IsCloud(string host) => CloudNames.Any(c => host.Contains(c, StringComparison.OrdinalIgnoreCase));

    public static bool IsGitHost(string host) =>
        GitHosts.Any(g => host.Equals(g, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + g, StringComparison.OrdinalIgnoreCase));
}
