using SshDoctor.Audit.Server;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>check-server hands the sshd log it found to the logs machinery's <see cref="ISshdLogSummarizer"/>, and nothing when there is none.</summary>
public sealed class LogSummarizerSeamTests : IDisposable
{
    private const string Line = "Nov 24 01:00:00 host sshd[812]: Invalid user bob from 192.0.2.10 port 50000";

    private readonly PreparedServerTree _tree = new();

    [Fact]
    public void The_log_file_found_is_handed_to_the_summarizer_and_read_below_the_root()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n").Write("/var/log/secure", Line + "\n");
        var summarizer = new RecordingLogSummarizer();

        var result = _tree.Audit(logSummarizer: summarizer);

        Assert.Equal([SshdLogLocation.OfFile("/var/log/secure")], summarizer.Handed);
        Assert.Contains(result.Findings, f => f.Area == "logs" && f.Values.GetValueOrDefault("file") == Line);
    }

    [Fact]
    public void With_LogLevel_QUIET_there_is_nothing_to_summarize()
    {
        _tree.Write("/etc/ssh/sshd_config", "LogLevel QUIET\n").Write("/var/log/auth.log", Line + "\n");
        var summarizer = new RecordingLogSummarizer();

        _tree.Audit(logSummarizer: summarizer);

        Assert.Empty(summarizer.Handed);
    }

    public void Dispose() => _tree.Dispose();
}
