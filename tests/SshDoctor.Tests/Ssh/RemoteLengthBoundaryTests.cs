using System.Buffers.Binary;
using System.Text;
using SshDoctor.Audit.Local;
using SshDoctor.Probing.Auth;
using SshDoctor.Ssh.Agent;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Tests.Ssh;

/// <summary>
/// Every reader of a length a server, an agent or a file states answers the boundary values with its documented answer
/// (an SshWireException, a refusal, null, a protocol error) before any cast or allocation: int.MaxValue, uint.MaxValue,
/// 0x80000000 (negative as an int), and one byte more than remains.
/// </summary>
public sealed class RemoteLengthBoundaryTests
{
    private const uint NegativeAsInt = 0x8000_0000;

    public static TheoryData<uint> HugeLengths() => [int.MaxValue, uint.MaxValue, NegativeAsInt, 0x7FFF_FFFC, 17];

    [Theory]
    [MemberData(nameof(HugeLengths))]
    public void The_wire_reader_refuses_a_string_longer_than_what_remains(uint length)
    {
        var data = Concat(U32(length), new byte[16]);
        var message = Assert.Throws<SshWireException>(() => new SshReader(data).ReadString().Length).Message;
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HugeLengths))]
    public void The_wire_reader_refuses_a_string_over_the_callers_maximum_first(uint length)
    {
        var data = Concat(U32(length), new byte[64]);
        Assert.Contains("exceeds the maximum", Assert.Throws<SshWireException>(() => new SshReader(data).ReadString(16).Length).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wire_reader_refuses_a_negative_count()
    {
        Assert.Throws<SshWireException>(() => new SshReader(new byte[8]).ReadBytes(-1).Length);
        Assert.Throws<SshWireException>(() => new SshReader(new byte[8]).ReadBytes(int.MinValue).Length);
    }

    [Theory]
    [MemberData(nameof(HugeLengths))]
    public void The_audits_blob_reader_says_short(uint length)
    {
        var reader = new BlobReader(Concat(U32(length), new byte[16]));
        Assert.False(reader.TryBytes(out _));
    }

    [Theory]
    [MemberData(nameof(HugeLengths))]
    public void A_key_or_certificate_blob_with_a_huge_length_is_not_a_key(uint length)
    {
        // SshPublicKey reads only the type name; the key's own fields are read where it is used (the certificate, the
        // signature check), each through SshReader.
        Assert.Null(SshPublicKey.TryParse(Concat(U32(length), Encoding.ASCII.GetBytes("ssh-ed25519"), new byte[5])));
        Assert.Null(SshCertificate.TryParse(Concat(Str("ssh-ed25519-cert-v01@openssh.com"), U32(length), new byte[16])));
        Assert.Null(SshCertificate.TryParse(Concat(Str("ssh-ed25519-cert-v01@openssh.com"), Str("nonce"), U32(length), new byte[16])));
        Assert.Null(PublicKeyInfo.FromBlob(Concat(U32(length), Encoding.ASCII.GetBytes("ssh-rsa"), new byte[9])));
        Assert.Null(PublicKeyInfo.FromBlob(Concat(Str("ssh-rsa"), U32(length), new byte[16])));
        Assert.Null(PublicKeyInfo.FromBlob(Concat(Str("ssh-rsa"), Str("e"), U32(length), new byte[16])));
    }

    [Theory]
    [MemberData(nameof(HugeLengths))]
    public void An_agent_answer_with_a_huge_count_or_length_is_a_protocol_error(uint length)
    {
        const byte identitiesAnswer = 12;
        Assert.Equal(AgentListStatus.ProtocolError, AgentClient.Parse(Concat([identitiesAnswer], U32(length))).Status);
        Assert.Equal(AgentListStatus.ProtocolError, AgentClient.Parse(Concat([identitiesAnswer], U32(1), U32(length), new byte[8])).Status);
    }

    [Theory]
    [MemberData(nameof(HugeLengths))]
    public void An_openssh_key_file_with_a_huge_length_has_no_public_key(uint length)
    {
        var magic = Encoding.ASCII.GetBytes("openssh-key-v1\0");
        foreach (var body in new[]
        {
            Concat(magic, U32(length)),
            Concat(magic, Str("none"), Str("none"), Str(""), U32(length)),
            Concat(magic, Str("none"), Str("none"), Str(""), U32(1), U32(length), new byte[16]),
        })
        {
            var text = $"-----BEGIN OPENSSH PRIVATE KEY-----\n{Convert.ToBase64String(body)}\n-----END OPENSSH PRIVATE KEY-----\n";
            Assert.Null(OpenSshKeyFile.TryReadPublic(text));
        }
    }

    [Theory]
    [InlineData(uint.MaxValue)]
    [InlineData(NegativeAsInt)]
    [InlineData((uint)int.MaxValue)]
    [InlineData(35_001u)]
    public async Task A_packet_announcing_more_than_the_maximum_is_refused_before_it_is_read(uint length)
    {
        using var wire = new MemoryStream(Concat(U32(length), new byte[60]));
        using var channel = new PacketChannel(wire, new InputBuffer(wire, 40000), 35000);
        await Assert.ThrowsAsync<PacketTooLargeException>(() => channel.ReceiveAsync(TestContext.Current.CancellationToken));
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Str(string text) => Concat(U32((uint)text.Length), Encoding.ASCII.GetBytes(text));

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
