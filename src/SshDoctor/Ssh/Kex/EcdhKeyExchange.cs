using System.Security.Cryptography;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Kex;

/// <summary>ecdh-sha2-nistp256/384/521 (RFC 5656 §4), uncompressed points, .NET ECDiffieHellman.</summary>
internal sealed class EcdhKeyExchange : KeyExchangeMethod
{
    private readonly ECCurve _curve;
    private readonly int _coordinateSize;

    public EcdhKeyExchange(ECCurve curve, int coordinateSize, HashAlgorithmName hash)
    {
        _curve = curve;
        _coordinateSize = coordinateSize;
        Hash = hash;
    }

    public override HashAlgorithmName Hash { get; }

    public override async Task<KeyExchangeResult> ExchangeAsync(IKexConversation conversation, ExchangeHashInput input, CancellationToken cancellationToken)
    {
        using var ecdh = ECDiffieHellman.Create(_curve);
        var q = ecdh.ExportParameters(false).Q;
        var clientPublic = new byte[1 + (2 * _coordinateSize)];
        clientPublic[0] = 4;
        q.X!.CopyTo(clientPublic, 1);
        q.Y!.CopyTo(clientPublic, 1 + _coordinateSize);
        await conversation.SendAsync(new SshWriter().WriteByte(SshMessageNumber.KexEcdhInit).WriteString(clientPublic).ToArray(), cancellationToken);

        var payload = await conversation.ReceiveAsync("KEX_ECDH_INIT/REPLY", cancellationToken);
        var reply = KexReply.Expect(payload, SshMessageNumber.KexEcdhReply, "KEX_ECDH_REPLY");
        var hostKey = reply.ReadStringBytes(16384);
        var serverPublic = reply.ReadStringBytes(256);
        var signature = reply.ReadStringBytes(16384);
        if (serverPublic.Length != clientPublic.Length || serverPublic[0] != 4)
        {
            throw new SshProtocolException("server ECDH public key is not an uncompressed point of the right size");
        }

        byte[] secret;
        try
        {
            using var peer = ECDiffieHellman.Create(new ECParameters
            {
                Curve = _curve,
                Q = new ECPoint { X = serverPublic[1..(1 + _coordinateSize)], Y = serverPublic[(1 + _coordinateSize)..] },
            });
            secret = ecdh.DeriveRawSecretAgreement(peer.PublicKey);
        }
        catch (CryptographicException e)
        {
            throw new SshProtocolException("server ECDH public key is not on the curve", e);
        }

        var k = new SshWriter(80).WriteMpintFromUnsigned(secret).ToArray();
        var h = input.StartHash().WriteString(hostKey).WriteString(clientPublic).WriteString(serverPublic).WriteRaw(k);
        return new KeyExchangeResult(k, HashData(h.WrittenSpan), hostKey, signature);
    }
}
