using System.Security.Cryptography;

namespace SshDoctor.Ssh.Crypto;

/// <summary>AES in counter mode (RFC 4344): the keystream is AES-ECB over a 128-bit big-endian counter that persists across packets.</summary>
internal sealed class AesCtrMode : IBlockMode
{
    private readonly Aes _aes;
    private readonly byte[] _counter;

    public AesCtrMode(byte[] key, byte[] iv)
    {
        _aes = Aes.Create();
        _aes.Key = key;
        _counter = (byte[])iv.Clone();
    }

    public int BlockSize => 16;

    public void Transform(Span<byte> data)
    {
        var counters = new byte[data.Length];
        for (var offset = 0; offset < data.Length; offset += 16)
        {
            _counter.CopyTo(counters, offset);
            Increment();
        }

        var keystream = _aes.EncryptEcb(counters, PaddingMode.None);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] ^= keystream[i];
        }
    }

    public void Dispose() => _aes.Dispose();

    private void Increment()
    {
        for (var i = _counter.Length - 1; i >= 0; i--)
        {
            if (++_counter[i] != 0)
            {
                break;
            }
        }
    }
}
