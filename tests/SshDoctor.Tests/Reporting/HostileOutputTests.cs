using System.Runtime.Versioning;
using System.Text;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Reporting;

/// <summary>
/// Attacker-chosen text (user names in sshd logs, unknown lines, file names, key names, config values) through every
/// command and output format of the real CLI: nothing that drives a terminal reaches stdout or stderr.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HostileOutputTests : IDisposable
{
    private const string Title = "\u001b]0;TITLE\u0007";
    private const string Clear = "\u001b[2J";
    private const string Red = "\u001b[31m";
    private readonly string _directory = Directory.CreateTempSubdirectory("sshdoctor-hostile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string HostileLog()
    {
        var path = Path.Combine(_directory, $"auth{Red}.log");
        var lines = new[]
        {
            $"Dec  4 10:00:00 web1 sshd[123]: Invalid user {Title}{Red}red from 203.0.113.9 port 50100",
            $"Dec  4 10:00:01 web1 sshd[124]: Failed password for invalid user {Clear}evil\u202egpj from 203.0.113.9 port 50101 ssh2",
            $"Dec  4 10:00:02 web1 sshd[125]: Failed password for root\u0085\u009b31m from 203.0.113.9 port 50102 ssh2",
            $"Dec  4 10:00:03 web1 sshd[126]: weird {Clear}\u001b[5mline password=hunter2 \u2066x\u2069",
            $"Dec  4 10:00:04 web1 sshd[127]: Connection closed by authenticating user a{Title} 203.0.113.9 port 50103 [preauth]",
        };
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    [Theory]
    [InlineData("explain")]
    [InlineData("explain --json")]
    [InlineData("explain --lang ja")]
    [InlineData("logs")]
    [InlineData("logs --unknown")]
    [InlineData("logs --json --unknown")]
    [InlineData("logs --events --unknown")]
    [InlineData("logs --csv --unknown")]
    public void Hostile_log_lines_and_file_names_reach_no_terminal(string command)
    {
        var result = CliRun.Run([.. command.Split(' '), HostileLog()]);
        Assert.True(result.Code is 0 or 1, $"exit {result.Code}: {result.Stderr}");
        TerminalSafety.AssertSafe(result, command);
    }

    [Fact]
    public void The_user_names_of_a_logs_summary_are_shown_escaped()
    {
        var result = CliRun.Run("logs", HostileLog());
        Assert.Contains("\\x1b]0;TITLE\\x07\\x1b[31mred", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\\x1b[2Jevil\\u202egpj", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_named_escaped_in_the_error()
    {
        var result = CliRun.Run("explain", Path.Combine(_directory, $"missing{Clear}\u202e.log"));
        Assert.Equal(2, result.Code);
        TerminalSafety.AssertSafe(result, "explain missing file");
        Assert.Contains("missing\\x1b[2J\\u202e.log", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Key_file_names_and_config_values_reach_no_terminal_in_check_local(bool json)
    {
        var ssh = Directory.CreateDirectory(Path.Combine(_directory, "home", ".ssh")).FullName;
        var key = Path.Combine(ssh, $"id_x{Title}{Clear}\u202e");
        File.WriteAllText(key, "-----BEGIN OPENSSH PRIVATE KEY-----\nnot really\n-----END OPENSSH PRIVATE KEY-----\n");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.WriteAllText(Path.Combine(ssh, "config"), $"Host web{Red}\n  Hostname evil{Clear}.example\n  Frobnicate{Title} yes\n  IdentityFile {key}\n");

        var result = CliRun.Run(json ? ["check-local", "--json", "--home", Path.Combine(_directory, "home")] : ["check-local", "--verbose", "--home", Path.Combine(_directory, "home")]);

        Assert.True(result.Code is 0 or 1, $"exit {result.Code}: {result.Stderr}");
        TerminalSafety.AssertSafe(result, "check-local");
    }
}
