using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>check-server over a prepared /proc: server.sshd-not-running only when no sshd process runs and nothing listens on the Port.</summary>
public sealed class SshdNotRunningTests : IDisposable
{
    private readonly PreparedServerTree _tree = new();

    [Fact]
    public void No_sshd_process_and_nothing_on_the_port_is_sshd_not_running()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 2222\n").Process(400, "nginx").Listening(80);

        var result = _tree.Audit();

        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ServerSshdNotRunning);
        Assert.Equal(Certainty.Proven, diagnosis.Certainty);
        Assert.Contains("2222", diagnosis.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_sshd_process_is_not_sshd_not_running()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n").Process(812, "sshd").Listening(22);

        var result = _tree.Audit();

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.ServerSshdNotRunning);
        Assert.Contains(result.Findings, f => f.Code == "sshd.running");
    }

    [Fact]
    public void A_listener_on_the_port_without_an_sshd_process_is_not_sshd_not_running()
    {
        // Socket activation (ssh.socket) or an sshd renamed by its packager: something answers on the port.
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n").Listening(22);

        var result = _tree.Audit();

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.ServerSshdNotRunning);
    }

    public void Dispose() => _tree.Dispose();
}
