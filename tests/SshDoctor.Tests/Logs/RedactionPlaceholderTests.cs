using SshDoctor.Logs;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Signatures;
using SshDoctor.Tests.Explain;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// What people type over an address or a port before pasting (<c>&lt;ip&gt;</c>, <c>x.x.x.x</c>, <c>***</c>,
/// <c>[redacted]</c>, <c>port XXXX</c>): the line is still read, and what it says keeps the placeholder.
/// </summary>
public class RedactionPlaceholderTests
{
    [Theory]
    [InlineData("Received disconnect from <ip> port <port>:2: Too many authentication failures", "client.received-disconnect")]
    [InlineData("Connecting to x.x.x.x port 22", "client.connecting")]
    [InlineData("debug1: Connecting to my.host [<server ip>] port <port number>.", "client.connecting")]
    [InlineData("debug1: Authenticating to 10.0.xx.xx:XXXX as 'ubuntu'", "client.authenticating")]
    [InlineData("dbclient: Connection to root@[redacted]:<port> exited: Connect failed: Connection refused", "client.connect-failed")]
    public void A_redacted_client_line_is_read(string line, string signature)
    {
        var reading = new LineReading(new SourceLine("paste", 1, line));
        Assert.Equal(signature, reading.Client?.Signature.Name);
    }

    [Fact]
    public void A_redacted_server_line_is_read() =>
        Assert.Equal("sshd.failed-password", new LineReading(new SourceLine("paste", 1, "sshd[1]: Failed password for root from ***.***.***.*** port XXXXX ssh2")).Server?.Signature.Name);

    [Fact]
    public void The_values_keep_the_placeholder_and_no_stand_in_reaches_the_report()
    {
        var reading = new LineReading(new SourceLine("paste", 1, "Received disconnect from <ip> port <port>:2: Too many authentication failures"));
        Assert.Equal("<port>", reading.Client![EventNames.AnyEvent.Port]);
        Assert.Equal("<ip>", reading.Client[EventNames.AnyEvent.Ip]);

        var result = ExplainHelper.OfText("Received disconnect from <ip> port <port>:2: Too many authentication failures\nDisconnected from <ip> port <port>\n");
        Assert.Equal("auth.too-many-failures", result.RootCause());
        var printed = string.Join("\n", result.Diagnoses.SelectMany(d => d.Evidence.Select(e => e.Text).Concat(d.Values.Values)));
        Assert.Contains("port <port>", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("0000", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Connection to 192.168.1.10 port 22: Connection refused")]
    [InlineData("the <b>bold</b> word and [x] box")]
    [InlineData("debug1: Connecting to host [192.0.2.1] port 22.")]
    public void A_line_without_placeholders_has_no_stand_in(string line) => Assert.Null(RedactionPlaceholders.StandIn(line));

    [Theory]
    [InlineData("from <ip> port <port>", "from 0000 port 000000")]
    [InlineData("to x.x.x.x and 10.20.XX.xx", "to 0.0.0.0 and 10.20.00.00")]
    [InlineData("host [redacted] pass ****", "host 0000000000 pass 0000")]
    [InlineData("port XXXX:", "port 0000:")]
    public void A_placeholder_becomes_zeros_of_its_length(string line, string standIn) => Assert.Equal(standIn, RedactionPlaceholders.StandIn(line));
}
