namespace SshDoctor.Ssh.Transport;

/// <summary>RFC 4253 §7.1 negotiation: per slot, the first client algorithm that the server also lists.</summary>
internal static class AlgorithmNegotiation
{
    /// <summary>Negotiates all slots, or names the first slot with nothing in common.</summary>
    public static (NegotiatedAlgorithms? Result, AlgorithmSlot? FailedSlot) Negotiate(KexInitMessage client, KexInitMessage server)
    {
        var kex = Choose(client.KexAlgorithms, server.KexAlgorithms, IsPseudo);
        if (kex is null)
        {
            return (null, AlgorithmSlot.Kex);
        }

        var hostKey = Choose(client.HostKeyAlgorithms, server.HostKeyAlgorithms);
        if (hostKey is null)
        {
            return (null, AlgorithmSlot.HostKey);
        }

        var cipherC2S = Choose(client.CiphersClientToServer, server.CiphersClientToServer);
        if (cipherC2S is null)
        {
            return (null, AlgorithmSlot.CipherClientToServer);
        }

        var cipherS2C = Choose(client.CiphersServerToClient, server.CiphersServerToClient);
        if (cipherS2C is null)
        {
            return (null, AlgorithmSlot.CipherServerToClient);
        }

        // Like OpenSSH (kex.c:choose_enc/choose_mac), an AEAD cipher needs no MAC, so that slot cannot fail.
        string? macC2S = null;
        if (!CipherCatalog.IsAead(cipherC2S))
        {
            macC2S = Choose(client.MacsClientToServer, server.MacsClientToServer);
            if (macC2S is null)
            {
                return (null, AlgorithmSlot.MacClientToServer);
            }
        }

        string? macS2C = null;
        if (!CipherCatalog.IsAead(cipherS2C))
        {
            macS2C = Choose(client.MacsServerToClient, server.MacsServerToClient);
            if (macS2C is null)
            {
                return (null, AlgorithmSlot.MacServerToClient);
            }
        }

        var compC2S = Choose(client.CompressionClientToServer, server.CompressionClientToServer);
        if (compC2S is null)
        {
            return (null, AlgorithmSlot.CompressionClientToServer);
        }

        var compS2C = Choose(client.CompressionServerToClient, server.CompressionServerToClient);
        if (compS2C is null)
        {
            return (null, AlgorithmSlot.CompressionServerToClient);
        }

        var strict = client.KexAlgorithms.Contains(SupportedAlgorithms.StrictKexClient)
            && server.KexAlgorithms.Contains(SupportedAlgorithms.StrictKexServer);
        return (new NegotiatedAlgorithms(kex, hostKey, cipherC2S, cipherS2C, macC2S, macS2C, compC2S, compS2C, strict), null);
    }

    /// <summary>True when the server's guessed first kex packet (first_kex_packet_follows) used the wrong algorithms.</summary>
    public static bool ServerGuessWasWrong(KexInitMessage client, KexInitMessage server) =>
        server.FirstKexPacketFollows
        && (server.KexAlgorithms.Count == 0 || client.KexAlgorithms.Count == 0
            || server.KexAlgorithms[0] != client.KexAlgorithms[0]
            || server.HostKeyAlgorithms.Count == 0 || client.HostKeyAlgorithms.Count == 0
            || server.HostKeyAlgorithms[0] != client.HostKeyAlgorithms[0]);

    private static bool IsPseudo(string name) =>
        name is SupportedAlgorithms.ExtInfoClient or SupportedAlgorithms.StrictKexClient or "ext-info-s"
            or SupportedAlgorithms.StrictKexServer;

    private static string? Choose(IReadOnlyList<string> client, IReadOnlyList<string> server, Func<string, bool>? skip = null)
    {
        foreach (var name in client)
        {
            if (skip is not null && skip(name))
            {
                continue;
            }

            if (server.Contains(name))
            {
                return name;
            }
        }

        return null;
    }
}
