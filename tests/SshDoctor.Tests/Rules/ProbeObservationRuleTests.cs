using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Tests.Explain;

namespace SshDoctor.Tests.Rules;

/// <summary>
/// The probe's observations go through the same rules as a log: the same knowledge gives the same diagnosis whichever
/// source showed it (the disagreements issue 16 listed stay fixed).
/// </summary>
public sealed class ProbeObservationRuleTests
{
    private static ProbeSubject Subject(string host, string user = "alice") => new(host, host, 22, user);

    private static List<SshDoctor.Diagnosis.Diagnosis> Judge(params Observation[] observed) =>
        DiagnosisEngine.Evaluate(ObservationSet.FromProbe(observed));

    private static KeysQueried Refused(string host, string user) => new(Subject(host, user), null)
    {
        Methods = ["publickey"],
        CandidateCount = 1,
        Answers = [new QueriedKey("/home/alice/.ssh/id_ed25519 ED25519 SHA256:x", KeyAnswer.Rejected, "", "/home/alice/.ssh/id_ed25519", "/home/alice/.ssh/id_ed25519")],
        KeyList = [Observation.Local("local keys (1): /home/alice/.ssh/id_ed25519")],
        NoKeysReason = "",
        OfferOrder = "ssh offers 1 keys (0 in the agent) in this order: /home/alice/.ssh/id_ed25519",
        MaxAuthTries = 6,
    };

    [Theory]
    [InlineData("ec2-203-0-113-5.compute-1.amazonaws.com", "root", DiagnosisIds.HintCloudUsername)]
    [InlineData("vm1.westeurope.cloudapp.azure.com", "alice", DiagnosisIds.HintCloudUsername)]
    public void Every_key_refused_on_a_cloud_vm_brings_its_hint(string host, string user, string hint)
    {
        var found = Judge(Refused(host, user));

        Assert.Contains(found, d => d.Id == DiagnosisIds.AuthPublicKeyNotAuthorized && d.Certainty == Certainty.Likely);
        var single = Assert.Single(found, d => DiagnosisIds.IsHint(d.Id));
        Assert.Equal(hint, single.Id);
        Assert.Equal(Certainty.Possible, single.Certainty);
        Assert.Equal(host, single.Values["host"]);
    }

    /// <summary>A cause the user names (<c>fix session.broken-pipe HOST</c>) is judged by a rule like any observation.</summary>
    [Fact]
    public void A_cause_the_user_names_is_a_possible_cause_only_when_no_check_can_show_it()
    {
        var named = Assert.Single(Judge(new CauseNamed(Subject("db.example.net"), DiagnosisIds.SessionBrokenPipe)));

        Assert.Equal(DiagnosisIds.SessionBrokenPipe, named.Id);
        Assert.Equal(Certainty.Possible, named.Certainty);
        Assert.Equal("named on the command line: ssh-doctor fix session.broken-pipe db.example.net", Assert.Single(named.Evidence).Text);
        Assert.Equal(EvidenceSource.Local, named.Evidence[0].Source);
        Assert.Equal(("db.example.net", "22", "alice"), (named.Values["host"], named.Values["port"], named.Values["user"]));
        Assert.Empty(Judge(new CauseNamed(Subject("db.example.net"), DiagnosisIds.TcpRefused)));
    }

    /// <summary>A git host has no sshd of the user's and no authorized_keys: the account's key settings come first.</summary>
    [Theory]
    [InlineData("github.com", "https://github.com/settings/keys")]
    [InlineData("ssh.gitlab.com", "https://gitlab.com/-/user_settings/ssh_keys")]
    [InlineData("codeberg.org", "https://codeberg.org/user/settings/keys")]
    [InlineData("bitbucket.org", "https://bitbucket.org/account/settings/ssh-keys/")]
    public void Every_key_refused_by_a_git_host_names_the_account_settings_first(string host, string settings)
    {
        var ordered = DiagnosisOrder.RootCauseFirst(DiagnosisEngine.Merge(Judge(Refused(host, "git"))));

        Assert.Equal(DiagnosisIds.HintGitHosting, ordered[0].Id);
        Assert.Equal(Certainty.Likely, ordered[0].Certainty);
        Assert.Equal(settings, ordered[0].Values["settings"]);
        var refused = Assert.Single(ordered, d => d.Id == DiagnosisIds.AuthPublicKeyNotAuthorized);
        Assert.Equal(Certainty.Possible, refused.Certainty);
        Assert.Empty(refused.Alternatives);
        Assert.DoesNotContain(ordered, d => d.Id is DiagnosisIds.AuthWrongUser or DiagnosisIds.AuthPublicKeyServerModes or DiagnosisIds.AuthNotAllowed);
    }

