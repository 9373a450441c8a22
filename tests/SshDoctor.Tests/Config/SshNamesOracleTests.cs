using System.Diagnostics;
using SshDoctor.Config;
using SshDoctor.Tests.Audit;

namespace SshDoctor.Tests.Config;

/// <summary>
/// The name checks against the real thing: for every host and user name around the edges of OpenSSH's rules, the
/// installed ssh (ssh -G, which checks names exactly as a connecting ssh does) must refuse exactly what
/// <see cref="SshNames"/> refuses, with the same message.
/// </summary>
public sealed class SshNamesOracleTests
{
    public static TheoryData<string> Hosts() =>
    [
        "web1", "10.0.0.5", "::1", "a-b", "x-", "h%x", "h*", "h?", "h[1]", "h~x", "h#x", "h!x", "h=x", "h^x", "h+x", "h:x", "h/x", "héllo", "ホスト",
        "-oProxyCommand=touch${IFS}/tmp/x", "-", "h$(id)", "h$x", "h`id`", "h;id", "h&", "h|x", "h<x", "h>x", "h(x", "h)x", "h{x", "h}x", "h,x", "h x", "h\tx",
        "h\nx", "h\\x", "h'x", "h\"x", "h\u0001x", "h\u007fx",
    ];

    public static TheoryData<string> Users() =>
    [
        "alice", "a.b_c-d", "host$", "u$x", "u$HOME", "a b", "DOMAIN\\alice", "a\\b", "alice@example.com", "u,x", "u*", "u~", "u#", "ユーザ",
        "-x", "-oProxyCommand=x", "a -b", "a\t-b", "a\\", "u$(id)", "u`id`", "u;x", "u'x", "u\"x", "u&x", "u|x", "u<x", "u>x", "u(x", "u)x", "u{x", "u}x",
        "u\u0001", "u\u007f", "u\nx",
    ];

    [Theory]
    [MemberData(nameof(Hosts))]
    public void A_host_name_is_refused_exactly_when_ssh_refuses_it(string host)
    {
        var (code, stderr) = SshG(["-F", "/dev/null", "--", host]);

        var sshRefuses = code == 255 && stderr.Contains(SshNames.InvalidHostMessage, StringComparison.Ordinal);
        Assert.True(sshRefuses != SshNames.IsValidHostname(host), $"ssh exit {code}: {stderr}");
        Assert.True(sshRefuses || code == 0, stderr);
    }

    [Theory]
    [MemberData(nameof(Users))]
    public void A_user_name_is_refused_exactly_when_ssh_refuses_it(string user)
    {
        var (code, stderr) = SshG(["-F", "/dev/null", "-l", user, "--", "h"]);

        var sshRefuses = code == 255 && stderr.Contains(SshNames.InvalidUserMessage, StringComparison.Ordinal);
        Assert.True(sshRefuses != SshNames.IsValidRemoteUser(user), $"ssh exit {code}: {stderr}");
        Assert.True(sshRefuses || code == 0, stderr);
    }

    private static (int Code, string Stderr) SshG(string[] arguments)
    {
        Shell.Require(Shell.Has("ssh"), "ssh (openssh-client) is not installed");
        var start = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("-G");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(10_000), "ssh -G did not finish");
        _ = stdout.Result;
        return (process.ExitCode, stderr.Result);
    }
}
