using SshDoctor.Diagnosis;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Probing;

/// <summary>kex.no-common-*: from our own failed negotiation, or predicted for the user's ssh from the server's offer.</summary>
internal static class KexFindings
{
    public static string? IdFor(AlgorithmSlot slot) => slot switch
    {
        AlgorithmSlot.Kex => DiagnosisIds.KexNoCommonKex,
        AlgorithmSlot.HostKey => DiagnosisIds.KexNoCommonHostKey,
        AlgorithmSlot.CipherClientToServer or AlgorithmSlot.CipherServerToClient => DiagnosisIds.KexNoCommonCipher,
        AlgorithmSlot.MacClientToServer or AlgorithmSlot.MacServerToClient => DiagnosisIds.KexNoCommonMac,
        _ => null,
    };

    /// <summary>The user's ssh would fail on these slots, whatever our own probe managed.</summary>
    public static List<Diagnosis.Diagnosis> Predicted(ProbeTarget target, string? hop, KexInitMessage server)
    {
        var result = new List<Diagnosis.Diagnosis>();
        var rank = 0;
        foreach (var (slot, offer) in UserClientNegotiation.Mismatches(target.ClientAlgorithms, server))
        {
            if (IdFor(slot) is not { } id)
            {
                continue;
            }

            var client = target.ClientAlgorithms;
            var mine = slot switch
            {
                AlgorithmSlot.Kex => client.Kex,
                AlgorithmSlot.HostKey => client.HostKey,
                AlgorithmSlot.CipherClientToServer => client.Ciphers,
                _ => client.Macs,
            };
            var certainty = client.Exact ? Certainty.Proven : Certainty.Likely;
            result.Add(ProbeEvidence.Create(id, certainty, target, hop,
                [
                    ProbeEvidence.Seen($"server offers ({SlotName(slot)}): {RemoteText.Names(offer)}"),
                    new Evidence(EvidenceSource.Local, $"your ssh offers ({client.Source}): {string.Join(',', mine)}"),
                ],
                ("offer", RemoteText.Names(offer)),
                ("algorithm", UserClientNegotiation.Suggest(slot, offer))) with
            { Rank = rank++ });
        }

        return result;
    }

    /// <summary>
    /// Our own probe found nothing in common (it offers more than any default client, so the user's ssh fails too),
    /// unless ssh -G shows the user's ssh enables one the server offers (a legacy MAC such as hmac-sha1-96 that the probe
    /// does not speak, re-enabled by a fix): then the user's ssh agrees with the server and there is nothing to report.
    /// </summary>
    public static Diagnosis.Diagnosis? FromProbe(ProbeTarget target, string? hop, SshProbeSession session, ProbeFailure failure)
    {
        if (failure.Slot is not { } slot || IdFor(slot) is not { } id || session.ServerKexInit is not { } server)
        {
            return null;
        }

        if (target.ClientAlgorithms.Exact && !UserClientNegotiation.Mismatches(target.ClientAlgorithms, server).Any(m => IdFor(m.Slot) == id))
        {
            return null;
        }

        var offer = server.ListFor(slot).Where(a => !a.StartsWith("ext-info-", StringComparison.Ordinal) && !a.StartsWith("kex-strict-", StringComparison.Ordinal)).ToList();
        return ProbeEvidence.Create(id, Certainty.Proven, target, hop,
            [ProbeEvidence.Seen($"server offers ({SlotName(slot)}): {RemoteText.Names(offer)}; no algorithm in common even with every legacy algorithm the probe knows")],
            ("offer", RemoteText.Names(offer)),
            ("algorithm", UserClientNegotiation.Suggest(slot, offer)));
    }

    private static string SlotName(AlgorithmSlot slot) => slot switch
    {
        AlgorithmSlot.Kex => "key exchange",
        AlgorithmSlot.HostKey => "host key",
        AlgorithmSlot.CipherClientToServer or AlgorithmSlot.CipherServerToClient => "ciphers",
        AlgorithmSlot.MacClientToServer or AlgorithmSlot.MacServerToClient => "MACs",
        _ => slot.ToString(),
    };
}
