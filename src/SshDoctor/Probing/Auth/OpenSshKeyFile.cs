using System.Text;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Probing.Auth;

/// <summary>
/// The public half of an <c>openssh-key-v1</c> private key file (PROTOCOL.key): stored unencrypted even when the
/// private part is, so a key can be queried without its passphrase.
/// </summary>
public static class OpenSshKeyFile
{
    private const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string End = "-----END OPENSSH PRIVATE KEY-----";
    private const int MaxFileBytes = 64 * 1024;

    /// <summary>The public key blob and whether the private part is encrypted; null when the text is not such a file.</summary>
    public static (byte[] PublicBlob, bool Encrypted)? TryReadPublic(string text)
    {
        var body = Body(text);
        if (body is null)
        {
            return null;
        }

        try
        {
            var reader = new SshReader(body);
            if (!reader.ReadBytes(15).SequenceEqual("openssh-key-v1\0"u8))
            {
                return null;
            }

            var cipher = Encoding.ASCII.GetString(reader.ReadString(64));
            reader.ReadString(64);
            reader.ReadString(1024);
            var count = reader.ReadUInt32();
            if (count < 1)
            {
                return null;
            }

            return (reader.ReadStringBytes(16384), cipher != "none");
        }
        catch (SshWireException)
        {
            return null;
        }
    }

    /// <summary>The decoded binary body, or null when the armour is missing or the base64 is invalid.</summary>
    internal static byte[]? Body(string text)
    {
        if (text.Length > MaxFileBytes)
        {
            return null;
        }

        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return null;
        }

        var base64 = new string(text.AsSpan(start + Begin.Length, end - start - Begin.Length).ToArray().Where(c => !char.IsWhiteSpace(c)).ToArray());
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }
}
