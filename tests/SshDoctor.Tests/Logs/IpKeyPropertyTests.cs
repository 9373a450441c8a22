using System.Net;
using CsCheck;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// Addresses counted as values (<see cref="IpKey"/>) must count as their texts did: the key prints as the grouping text
/// (<see cref="Address.Grouping"/>), and two keys are equal exactly when their grouping texts are.
/// </summary>
public sealed class IpKeyPropertyTests
{
    private static readonly Gen<string> V4 = Gen.UInt.Select(v => new IPAddress(v).ToString());

    private static readonly Gen<string> V6 = Gen.Byte.Array[16].Select(b => new IPAddress(b).ToString());

    /// <summary>Forms written otherwise than printed: upper case, leading zeros, a zone, mapped IPv4, host names, junk.</summary>
    private static readonly Gen<string> Address = Gen.OneOf(
        V4,
        V6,
        V6.Select(a => a.ToUpperInvariant()),
        Gen.Select(V6, Gen.OneOfConst("eth0", "1", "en0", ""), (a, zone) => $"{a}%{zone}"),
        V4.Select(a => $"::ffff:{a}"),
        V4.Select(a => $"::FFFF:{a}"),
        Gen.Select(Gen.Byte, Gen.Byte, (a, b) => $"0{a}.{b}.0.1"),
        Gen.Select(Gen.UShort, Gen.UShort, (a, b) => $"2001:db8:{a:x}:0:0:0:{b:x}:1"),
        Gen.Select(Gen.UShort, Gen.UShort, (a, b) => $"fe80::{a:x4}:{b:x}"),
        Gen.OneOfConst("UNKNOWN", "host.example.org", "256.1.1.1", "1.2.3", "1.2.3.4.5", "::", "::1", "0.0.0.0", "1.2.3.4%eth0", ":::", "1..2.3", "%eth0"),
        Gen.String[Gen.Char["0123456789abcdefABCDEF.:%"], 1, 20]);

    [Fact]
    public void A_key_prints_as_the_grouping_text() =>
        Address.Sample(ip => IpKey.Of(ip).ToString() == SshDoctor.Logs.Bulk.Address.Grouping(ip));

    [Fact]
    public void Keys_are_equal_exactly_when_grouping_texts_are() =>
        Gen.Select(Address, Address).Sample((a, b) =>
        {
            var same = string.Equals(SshDoctor.Logs.Bulk.Address.Grouping(a), SshDoctor.Logs.Bulk.Address.Grouping(b), StringComparison.Ordinal);
            var (ka, kb) = (IpKey.Of(a), IpKey.Of(b));
            return same == (ka == kb) && (!same || ka.GetHashCode() == kb.GetHashCode());
        });

    [Fact]
    public void A_key_is_equal_to_the_key_of_its_own_printed_text() =>
        Address.Sample(ip => IpKey.Of(IpKey.Of(ip).ToString()) == IpKey.Of(ip));

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:DB8::1")]
    [InlineData("010.0.0.1")]
    [InlineData("ssh.example.org")]
    public void Known_forms_print_as_before(string ip) =>
        Assert.Equal(SshDoctor.Logs.Bulk.Address.Grouping(ip), IpKey.Of(ip).ToString());

    [Fact]
    public void A_zone_groups_with_the_address_on_any_interface()
    {
        Assert.Equal(IpKey.Of("fe80::1"), IpKey.Of("fe80::1%eth0"));
        Assert.Equal(IpKey.Of("fe80::1%eth1"), IpKey.Of("fe80::1%eth0"));
        Assert.NotEqual(IpKey.Of("2001:DB8::1"), IpKey.Of("2001:db8::1"));
    }
}
