using SshDoctor.Ssh;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Probing.UserSsh;

/// <summary>
/// Predicts the user's own ssh against the server's KEXINIT. OpenSSH (kex.c:kex_choose_conf) chooses cipher, MAC and
/// compression first, then the kex method, then the host key type, and reports the first slot without a match.
/// </summary>
public static class UserClientNegotiation
{
    /// <summary>Every slot the user's ssh could not agree on, in the order ssh would report them.</summary>
    public static IReadOnlyList<(AlgorithmSlot Slot, IReadOnlyList<string> ServerOffer)> Mismatches(UserClientAlgorithms client, KexInitMessage server)
    {
        var result = new List<(AlgorithmSlot, IReadOnlyList<string>)>();
        var cipher = FirstCommon(client.Ciphers, server.CiphersClientToServer);
        if (cipher is null)
        {
            result.Add((AlgorithmSlot.CipherClientToServer, server.CiphersClientToServer));
        }

        // AEAD ciphers carry their own integrity: no MAC is negotiated.
        if (cipher is null || !IsAead(cipher))
        {
            if (FirstCommon(client.Macs, server.MacsClientToServer) is null)
            {
                result.Add((AlgorithmSlot.MacClientToServer, server.MacsClientToServer));
            }
        }

        var serverKex = server.KexAlgorithms.Where(k => !IsPseudo(k)).ToList();
        if (FirstCommon(client.Kex, serverKex) is null)
        {
            result.Add((AlgorithmSlot.Kex, serverKex));
        }

        if (FirstCommon(client.HostKey, server.HostKeyAlgorithms) is null)
        {
            result.Add((AlgorithmSlot.HostKey, server.HostKeyAlgorithms));
        }

        return result;
    }

    private static bool IsAead(string cipher) => cipher is "chacha20-poly1305@openssh.com" || cipher.EndsWith("-gcm@openssh.com", StringComparison.Ordinal);

    private static bool IsPseudo(string name) =>
        name.StartsWith("ext-info-", StringComparison.Ordinal) || name.StartsWith("kex-strict-", StringComparison.Ordinal);

    private static string? FirstCommon(IReadOnlyList<string> client, IReadOnlyList<string> server) => client.FirstOrDefault(server.Contains);
}
