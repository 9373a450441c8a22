using System.Numerics;
using CsCheck;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Tests.Ssh;

public sealed class SshReaderTests
{
    [Fact]
    public void Reads_every_type_in_order()
    {
        var bytes = new SshWriter().WriteByte(7).WriteBoolean(true).WriteUInt32(0xDEADBEEF).WriteUInt64(ulong.MaxValue)
            .WriteString("hello").WriteMpint(new BigInteger(-1234)).WriteNameList(["a", "b-c@x"]).ToArray();
        var reader = new SshReader(bytes);

        Assert.Equal(7, reader.ReadByte());
        Assert.True(reader.ReadBoolean());
        Assert.Equal(0xDEADBEEFu, reader.ReadUInt32());
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
        Assert.Equal("hello", reader.ReadUtf8());
        Assert.Equal(new BigInteger(-1234), reader.ReadMpint());
        Assert.Equal(["a", "b-c@x"], reader.ReadNameList());
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { })]
    public void Truncated_uint32_is_rejected(byte[] bytes) =>
        Assert.Throws<SshWireException>(() => new SshReader(bytes).ReadUInt32());

    [Fact]
    public void A_4_GB_string_length_is_rejected_without_allocating() =>
        Assert.Throws<SshWireException>(() => new SshReader(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3 }).ReadString());

    [Fact]
    public void String_longer_than_the_remaining_bytes_is_rejected() =>
        Assert.Throws<SshWireException>(() => new SshReader(new byte[] { 0, 0, 0, 5, 1, 2, 3, 4 }).ReadString());

    [Fact]
    public void String_longer_than_the_callers_maximum_is_rejected() =>
        Assert.Throws<SshWireException>(() => new SshReader(new SshWriter().WriteString("abcdef").ToArray()).ReadString(maxLength: 5));

    [Fact]
    public void Empty_string_is_fine()
    {
        var reader = new SshReader(new byte[] { 0, 0, 0, 0 });
        Assert.True(reader.ReadString().IsEmpty);
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 2, 0x00, 0x7F })]
    [InlineData(new byte[] { 0, 0, 0, 2, 0xFF, 0x80 })]
    public void Mpint_with_an_unnecessary_leading_byte_is_rejected(byte[] bytes) =>
        Assert.Throws<SshWireException>(() => new SshReader(bytes).ReadMpint());

    [Theory]
    [InlineData("0", new byte[] { 0, 0, 0, 0 })]
    [InlineData("128", new byte[] { 0, 0, 0, 2, 0x00, 0x80 })]
    [InlineData("-1", new byte[] { 0, 0, 0, 1, 0xFF })]
    [InlineData("9a378f9b2e332a7", new byte[] { 0, 0, 0, 8, 0x09, 0xa3, 0x78, 0xf9, 0xb2, 0xe3, 0x32, 0xa7 })]
    public void Mpint_encoding_matches_rfc_4251(string hexOrDecimal, byte[] expected)
    {
        var value = hexOrDecimal.Length > 4
            ? BigInteger.Parse("0" + hexOrDecimal, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)
            : BigInteger.Parse(hexOrDecimal, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, new SshWriter().WriteMpint(value).ToArray());
        Assert.Equal(value, new SshReader(expected).ReadMpint());
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0x80, 1 }, new byte[] { 0, 0, 0, 3, 0, 0x80, 1 })]
    [InlineData(new byte[] { 0, 0x7F }, new byte[] { 0, 0, 0, 1, 0x7F })]
    [InlineData(new byte[] { 0, 0 }, new byte[] { 0, 0, 0, 0 })]
    public void Unsigned_secret_becomes_a_minimal_positive_mpint(byte[] magnitude, byte[] expected) =>
        Assert.Equal(expected, new SshWriter().WriteMpintFromUnsigned(magnitude).ToArray());

    [Theory]
    [InlineData("a,,b")]
    [InlineData(",a")]
    [InlineData("a,")]
    [InlineData("a b")]
    [InlineData("caf\u00e9")]
    public void Malformed_name_lists_are_rejected(string list) =>
        Assert.Throws<SshWireException>(() => new SshReader(new SshWriter().WriteString(list).ToArray()).ReadNameList());

    [Fact]
    public void Empty_name_list_is_empty() =>
        Assert.Empty(new SshReader(new byte[] { 0, 0, 0, 0 }).ReadNameList());

    // OpenSSH reads a name-list of any length that fits the packet (a 50,000-name KEXINIT that fits negotiates), so the
    // reader does too; a caller can still set a bound, and what is shown is bounded by RemoteText.
    [Fact]
    public void A_name_list_is_bounded_by_its_packet_not_by_a_count()
    {
        var bytes = new SshWriter().WriteNameList(Enumerable.Range(0, 50_000).Select(i => "n" + i)).ToArray();
        Assert.Equal(50_000, new SshReader(bytes).ReadNameList().Length);
        Assert.Throws<SshWireException>(() => new SshReader(bytes).ReadNameList(maxEntries: 256));
    }

    [Fact]
    public void Free_text_of_any_length_is_read_whole_and_kept_cut()
    {
        var bytes = new SshWriter().WriteString(new string('x', 100_000)).WriteUInt32(7).ToArray();
        var reader = new SshReader(bytes);

        var kept = reader.ReadUtf8Kept();

        Assert.StartsWith(new string('x', 1024) + "… (100,000 bytes)", kept, StringComparison.Ordinal);
        Assert.Equal(7u, reader.ReadUInt32());
    }

    [Fact]
    public void Arbitrary_bytes_never_escape_as_anything_but_wire_errors()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            try
            {
                var reader = new SshReader(bytes);
                reader.ReadNameList();
                reader.ReadMpint();
                reader.ReadString(16);
                reader.ReadUInt64();
            }
            catch (SshWireException)
            {
            }
        });
    }
}
