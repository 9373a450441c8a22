using System.Globalization;
using System.Text.RegularExpressions;

namespace SshDoctor.Probing.UserSsh;

/// <summary>The user's OpenSSH release, from <c>ssh -V</c> (e.g. <c>OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19</c>).</summary>
/// <param name="Major">e.g. 9.</param>
/// <param name="Minor">e.g. 2.</param>
/// <param name="Text">The release text as printed, e.g. <c>OpenSSH_9.2p1 Debian-2+deb12u10</c>.</param>
public sealed partial record ClientVersion(int Major, int Minor, string Text)
{
    /// <summary>The newest release the tables know; assumed when no ssh is installed.</summary>
    public static ClientVersion Latest { get; } = new(10, 5, "OpenSSH_10.5 (assumed: no ssh installed)");

    public static ClientVersion? TryParse(string? sshDashV)
    {
        if (sshDashV is null)
        {
            return null;
        }

        var match = VersionPattern().Match(sshDashV);
        if (!match.Success)
        {
            return null;
        }

        var text = sshDashV.Split(',')[0].Trim();
        return new ClientVersion(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), text);
    }

    public bool AtLeast(int major, int minor) => Major > major || (Major == major && Minor >= minor);

    public override string ToString() => Text;

    [GeneratedRegex(@"OpenSSH_(?:for_Windows_)?(\d+)\.(\d+)")]
    private static partial Regex VersionPattern();
}
