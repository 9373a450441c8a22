using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Reporting;

/// <summary>Bad usage ends with exit 2 and a sentence a person understands: never exit 3, never a .NET type name.</summary>
public class BadUsageTests
{
    [Theory]
    [InlineData("explain --lang fr tcp.refused", "en (English) or ja (Japanese)")]
    [InlineData("diagnose --timeout abc host.invalid", "--timeout 'abc': give a number of seconds")]
    [InlineData("diagnose --timeout NaN host.invalid", "--timeout 'NaN'")]
    [InlineData("diagnose --timeout -1 host.invalid", "--timeout '-1'")]
    [InlineData("diagnose --timeout 1e9 host.invalid", "--timeout '1e9'")]
    [InlineData("diagnose --timeout Infinity host.invalid", "--timeout 'Infinity'")]
    [InlineData("diagnose -p abc host.invalid", "-p 'abc': a port is a whole number from 1 to 65535")]
    [InlineData("diagnose -p 0 host.invalid", "-p '0'")]
    [InlineData("diagnose -p 99999 host.invalid", "-p '99999'")]
    [InlineData("explain tcp.refuse", "did you mean tcp.refused?")]
    [InlineData("explain hostkey.chnged", "did you mean hostkey.changed?")]
    [InlineData("explain no.such-thing", "neither a file nor a diagnosis id")]
    public void Says_what_to_change_and_exits_2(string command, string expected)
    {
        var result = CliRun.Run(command.Split(' '));

        Assert.True(result.Code == 2, $"exit {result.Code}: {result.Stdout}{result.Stderr}");
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_named_by_locale_still_works()
    {
        var result = CliRun.Run("explain", "--lang", "ja_JP.UTF-8", "tcp.refused");
        Assert.Equal(0, result.Code);
        Assert.Contains("接続", result.Stdout, StringComparison.Ordinal);
    }
}
