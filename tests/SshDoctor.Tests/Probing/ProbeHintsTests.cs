using SshDoctor.Diagnosis;
using SshDoctor.Probing;

namespace SshDoctor.Tests.Probing;

/// <summary>The platform hints the probe adds to what it proved, as explain adds them to a log.</summary>
public sealed class ProbeHintsTests
{
    [Theory]
    [InlineData("github.com", "git", DiagnosisIds.AuthPublicKeyNotAuthorized, DiagnosisIds.HintGitHosting)]
    [InlineData("ssh.gitlab.com", "git", DiagnosisIds.AuthPublicKeyNotAuthorized, DiagnosisIds.HintGitHosting)]
    [InlineData("ec2-203-0-113-5.compute-1.amazonaws.com", "root", DiagnosisIds.AuthPublicKeyNotAuthorized, DiagnosisIds.HintCloudUsername)]
    [InlineData("vm1.westeurope.cloudapp.azure.com", "alice", DiagnosisIds.AuthWrongUser, DiagnosisIds.HintCloudUsername)]
    [InlineData("db.internal", "root", DiagnosisIds.TcpTimeout, DiagnosisIds.HintCloudFirewall)]
    public void A_proven_failure_on_a_known_platform_brings_its_hint(string host, string user, string found, string hint)
    {
        var target = Target(host, user);
        var proven = Diagnosis.Diagnosis.Create(found, Certainty.Proven, [new Evidence(EvidenceSource.Probe, "seen")], ("host", host), ("port", "22"));

        var hints = ProbeHints.For(target, [proven]).ToList();

        var single = Assert.Single(hints);
        Assert.Equal(hint, single.Id);
        Assert.Equal(Certainty.Possible, single.Certainty);
        Assert.Equal(host, single.Values["host"]);
    }

    [Theory]
    [InlineData("web1.example.org", DiagnosisIds.AuthPublicKeyNotAuthorized)]
    [InlineData("github.com", DiagnosisIds.TcpRefused)]
    [InlineData("github.com.evil.example", DiagnosisIds.AuthPublicKeyNotAuthorized)]
    public void Other_hosts_and_other_failures_bring_no_hint(string host, string found)
    {
        var proven = Diagnosis.Diagnosis.Create(found, Certainty.Proven, [new Evidence(EvidenceSource.Probe, "seen")], ("host", host));

        Assert.Empty(ProbeHints.For(Target(host, "git"), [proven]));
    }

    private static ProbeTarget Target(string host, string user) => new()
    {
        Alias = host,
        HostName = host,
        Port = 22,
        User = user,
        KnownHostsName = host,
        ClientAlgorithms = ClientAlgorithmDefaults.For(ClientVersion.Latest),
        ConfigSource = "test",
    };
}
