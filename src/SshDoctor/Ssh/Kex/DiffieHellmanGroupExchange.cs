using System.Security.Cryptography;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Kex;

/// <summary>diffie-hellman-group-exchange-sha1/sha256 (RFC 4419): the server picks the group from our size range.</summary>
internal sealed class DiffieHellmanGroupExchange : KeyExchangeMethod
{
    // OpenSSH's client asks for 2048..8192 bits (DH_GRP_MIN/DH_GRP_MAX) with a preferred size from the cipher strength.
    private const uint MinBits = 2048;
    private const uint PreferredBits = 3072;
    private const uint MaxBits = 8192;

    public DiffieHellmanGroupExchange(HashAlgorithmName hash)
    {
        Hash = hash;
    }

    public override HashAlgorithmName Hash { get; }

    public override async Task<KeyExchangeResult> ExchangeAsync(IKexConversation conversation, ExchangeHashInput input, CancellationToken cancellationToken)
    {
        await conversation.SendAsync(
            new SshWriter().WriteByte(SshMessageNumber.KexDhGexRequest).WriteUInt32(MinBits).WriteUInt32(PreferredBits).WriteUInt32(MaxBits).ToArray(),
            cancellationToken);
        var groupPayload = await conversation.ReceiveAsync("KEX_DH_GEX_REQUEST/GROUP", cancellationToken);
        var group = KexReply.Expect(groupPayload, SshMessageNumber.KexDhGexGroup, "KEX_DH_GEX_GROUP");
        var prime = group.ReadMpint(1100);
        var generator = group.ReadMpint(1100);
        var bits = (uint)prime.GetBitLength();
        if (prime.Sign <= 0 || bits < MinBits || bits > MaxBits)
        {
            throw new SshProtocolException($"server offered a {bits}-bit group outside {MinBits}..{MaxBits}");
        }

        if (generator <= 1 || generator >= prime - 1)
        {
            throw new SshProtocolException("server offered an invalid generator");
        }

        var dh = new DiffieHellman(prime, generator);
        await conversation.SendAsync(new SshWriter().WriteByte(SshMessageNumber.KexDhGexInit).WriteMpint(dh.PublicValue).ToArray(), cancellationToken);
        var payload = await conversation.ReceiveAsync("KEX_DH_GEX_INIT/REPLY", cancellationToken);
        var reply = KexReply.Expect(payload, SshMessageNumber.KexDhGexReply, "KEX_DH_GEX_REPLY");
        var hostKey = reply.ReadStringBytes(16384);
        var f = reply.ReadMpint(1100);
        var signature = reply.ReadStringBytes(16384);

        var k = new SshWriter(1100).WriteMpint(dh.SharedSecret(f)).ToArray();
        var h = input.StartHash().WriteString(hostKey)
            .WriteUInt32(MinBits).WriteUInt32(PreferredBits).WriteUInt32(MaxBits)
            .WriteMpint(prime).WriteMpint(generator)
            .WriteMpint(dh.PublicValue).WriteMpint(f).WriteRaw(k);
        return new KeyExchangeResult(k, HashData(h.WrittenSpan), hostKey, signature);
    }
}
