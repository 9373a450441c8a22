using System.Security.Cryptography;

namespace SshDoctor.Ssh.Crypto;

/// <summary>AES-CBC whose IV carries over from packet to packet (the last ciphertext block), as RFC 4253 §6.3 requires.</summary>
internal sealed class AesCbcMode : IBlockMode
{
    private readonly Aes _aes;
    private readonly bool _encrypting;
    private byte[] _iv;

    public AesCbcMode(byte[] key, byte[] iv, bool encrypting)
    {
        _aes = Aes.Create();
        _aes.Key = key;
        _iv = (byte[])iv.Clone();
        _encrypting = encrypting;
    }

    public int BlockSize => 16;

    public void Transform(Span<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (_encrypting)
        {
            var cipher = _aes.EncryptCbc(data, _iv, PaddingMode.None);
            cipher.CopyTo(data);
            _iv = cipher[^16..];
        }
        else
        {
            var nextIv = data[^16..].ToArray();
            var plain = _aes.DecryptCbc(data, _iv, PaddingMode.None);
            plain.CopyTo(data);
            _iv = nextIv;
        }
    }

    public void Dispose() => _aes.Dispose();
}
