using System.Numerics;
using System.Security.Cryptography;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Kex;

/// <summary>diffie-hellman-group{1,14,16,18}-sha* (RFC 4253 §8, RFC 8268) over a fixed group.</summary>
internal sealed class DiffieHellmanGroupKeyExchange : KeyExchangeMethod
{
    private readonly BigInteger _prime;

    public DiffieHellmanGroupKeyExchange(BigInteger prime, HashAlgorithmName hash)
    {
        _prime = prime;
        Hash = hash;
    }

    public override HashAlgorithmName Hash { get; }

    public override async Task<KeyExchangeResult> ExchangeAsync(IKexConversation conversation, ExchangeHashInput input, CancellationToken cancellationToken)
    {
        var dh = new DiffieHellman(_prime, DiffieHellmanGroups.Generator);
        // KEXDH_INIT (30) and KEXDH_REPLY (31) share their numbers with the ECDH messages.
        await conversation.SendAsync(new SshWriter().WriteByte(SshMessageNumber.KexEcdhInit).WriteMpint(dh.PublicValue).ToArray(), cancellationToken);

        var payload = await conversation.ReceiveAsync("KEXDH_INIT/REPLY", cancellationToken);
        var reply = KexReply.Expect(payload, SshMessageNumber.KexEcdhReply, "KEXDH_REPLY");
        var hostKey = reply.ReadStringBytes(16384);
        var f = reply.ReadMpint(2048);
        var signature = reply.ReadStringBytes(16384);

        var k = new SshWriter(1100).WriteMpint(dh.SharedSecret(f)).ToArray();
        var h = input.StartHash().WriteString(hostKey).WriteMpint(dh.PublicValue).WriteMpint(f).WriteRaw(k);
        return new KeyExchangeResult(k, HashData(h.WrittenSpan), hostKey, signature);
    }
}
