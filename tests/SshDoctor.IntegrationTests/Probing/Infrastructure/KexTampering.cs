using System.Buffers.Binary;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>Rewrites of a real server's unencrypted key exchange messages, for <see cref="RewritingProxy"/>.</summary>
internal static class KexTampering
{
    private const byte KexInit = 20;
    private const byte KexEcdhReply = 31;

    /// <summary>A curve25519 point of order 8: the shared secret with any clamped private key is zero.</summary>
    public static readonly byte[] LowOrderPoint = Convert.FromHexString("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");

    /// <summary>Replaces Q_S in KEX_ECDH_REPLY.</summary>
    public static Func<byte[], byte[]> ServerPoint(byte[] point) => payload => payload[0] != KexEcdhReply ? payload : Reply(payload, (key, _, signature) => (key, point, signature));

    /// <summary>
    /// Makes the host key blob lie about its inner lengths (the key type name claims more bytes than the blob holds)
    /// while its outer length stays right.
    /// </summary>
    public static byte[] LyingHostKey(byte[] payload) => payload[0] != KexEcdhReply ? payload : Reply(payload, (key, point, signature) =>
    {
        var lying = key.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(lying, 0x00FF_FFF0);
        return (lying, point, signature);
    });

    /// <summary>Changes the last byte of the signature over the exchange hash.</summary>
    public static byte[] WrongSignature(byte[] payload) => payload[0] != KexEcdhReply ? payload : Reply(payload, (key, point, signature) =>
    {
        var wrong = signature.ToArray();
        wrong[^1] ^= 0x01;
        return (key, point, wrong);
    });

    /// <summary>Replaces the server's KEXINIT by one whose key exchange list has <paramref name="count"/> names no client knows.</summary>
    public static Func<byte[], byte[]> HugeKexInit(int count) => payload => payload[0] != KexInit ? payload : ScriptedSshServer.KexInit(JunkNames(count));

    /// <summary>Distinct 3-character names (4 bytes each with the comma, so 50,000 fit in OpenSSH's 256 KB packet).</summary>
    public static List<string> JunkNames(int count)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var names = new List<string>(count);
        for (var i = 0; names.Count < count; i++)
        {
            names.Add(string.Concat(alphabet[i / (62 * 62) % 62], alphabet[i / 62 % 62], alphabet[i % 62]));
        }

        return names;
    }

    private static byte[] Reply(byte[] payload, Func<byte[], byte[], byte[], (byte[] Key, byte[] Point, byte[] Signature)> change)
    {
        var reader = new SshReader(payload.AsSpan(1));
        var (key, point, signature) = change(reader.ReadStringBytes(), reader.ReadStringBytes(), reader.ReadStringBytes());
        return new SshWriter().WriteByte(KexEcdhReply).WriteString(key).WriteString(point).WriteString(signature).ToArray();
    }
}
