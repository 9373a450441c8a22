using System.Diagnostics;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing.UserSsh;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>The release read from the ssh binary's bytes equals what <c>ssh -V</c> prints.</summary>
public sealed class SshBinaryVersionTests
{
    [Fact]
    public void The_release_in_the_binary_is_the_one_ssh_V_prints()
    {
        var ssh = ExternalTool.Require("ssh");
        var start = new ProcessStartInfo(ssh) { ArgumentList = { "-V" }, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var printed = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        var fromBinary = SshBinaryVersion.TryRead(ssh);

        Assert.NotNull(fromBinary);
        Assert.Equal(ClientVersion.TryParse(printed), fromBinary);
    }

    [Fact]
    public void A_file_without_a_release_string_gives_nothing()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("fake-ssh"), "#!/bin/sh\necho OpenSSH_7.4*,OpenSSH_7.5*\n");

        Assert.Null(SshBinaryVersion.TryRead(directory.File("fake-ssh")));
        Assert.Null(SshBinaryVersion.TryRead(directory.File("missing")));
    }
}
