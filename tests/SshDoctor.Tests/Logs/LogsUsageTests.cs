using SshDoctor.Logs.Bulk;
using SshDoctor.Tests.Samples;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// `logs` option values a person can get wrong: each is refused with exit 2 and the reason, before anything is read
/// (`--since 9999999999w` crashed, `--ip 300.1.1.1` silently filtered out every line).
/// </summary>
public sealed class LogsUsageTests
{
    private static readonly string Sample = SampleFiles.PathOf("logs", "debian12-openssh-9.2p1-syslog.log");

    [Theory]
    [InlineData("--since", "9999999999w", "more than 100 years ago")]
    [InlineData("--since", "99999999999999999999999s", "more than 100 years ago")]
    [InlineData("--until", "9999999999w", "more than 100 years ago")]
    [InlineData("--since", "-5m", "not a time")]
    [InlineData("--since", "5", "a number needs a unit")]
    [InlineData("--since", "5y", "not a time")]
    [InlineData("--since", "NaN", "not a time")]
    [InlineData("--since", "Infinity", "not a time")]
    [InlineData("--since", "", "empty")]
    [InlineData("--since", " ", "empty")]
    [InlineData("--until", "2024-13-01", "not a time")]
    [InlineData("--until", "0001-01-01", "outside the years")]
    [InlineData("--until", "9999-12-31 23:59", "outside the years")]
    [InlineData("--since", "tomorrowish", "use 2024-12-31")]
    [InlineData("--ip", "300.1.1.1", "is not an IPv4 address")]
    [InlineData("--ip", "10.1", "is not an IPv4 address")]
    [InlineData("--ip", "1.2.3.4.5", "is not an IPv4 address")]
    [InlineData("--ip", "256.0.0.0/8", "not an IPv4 or IPv6 address")]
    [InlineData("--ip", "10.0.0.0/33", "from 0 to 32")]
    [InlineData("--ip", "2001:db8::/129", "from 0 to 128")]
    [InlineData("--ip", "10.0.0.0/-1", "from 0 to 32")]
    [InlineData("--ip", "10.0.0.0/", "from 0 to 32")]
    [InlineData("--ip", "2001:db8::zz", "is not an IPv6 address")]
    [InlineData("--ip", "", "is empty")]
    [InlineData("--ip", "a b", "not an address, a network")]
    [InlineData("--user", "", "--user is empty")]
    public void A_bad_value_is_refused_with_its_reason(string option, string value, string reason)
    {
        // option=value when the value starts with '-', else it would be taken for an option of its own.
        var result = value.StartsWith('-') ? CliRun.Run(["logs", $"{option}={value}", Sample]) : CliRun.Run(["logs", option, value, Sample]);
        Assert.True(result.Code == 2, $"exit {result.Code}: {result.Stderr}");
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--follow")]
    public void An_empty_file_name_is_refused(string follow)
    {
        var result = CliRun.Run(follow.Length == 0 ? ["logs", ""] : ["logs", follow, ""]);
        Assert.Equal(2, result.Code);
        Assert.Contains("an empty file name", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Since_after_until_is_refused()
    {
        var result = CliRun.Run(["logs", "--since", "2024-12-31", "--until", "2024-01-01", Sample]);
        Assert.Equal(2, result.Code);
        Assert.Contains("is after --until", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.5", "203.0.113.5", 32)]
    [InlineData(" 203.0.113.5 ", "203.0.113.5", 32)]
    [InlineData("203.0.113.77/24", "203.0.113.0", 24)]
    [InlineData("2001:db8::1/32", "2001:db8::", 32)]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7", 32)]
    [InlineData("0.0.0.0/0", "0.0.0.0", 0)]
    public void Good_addresses_and_networks_are_read(string value, string network, int prefix)
    {
        var (parsed, _) = LogFilter.ParseAddress(value);
        Assert.Equal(network, parsed!.Base.ToString());
        Assert.Equal(prefix, parsed.PrefixLength);
    }

    [Fact]
    public void A_host_name_is_compared_as_text()
    {
        var (network, text) = LogFilter.ParseAddress("client-7.example.org");
        Assert.Null(network);
        Assert.Equal("client-7.example.org", text);
    }

    [Theory]
    [InlineData("90s")]
    [InlineData("0m")]
    [InlineData("5214w")]
    [InlineData("36500d")]
    public void Times_ago_up_to_a_hundred_years_are_read(string value)
    {
        Assert.True(TimeArgument.TryParse(value, DateTimeOffset.Now, out var time, out var problem), problem);
        Assert.True(time <= DateTimeOffset.Now);
    }
}
