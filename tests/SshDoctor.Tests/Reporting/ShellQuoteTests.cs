using System.Diagnostics;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Tests.Audit;

namespace SshDoctor.Tests.Reporting;

/// <summary>The one quoting function, checked by the real shells: whatever the value, the shell reads back exactly one word equal to it.</summary>
public sealed class ShellQuoteTests
{
    public static TheoryData<string> Values() =>
    [
        "", " ", "a b", "it's", "'", "''", "$(id)", "`id`", "a;b", "a|b", "a&b", "a>b", "a<b", "*", "?", "[a]", "~", "~root", "~/x", "#c", "a#b", "!x",
        "\\", "a\\", "\"", "${IFS}", "$HOME", "x\ny", "\t", "日本語", "{a,b}", "^x", "id_x;touch ~pwned;$(id)", "$'x'",
    ];

    [Theory]
    [InlineData("/home/alice/.ssh/id_ed25519")]
    [InlineData("alice")]
    [InlineData("web-1.example.com")]
    [InlineData("2001:db8::1")]
    [InlineData("rsa-sha2-512,ssh-ed25519@openssh.com")]
    [InlineData("user=alice,host=192.0.2.1")]
    [InlineData("-n")]
    [InlineData("%1")]
    public void A_plain_word_stays_as_it_is(string value) => Assert.Equal(value, ShellQuote.Word(value));

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_shell_reads_the_quoted_value_back_as_one_word(string value)
    {
        foreach (var shell in (string[])["/bin/sh", "/bin/bash", "/bin/dash", "/usr/bin/zsh"])
        {
            if (!File.Exists(shell))
            {
                continue;
            }

            Assert.Equal([value], Words(shell, "printf '%s\\0' " + ShellQuote.Word(value)));
        }

        Assert.NotEqual(ShellQuote.Word(value), value);
    }

    /// <summary>The NUL-separated words a shell command printed.</summary>
    internal static string[] Words(string shell, string command)
    {
        Shell.Require(File.Exists(shell), shell + " is not installed");
        var start = new ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return stdout.Split('\0')[..^1];
    }
}
