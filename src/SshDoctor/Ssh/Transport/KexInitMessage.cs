using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Transport;

/// <summary>The algorithm lists of an SSH_MSG_KEXINIT (RFC 4253 §7.1), exactly as the peer sent them.</summary>
public sealed record KexInitMessage
{
    public required IReadOnlyList<string> KexAlgorithms { get; init; }

    public required IReadOnlyList<string> HostKeyAlgorithms { get; init; }

    public required IReadOnlyList<string> CiphersClientToServer { get; init; }

    public required IReadOnlyList<string> CiphersServerToClient { get; init; }

    public required IReadOnlyList<string> MacsClientToServer { get; init; }

    public required IReadOnlyList<string> MacsServerToClient { get; init; }

    public required IReadOnlyList<string> CompressionClientToServer { get; init; }

    public required IReadOnlyList<string> CompressionServerToClient { get; init; }

    public IReadOnlyList<string> LanguagesClientToServer { get; init; } = [];

    public IReadOnlyList<string> LanguagesServerToClient { get; init; } = [];

    public bool FirstKexPacketFollows { get; init; }

    /// <summary>The list for one negotiated slot.</summary>
    public IReadOnlyList<string> ListFor(AlgorithmSlot slot) => slot switch
    {
        AlgorithmSlot.Kex => KexAlgorithms,
        AlgorithmSlot.HostKey => HostKeyAlgorithms,
        AlgorithmSlot.CipherClientToServer => CiphersClientToServer,
        AlgorithmSlot.CipherServerToClient => CiphersServerToClient,
        AlgorithmSlot.MacClientToServer => MacsClientToServer,
        AlgorithmSlot.MacServerToClient => MacsServerToClient,
        AlgorithmSlot.CompressionClientToServer => CompressionClientToServer,
        AlgorithmSlot.CompressionServerToClient => CompressionServerToClient,
        _ => throw new ArgumentOutOfRangeException(nameof(slot)),
    };

    internal static KexInitMessage Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        if (reader.ReadByte() != SshMessageNumber.KexInit)
        {
            throw new SshWireException("not a KEXINIT");
        }

        reader.ReadBytes(16); // cookie
        var message = new KexInitMessage
        {
            KexAlgorithms = reader.ReadNameList(),
            HostKeyAlgorithms = reader.ReadNameList(),
            CiphersClientToServer = reader.ReadNameList(),
            CiphersServerToClient = reader.ReadNameList(),
            MacsClientToServer = reader.ReadNameList(),
            MacsServerToClient = reader.ReadNameList(),
            CompressionClientToServer = reader.ReadNameList(),
            CompressionServerToClient = reader.ReadNameList(),
            LanguagesClientToServer = reader.ReadNameList(),
            LanguagesServerToClient = reader.ReadNameList(),
            FirstKexPacketFollows = reader.ReadBoolean(),
        };
        reader.ReadUInt32(); // reserved
        return message;
    }

    internal byte[] Encode(ReadOnlySpan<byte> cookie)
    {
        var writer = new SshWriter(1024).WriteByte(SshMessageNumber.KexInit).WriteRaw(cookie);
        writer.WriteNameList(KexAlgorithms).WriteNameList(HostKeyAlgorithms)
            .WriteNameList(CiphersClientToServer).WriteNameList(CiphersServerToClient)
            .WriteNameList(MacsClientToServer).WriteNameList(MacsServerToClient)
            .WriteNameList(CompressionClientToServer).WriteNameList(CompressionServerToClient)
            .WriteNameList(LanguagesClientToServer).WriteNameList(LanguagesServerToClient)
            .WriteBoolean(FirstKexPacketFollows).WriteUInt32(0);
        return writer.ToArray();
    }
}