    [Theory]
    [InlineData("web1.example.org")]
    [InlineData("github.com.evil.example")]
    public void Other_hosts_bring_no_hint(string host) =>
        Assert.DoesNotContain(Judge(Refused(host, "git")), d => DiagnosisIds.IsHint(d.Id));

    [Fact]
    public void A_timeout_to_the_target_brings_the_cloud_firewall_hint()
    {
        var found = Judge(new ConnectFailed(Subject("db.internal"), null, "db.internal", [Observation.Seen("connect to address 10.0.0.5 port 22: Connection timed out")], TcpFailureKind.TimedOut, Address: "10.0.0.5"));

        Assert.Equal([DiagnosisIds.TcpTimeout, DiagnosisIds.HintCloudFirewall], found.Select(d => d.Id));
        Assert.Equal("10.0.0.5", found[1].Values["ip"]);
    }

    /// <summary>A jump host's or ssh -W's "connect failed" text reads as ssh's own "connect to host" line does.</summary>
    [Theory]
    [InlineData("Connection refused", DiagnosisIds.TcpRefused)]
    [InlineData("Connection timed out", DiagnosisIds.TcpTimeout)]
    [InlineData("No route to host", DiagnosisIds.TcpUnreachable)]
    [InlineData("Network is unreachable", DiagnosisIds.TcpUnreachable)]
    [InlineData("Permission denied", DiagnosisIds.TcpUnreachable)]
    [InlineData("Connection reset by peer", DiagnosisIds.TcpResetBeforeBanner)]
    public void A_connect_failure_in_words_is_the_same_diagnosis_from_the_probe_and_from_a_log(string reason, string id)
    {
        var probed = Judge(new ConnectFailed(Subject("target"), null, "target", [Observation.Seen("jump tried to connect to target port 22: " + reason)], null, reason));
        var logged = ExplainHelper.OfText($"ssh: connect to host target port 22: {reason}\n");

        Assert.Equal(id, ConnectFailureText.IdFor(reason));
        Assert.Equal(id, probed[0].Id);
        Assert.Equal(id, logged.RootCause());
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("root")]
    public void A_refused_key_has_the_same_alternatives_from_the_probe_and_from_a_log(string user)
    {
        var probed = Judge(Refused("web1.example.org", user)).Single(d => d.Id == DiagnosisIds.AuthPublicKeyNotAuthorized);
        var logged = ExplainHelper.OfText($"debug1: Authenticating to web1.example.org:22 as '{user}'\ndebug1: Next authentication method: publickey\ndebug1: Offering public key: /home/alice/.ssh/id_ed25519 ED25519 SHA256:x explicit\ndebug1: Authentications that can continue: publickey\n{user}@web1.example.org: Permission denied (publickey).\n")
            .Diagnoses.Single(d => d.Id == DiagnosisIds.AuthPublicKeyNotAuthorized);

        Assert.Equal(RefusedKeyCauses.For(user), probed.Alternatives);
        Assert.Equal(probed.Alternatives, logged.Alternatives);
    }

    [Theory]
    [InlineData("key exchange method", "Kex", DiagnosisIds.KexNoCommonKex)]
    [InlineData("host key type", "HostKey", DiagnosisIds.KexNoCommonHostKey)]
    [InlineData("cipher", "CipherClientToServer", DiagnosisIds.KexNoCommonCipher)]
    [InlineData("MAC", "MacServerToClient", DiagnosisIds.KexNoCommonMac)]
    public void No_matching_algorithm_is_one_table_for_the_log_and_the_probe(string words, string slot, string id)
    {
        Assert.Equal(id, AlgorithmSlots.IdFor(words));
        Assert.Equal(id, AlgorithmSlots.IdFor(Enum.Parse<SshDoctor.Ssh.AlgorithmSlot>(slot)));
    }
}
