using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Kex;

/// <summary>Helpers shared by the kex methods for reading the server's reply.</summary>
internal static class KexReply
{
    public static SshReader Expect(byte[] payload, byte messageNumber, string name)
    {
        var reader = new SshReader(payload);
        var actual = reader.ReadByte();
        if (actual != messageNumber)
        {
            throw new SshProtocolException($"expected {name} ({messageNumber}), received message {actual}");
        }

        return reader;
    }
}
