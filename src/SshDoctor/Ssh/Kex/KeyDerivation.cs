namespace SshDoctor.Ssh.Kex;

/// <summary>RFC 4253 §7.2: key = HASH(K || H || letter || session_id), extended with HASH(K || H || key-so-far).</summary>
internal static class KeyDerivation
{
    public static byte[] Derive(KeyExchangeMethod method, byte[] sharedSecretMpint, byte[] exchangeHash, char letter, byte[] sessionId, int length)
    {
        if (length == 0)
        {
            return [];
        }

        var first = new byte[sharedSecretMpint.Length + exchangeHash.Length + 1 + sessionId.Length];
        sharedSecretMpint.CopyTo(first, 0);
        exchangeHash.CopyTo(first, sharedSecretMpint.Length);
        first[sharedSecretMpint.Length + exchangeHash.Length] = (byte)letter;
        sessionId.CopyTo(first, sharedSecretMpint.Length + exchangeHash.Length + 1);
        var key = new List<byte>(method.HashData(first));
        while (key.Count < length)
        {
            var next = new byte[sharedSecretMpint.Length + exchangeHash.Length + key.Count];
            sharedSecretMpint.CopyTo(next, 0);
            exchangeHash.CopyTo(next, sharedSecretMpint.Length);
            key.CopyTo(next, sharedSecretMpint.Length + exchangeHash.Length);
            key.AddRange(method.HashData(next));
        }

        return key.GetRange(0, length).ToArray();
    }
}
