using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Explain;

namespace SshDoctor.Tests.Explain;

public class SshCommandLineTests
{
    [Theory]
    [InlineData("-o PreferredAuthentications=password alex@10.0.0.44", "alex", "10.0.0.44", "password")]
    [InlineData("-v -oPreferredAuthentications=keyboard-interactive,password -p 2222 root@h", "root", "h", "keyboard-interactive,password")]
    [InlineData("-i ~/.ssh/k.pem -l ubuntu host.example.com uptime", "ubuntu", "host.example.com", null)]
    [InlineData("-o \"PreferredAuthentications password\" ssh://git@example.com:2222", "git", "example.com:2222", null)]
    [InlineData("-J bastion -o preferredauthentications=password deploy@app", "deploy", "app", "password")]
    public void Reads_the_user_and_options_as_ssh_would(string arguments, string user, string host, string? preferred)
    {
        var command = SshCommandLine.Parse(arguments);
        Assert.Equal(user, command.User);
        Assert.Equal(host, command.Host);
        Assert.Equal(preferred, command.Option("PreferredAuthentications"));
    }

    [Theory]
    [InlineData("ec2-user", "OpenSSH_9.6p1 Ubuntu-3ubuntu13.5", "ubuntu")]
    [InlineData("ec2-user", "OpenSSH_9.2p1 Debian-2+deb12u3", "admin or debian")]
    [InlineData("ubuntu", "OpenSSH_9.2p1 Debian-2+deb12u3", "admin or debian")]
    [InlineData("ubuntu", "OpenSSH_8.7", "ec2-user (Amazon Linux, RHEL), rocky, almalinux or cloud-user")]
    [InlineData("ubuntu", "OpenSSH_9.6p1 Ubuntu-3ubuntu13.5", null)]
    [InlineData("admin", "OpenSSH_9.6p1 Ubuntu-3ubuntu13.5", null)]
    [InlineData("deploy", "OpenSSH_8.7", null)]
    [InlineData("ec2-user", "OpenSSH_8.7", null)]
    [InlineData("ubuntu", "dropbear_2022.83", null)]
    public void Names_the_images_user_when_the_login_is_another_images(string user, string software, string? expected) =>
        Assert.Equal(expected, CloudImageUsers.ExpectedInstead(user, software));
}
