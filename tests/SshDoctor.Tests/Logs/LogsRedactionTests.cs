using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// `logs` prints raw lines (`--unknown`, `--events`, `--csv`): a secret in one is redacted as explain redacts evidence.
/// A password is never useful to a program reading the events either.
/// </summary>
public sealed class LogsRedactionTests
{
    private const string Secret = "hunter2-s3cret";

    [Theory]
    [InlineData("--unknown")]
    [InlineData("--events")]
    [InlineData("--csv")]
    [InlineData("--json")]
    public void Printed_lines_hold_no_pasted_password(string format)
    {
        using var dir = new LogsTestSupport.TempDir();
        var path = dir.File("auth.log");
        File.WriteAllText(path, string.Join('\n',
            $"Jan  1 10:00:00 h sshd[1]: pasted by mistake: password={Secret}",
            $"Jan  1 10:00:01 h sshd[2]: ProxyCommand curl https://bob:{Secret}@proxy.example/x",
            $"Jan  1 10:00:02 h sshd[3]: Failed password for root from 192.0.2.1 port 22 ssh2",
            string.Empty));

        string[] args = format == "--json" ? ["logs", "--json", "--unknown", path] : format == "--unknown" ? ["logs", "--unknown", path] : ["logs", format, "--unknown", path];
        var result = CliRun.Run(args);

        Assert.Equal(1, result.Code);
        Assert.DoesNotContain(Secret, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[redacted]", result.Stdout, StringComparison.Ordinal);
    }
}
