using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// An address carried as its key (<see cref="AddressKey"/>) must come back as itself, and a line's key must never be
/// read as its message's place in the block nor outlive the line (<see cref="SshLine.IpKey"/> shares that place).
/// </summary>
public class AddressKeyTests
{
    [Fact]
    public void Every_text_of_1_to_16_digits_dots_and_colons_comes_back_as_itself()
    {
        var random = new Random(35);
        Span<char> written = stackalloc char[AddressKey.MaxLength];
        for (var i = 0; i < 200_000; i++)
        {
            var text = new string(Enumerable.Range(0, 1 + random.Next(AddressKey.MaxLength)).Select(_ => "0123456789.:"[random.Next(12)]).ToArray());
            Assert.True(AddressKey.TryMake(text, out var key));
            Assert.NotEqual(0UL, key);
            Assert.Equal(text, AddressKey.Write(key, written).ToString());
            Assert.Equal(text, AddressKey.ToString(key));
        }

        Assert.True(AddressKey.TryMake("255.255.255.255", out var widest));
        Assert.Equal("255.255.255.255", AddressKey.ToString(widest));
    }

    [Fact]
    public void Other_characters_empty_texts_and_texts_past_16_characters_have_no_key()
    {
        Assert.False(AddressKey.TryMake("", out var none));
        Assert.Equal(0UL, none);
        Assert.False(AddressKey.TryMake(new string('1', AddressKey.MaxLength + 1), out _));
        foreach (var other in "/a%-\0 \u0660\uff10")
        {
            for (var length = 1; length <= AddressKey.MaxLength; length++)
            {
                for (var at = 0; at < length; at++)
                {
                    var chars = Enumerable.Repeat('1', length).ToArray();
                    chars[at] = other;
                    Assert.False(AddressKey.TryMake(chars, out _));
                }
            }
        }
    }

    [Fact]
    public void A_line_slot_reused_between_a_key_and_a_message_in_the_block_reads_each_as_written()
    {
        Assert.True(AddressKey.TryMake("198.51.100.7", out var key));
        var line = default(SshLine);
        for (var round = 0; round < 3; round++)
        {
            line.TextInBlockLength = 0;
            line.SetPrefix(1, null, "web1", "sshd", 42);
            line.SetMessage(null, 22, "root", "sshd.failed-password", "auth.password-wrong", string.Empty, cut: false, times: 1, preauth: false, attempt: false, ipKey: key);
            Assert.Equal((key, "198.51.100.7", true, 0, 0), (line.IpKey, line.Ip, line.HasIp, line.TextInBlockStart, line.TextInBlockLength));

            line.TextInBlockLength = 0;
            line.SetPrefix(2, null, "web1", "sshd", 43);
            line.TextInBlockStart = 1234;
            line.TextInBlockLength = 56;
            line.SetMessage(null, null, "root", "sshd.session-closed", null, string.Empty, cut: false, times: 1, preauth: false, attempt: false);
            Assert.Equal((0UL, (string?)null, false, 1234, 56), (line.IpKey, line.Ip, line.HasIp, line.TextInBlockStart, line.TextInBlockLength));

            line.SetIp(null, key);
            Assert.Equal((key, "198.51.100.7", 0), (line.IpKey, line.Ip, line.TextInBlockLength));
            line.Ip = "203.0.113.9";
            Assert.Equal((0UL, "203.0.113.9", 0, 0), (line.IpKey, line.Ip, line.TextInBlockStart, line.TextInBlockLength));
        }
    }
}
