using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// <c>Unable to negotiate with H port P: no matching X found. Their offer: LIST</c>. "Their offer" is the peer's list:
/// the server's when ssh prints it, the client's when sshd logs it. The fix names an algorithm from that exact list.
/// </summary>
public sealed class KexRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [KexNoCommonKex, KexNoCommonHostKey, KexNoCommonCipher, KexNoCommonMac];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var e in evidence.ClientEvents.Concat(evidence.ServerEvents).Where(e => e.Kind is "client.unable-to-negotiate" or "sshd.unable-to-negotiate"))
        {
            var slot = e["what"];
            var id = IdFor(slot);
            if (id is null)
            {
                continue;
            }

            var offer = e["offer"] ?? string.Empty;
            var session = evidence.Sessions.FirstOrDefault(s => s.Index == e.Hop);
            var ours = session is null ? null : ClientList(session, slot!);
            var serverWrote = e.Side == LogSide.Server;
            var suggestion = serverWrote ? null : Pick(id, offer);
            var values = new List<(string, string?)>
            {
                ("algorithm", suggestion ?? offer),
                ("offer", offer),
                ("option", OptionFor(id)),
                ("client_offer", serverWrote ? offer : ours),
                ("server_offer", serverWrote ? null : offer),
                ("host", session?.Host ?? HostOf(e["remote"])),
                ("ip", e["ip"]),
            };
            yield return Diagnosis.Create(id, Certainty.Proven, [EvidenceOf.Line(e)], [.. values]) with
            {
                Hop = e.Side == LogSide.Client && e.Hop > 0 ? SignatureRule.HopName(evidence, e.Hop) : null,
            };
        }

        // -vv without the fatal line (log cut short): "kex: algorithm: (no match)".
        foreach (var session in evidence.Sessions)
        {
            var noMatch = session.Events.FirstOrDefault(e => e.Kind is "client.kex-algorithm" or "client.kex-hostkey-algorithm" && e["alg"] == "(no match)");
            if (noMatch is not null && !session.Has("client.unable-to-negotiate"))
            {
                var id = noMatch.Kind == "client.kex-algorithm" ? KexNoCommonKex : KexNoCommonHostKey;
                var field = id == KexNoCommonKex ? "KEX algorithms" : "host key algorithms";
                session.ServerProposal.TryGetValue(field, out var offer);
                yield return Diagnosis.Create(id, Certainty.Proven, [EvidenceOf.Line(noMatch)], ("algorithm", Pick(id, offer ?? string.Empty) ?? offer), ("offer", offer), ("option", OptionFor(id)), ("host", session.Host));
            }
        }
    }

    /// <summary>The slot as ssh names it ("key exchange method"), PuTTY ("client-to-server cipher"), paramiko ("ciphers") or AsyncSSH ("encryption").</summary>
    private static string? IdFor(string? slot) => slot switch
    {
        "key exchange method" or "key exchange algorithm" or "key-exchange algorithm" or "kex algorithm" or "key exchange" or "kex" => KexNoCommonKex,
        "host key type" or "host key algorithm" or "host key" or "server host key" or "hostkey" => KexNoCommonHostKey,
        "cipher" or "client-to-server cipher" or "server-to-client cipher" or "ciphers" or "encryption" or "enc c->s" or "enc s->c" => KexNoCommonCipher,
        "MAC" or "client-to-server MAC" or "server-to-client MAC" or "macs" or "mac c->s" or "mac s->c" => KexNoCommonMac,
        _ => null,
    };

    private static string OptionFor(string id) => id switch
    {
        KexNoCommonKex => "KexAlgorithms",
        KexNoCommonHostKey => "HostKeyAlgorithms",
        KexNoCommonCipher => "Ciphers",
        _ => "MACs",
    };

    private static string? ClientList(ClientSession session, string slot)
    {
        var field = slot switch
        {
            "key exchange method" => "KEX algorithms",
            "host key type" => "host key algorithms",
            "cipher" => "ciphers ctos",
            "MAC" => "MACs ctos",
            _ => null,
        };
        return field is not null && session.ClientProposal.TryGetValue(field, out var list) ? list : null;
    }

    /// <summary>The strongest algorithm of the server's offer that OpenSSH clients still implement, to enable for that host only.</summary>
    internal static string? Pick(string id, string offer)
    {
        var offered = offer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] preference = id switch
        {
            KexNoCommonKex => ["diffie-hellman-group14-sha256", "diffie-hellman-group-exchange-sha256", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1"],
            KexNoCommonHostKey => ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-dss"],
            KexNoCommonCipher => ["aes256-ctr", "aes128-ctr", "aes256-cbc", "aes192-cbc", "aes128-cbc", "3des-cbc"],
            _ => ["hmac-sha2-256", "hmac-sha2-512", "hmac-sha1", "hmac-sha1-96", "hmac-md5"],
        };
        return preference.FirstOrDefault(p => offered.Contains(p, StringComparer.Ordinal)) ?? offered.FirstOrDefault();
    }

    private static string? HostOf(string? remote)
    {
        if (remote is null)
        {
            return null;
        }

        var cut = remote.IndexOf(" port ", StringComparison.Ordinal);
        return cut > 0 ? remote[..cut] : remote;
    }
}
