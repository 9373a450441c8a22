using System.Globalization;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The matcher reads a port group's digits itself (no general parser for the usual few): the number must be the one
/// <see cref="int.TryParse(string, NumberStyles, IFormatProvider, out int)"/> gives, and none when that fails (too large).
/// </summary>
public sealed class SpanPortTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("22")]
    [InlineData("65535")]
    [InlineData("123456789")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("99999999999")]
    [InlineData("000000000022")]
    public void A_port_is_the_number_the_general_parser_gives(string digits)
    {
        var message = $"Failed password for root from 192.0.2.1 port {digits} ssh2";
        Span<ulong> found = stackalloc ulong[FastSignatureMatcher.Server.AnchorWords];
        foreach (var ascii in new[] { false, true })
        {
            Assert.Equal(SpanReading.Matched, FastSignatureMatcher.Server.Read(message, found, out var match, ascii));
            var expected = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : -1;
            Assert.Equal(expected, match.Port);
        }
    }
}
