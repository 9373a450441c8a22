using System.Text;
using SshDoctor.Tests.Samples;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// <c>logs --json</c> byte for byte against files the hand-written writer made before the summary went through the
/// source-generated serializer: key order, nulls written out, stage/title only for known ids, escaping, the final newline.
/// </summary>
public sealed class LogsJsonGoldenTests
{
    [Theory]
    [InlineData("fail2ban-and-sshguard.log", "fail2ban-and-sshguard.unknown.json", "--unknown")]
    [InlineData("debian12-openssh-9.2p1-syslog.log", "debian12-openssh-9.2p1-syslog.ja.json", "--lang", "ja")]
    public void The_summary_is_written_as_before(string log, string expected, params string[] options)
    {
        var file = SampleFiles.PathOf("logs", log);
        var result = CliRun.Run(["logs", "--json", .. options, file]);

        var golden = File.ReadAllText(SampleFiles.PathOf("logs-json", expected), Encoding.UTF8).Replace("FILE", file, StringComparison.Ordinal);
        Assert.Equal(golden, Encoding.UTF8.GetString(result.StdoutBytes));
    }
}
