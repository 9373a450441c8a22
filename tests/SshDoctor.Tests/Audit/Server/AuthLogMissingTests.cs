using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>check-server over a prepared tree: server.auth-log-missing when sshd logs nothing (LogLevel QUIET) or no log can be read.</summary>
public sealed class AuthLogMissingTests : IDisposable
{
    private readonly PreparedServerTree _tree = new();

    [Fact]
    public void LogLevel_QUIET_is_auth_log_missing_even_with_a_log_file()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\nLogLevel QUIET\n").Write("/var/log/auth.log", "old lines\n");

        var result = _tree.Audit();

        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ServerAuthLogMissing);
        Assert.Equal(Certainty.Proven, diagnosis.Certainty);
        Assert.Equal("/etc/ssh/sshd_config:2", diagnosis.Evidence[0].Where);
    }

    [Fact]
    public void No_auth_log_no_secure_log_and_no_journal_is_auth_log_missing()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n");

        var result = _tree.Audit();

        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ServerAuthLogMissing);
        Assert.Equal(Certainty.Likely, diagnosis.Certainty);
    }

    [Theory]
    [InlineData("/var/log/auth.log")]
    [InlineData("/var/log/secure")]
    public void A_readable_auth_log_is_not_auth_log_missing(string log)
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\nLogLevel VERBOSE\n").Write(log, "Nov 24 01:00:00 host sshd[812]: Server listening on 0.0.0.0 port 22.\n");

        var result = _tree.Audit();

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.ServerAuthLogMissing);
        Assert.Contains(result.Findings, f => f.Code == "log.file" && f.Where == log);
    }

    public void Dispose() => _tree.Dispose();
}
