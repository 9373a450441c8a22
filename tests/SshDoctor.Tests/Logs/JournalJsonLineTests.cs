using SshDoctor.Logs.Server;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// journalctl -o json lines that no journal writes must not crash either reader (found by the journal-json fuzz
/// harness; issue 18 lists the same crashes): a lone surrogate escape, a numeric or out-of-range timestamp.
/// </summary>
public sealed class JournalJsonLineTests
{
    [Theory]
    [InlineData("""{"MESSAGE":"Invalid user \udc00 from 192.0.2.1","SYSLOG_IDENTIFIER":"sshd"}""", "Invalid user \ufffd from 192.0.2.1", "sshd")]
    [InlineData("""{"MESSAGE":"Invalid user x from 192.0.2.1","SYSLOG_IDENTIFIER":"sshd\ud800"}""", "Invalid user x from 192.0.2.1", "sshd\ufffd")]
    public void A_lone_surrogate_escape_is_read_as_the_replacement_character_not_a_crash(string line, string expectedMessage, string expectedProcess)
    {
        // As a UTF-8 decoder replaces bytes that are not text: the rest of the line is still read.
        var (header, message) = ServerLinePrefix.Split(line);

        Assert.Equal(expectedProcess, header.Process);
        Assert.Equal(expectedMessage, message);
    }

    [Fact]
    public void A_numeric_timestamp_is_read_as_the_string_one_is()
    {
        var (header, _) = ServerLinePrefix.Split("""{"MESSAGE":"m","__REALTIME_TIMESTAMP":1714564800000000,"_PID":"7"}""");

        Assert.StartsWith("2024-05-01T", header.Time, StringComparison.Ordinal);
        Assert.Equal(7, header.Pid);
    }

    [Theory]
    [InlineData("\"253402300800000000\"")]
    [InlineData("99999999999999999999")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void A_timestamp_beyond_year_9999_or_not_a_count_is_no_time(string timestamp)
    {
        var (header, message) = ServerLinePrefix.Split($$"""{"MESSAGE":"m","__REALTIME_TIMESTAMP":{{timestamp}}}""");

        Assert.Null(header.Time);
        Assert.Equal("m", message);
    }
}
