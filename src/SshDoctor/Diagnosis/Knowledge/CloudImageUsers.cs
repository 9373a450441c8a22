namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// The login names cloud images are made with, and what the server's SSH version tells of the image: Debian and
/// Ubuntu add their name to it (<c>OpenSSH_9.6p1 Ubuntu-3ubuntu13.5</c>, <c>OpenSSH_9.2p1 Debian-2+deb12u3</c>);
/// Amazon Linux, RHEL and its rebuilds send a bare <c>OpenSSH_8.7</c>. A client log that shows the version and a
/// login as another image's default user (<c>ec2-user@</c> an Ubuntu machine) points at the login name.
/// </summary>
public static class CloudImageUsers
{
    /// <summary>Marker in the remote software version → the users that image family logs in as.</summary>
    private static readonly (string Marker, string[] Users)[] Families =
    [
        ("Ubuntu", ["ubuntu"]),
        ("Debian", ["admin", "debian"]),
    ];

    /// <summary>Default users of images, chosen by the image maker, not by the person (admin is also a common real account: left out).</summary>
    private static readonly HashSet<string> ImageDefaults = new(StringComparer.Ordinal)
    {
        "ec2-user", "ubuntu", "debian", "centos", "rocky", "almalinux", "cloud-user", "fedora", "opc",
    };

    /// <summary>Debian-family defaults, wrong on a server whose version names no Debian-family system.</summary>
    private static readonly HashSet<string> DebianFamilyDefaults = new(StringComparer.Ordinal) { "ubuntu", "debian" };

    /// <summary>
    /// The users the image behind <paramref name="serverSoftware"/> logs in as when <paramref name="user"/> is another
    /// image's default; null when nothing points at the user name.
    /// </summary>
    public static string? ExpectedInstead(string? user, string? serverSoftware)
    {
        if (user is null || serverSoftware is null || !ImageDefaults.Contains(user) || !serverSoftware.StartsWith("OpenSSH_", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var (marker, users) in Families)
        {
            if (serverSoftware.Contains(marker, StringComparison.Ordinal))
            {
                return users.Contains(user, StringComparer.Ordinal) ? null : string.Join(" or ", users);
            }
        }

        // A bare OpenSSH version with no distribution tag: not Debian or Ubuntu (Amazon Linux, RHEL, Rocky, Alma…).
        return DebianFamilyDefaults.Contains(user) && !serverSoftware.Contains(' ', StringComparison.Ordinal) ? "ec2-user (Amazon Linux, RHEL), rocky, almalinux or cloud-user" : null;
    }
}
