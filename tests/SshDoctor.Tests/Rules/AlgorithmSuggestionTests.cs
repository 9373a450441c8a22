using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Signatures;
using SshDoctor.Ssh;
using SshDoctor.Tests.Explain;

namespace SshDoctor.Tests.Rules;

/// <summary>
/// One algorithm table (<see cref="AlgorithmSlots"/>) for every source: the algorithm a kex.no-common-* fix enables is
/// the same whether a client log or the probe showed the server's offer, and the slot names map alike in explain and logs.
/// </summary>
public sealed class AlgorithmSuggestionTests
{
    private static readonly ProbeSubject Subject = new("old.example", "old.example", 22, "alice");

    [Fact]
    public void A_log_and_the_probe_suggest_the_same_cipher()
    {
        // Before one table: the log's pick said aes256-cbc, the probe's aes128-cbc.
        var log = ExplainHelper.OfText("Unable to negotiate with 192.0.2.7 port 22: no matching cipher found. Their offer: aes128-cbc,aes256-cbc,3des-cbc\n");
        var probed = DiagnosisEngine.Evaluate(ObservationSet.FromProbe(
            [new AlgorithmsUnmatched(Subject, null, AlgorithmSlot.CipherClientToServer, ["aes128-cbc", "aes256-cbc", "3des-cbc"], null, "ssh -G", true)]));

        var fromLog = Assert.Single(log.Diagnoses, d => d.Id == DiagnosisIds.KexNoCommonCipher);
        var fromProbe = Assert.Single(probed, d => d.Id == DiagnosisIds.KexNoCommonCipher);
        Assert.Equal("aes256-cbc", fromLog.Values["algorithm"]);
        Assert.Equal(fromLog.Values["algorithm"], fromProbe.Values["algorithm"]);
    }

    [Fact]
    public void Nothing_is_reported_when_the_users_own_ssh_agrees_with_the_server()
    {
        // hmac-sha1-96: the probe cannot speak it, the user's ssh enables it (ssh -G shows it after a fix).
        var agrees = new AlgorithmsUnmatched(Subject, null, AlgorithmSlot.MacClientToServer, ["hmac-sha1-96"], null, "ssh -G", true, UserSshAgrees: true);
        var fails = agrees with { UserSshAgrees = false };

        Assert.DoesNotContain(DiagnosisEngine.Evaluate(ObservationSet.FromProbe([agrees])), d => d.Id == DiagnosisIds.KexNoCommonMac);
        var mac = Assert.Single(DiagnosisEngine.Evaluate(ObservationSet.FromProbe([fails])), d => d.Id == DiagnosisIds.KexNoCommonMac);
        Assert.Equal("hmac-sha1-96", mac.Values["algorithm"]);
    }

    [Theory]
    [InlineData("key exchange method", DiagnosisIds.KexNoCommonKex)]
    [InlineData("kex method", DiagnosisIds.KexNoCommonKex)]
    [InlineData("host key type", DiagnosisIds.KexNoCommonHostKey)]
    [InlineData("cipher", DiagnosisIds.KexNoCommonCipher)]
    [InlineData("MAC", DiagnosisIds.KexNoCommonMac)]
    [InlineData("mac", DiagnosisIds.KexNoCommonMac)]
    [InlineData("compression method", null)]
    public void Logs_and_explain_name_the_slot_from_one_table(string slot, string? id)
    {
        Assert.Equal(id, AlgorithmSlots.IdFor(slot));
        var unableToNegotiate = SignatureTable.Server.First(s => s.Name == EventNames.SshdUnableToNegotiate.Name);
        Assert.Equal(id, FailureId.For(unableToNegotiate)!.Decide(slot, default));
    }
}
