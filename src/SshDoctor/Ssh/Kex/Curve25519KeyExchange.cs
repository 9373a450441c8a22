using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Kex;

/// <summary>curve25519-sha256 (RFC 8731), X25519 from BouncyCastle.</summary>
internal sealed class Curve25519KeyExchange : KeyExchangeMethod
{
    public override HashAlgorithmName Hash => HashAlgorithmName.SHA256;

    public override async Task<KeyExchangeResult> ExchangeAsync(IKexConversation conversation, ExchangeHashInput input, CancellationToken cancellationToken)
    {
        var privateKey = new X25519PrivateKeyParameters(new SecureRandom());
        var clientPublic = privateKey.GeneratePublicKey().GetEncoded();
        await conversation.SendAsync(new SshWriter().WriteByte(SshMessageNumber.KexEcdhInit).WriteString(clientPublic).ToArray(), cancellationToken);

        var payload = await conversation.ReceiveAsync("KEX_ECDH_INIT/REPLY", cancellationToken);
        var reply = KexReply.Expect(payload, SshMessageNumber.KexEcdhReply, "KEX_ECDH_REPLY");
        var hostKey = reply.ReadStringBytes(16384);
        var serverPublic = reply.ReadString(64);
        var signature = reply.ReadStringBytes(16384);
        if (serverPublic.Length != 32)
        {
            throw new SshProtocolException($"curve25519 public key of {serverPublic.Length} bytes");
        }

        var secret = new byte[32];
        var agreement = new X25519Agreement();
        agreement.Init(privateKey);
        try
        {
            agreement.CalculateAgreement(new X25519PublicKeyParameters(serverPublic), secret, 0);
        }
        catch (InvalidOperationException)
        {
            // BouncyCastle refuses an all-zero result, as OpenSSH's kexc25519_shared_key_ext() does.
            Array.Clear(secret);
        }

        if (!secret.AsSpan().ContainsAnyExcept((byte)0))
        {
            throw new SshProtocolException("the server's curve25519 public key is a low-order point (all zero, or of order 2, 4 or 8): the shared secret is zero")
            {
                OpenSshError = "invalid elliptic curve value",
            };
        }

        var k = new SshWriter(40).WriteMpintFromUnsigned(secret).ToArray();
        var h = input.StartHash().WriteString(hostKey).WriteString(clientPublic).WriteString(serverPublic).WriteRaw(k);
        return new KeyExchangeResult(k, HashData(h.WrittenSpan), hostKey, signature);
    }
}
