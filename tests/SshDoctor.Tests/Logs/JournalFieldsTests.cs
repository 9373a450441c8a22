using CsCheck;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Server;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// <see cref="JournalFields"/> (logs' span reader of <c>journalctl -o json</c> lines) answers only when it reads a line
/// exactly as the JSON reader behind <see cref="ServerLinePrefix.Split"/> does: same message, host, process, pid and
/// time; every other line it leaves to that reader. Checked on generated lines: the fields in any order, repeated,
/// escaped, of other JSON types, with spaces, and broken JSON.
/// </summary>
public sealed class JournalFieldsTests
{
    private static readonly string[] Keys = ["MESSAGE", "__REALTIME_TIMESTAMP", "_HOSTNAME", "SYSLOG_IDENTIFIER", "_COMM", "SYSLOG_PID", "_PID", "PRIORITY", "_SYSTEMD_UNIT", "MESS\\u0041GE", ""];

    private static readonly string[] Values =
    [
        "\"Failed password for root from 192.0.2.1 port 22 ssh2\"", "\"1780000000643663\"", "\"web1\"", "\"sshd\"", "\"sshd-session\"", "\"CRON\"",
        "\"27149\"", "\"\"", "\"x\\\"y\"", "\"a\\u0041\"", "\"\\ud800\"", "1714564800000000", "[65,66]", "null", "{\"a\":\"b\"}", "\"-5\"",
        "\"253402300800000000\"", "\"Invalid user \\u00e9 from 192.0.2.1\"", "\"Invalid user é from 192.0.2.1\"", "\"tab\there\"", "\"bad\\x\"", "\"open",
    ];

    private static readonly Gen<string> Lines = Gen.OneOf(
        Gen.Select(Gen.OneOfConst(Keys), Gen.OneOfConst(Values), (k, v) => (k, v)).Array[0, 8].Select(Gen.OneOfConst("", " ", "\t"), (fields, space) =>
            "{" + string.Join("," + space, fields.Select(f => $"\"{f.k}\"{space}:{space}{f.v}")) + "}"),
        Gen.Select(Gen.OneOfConst(Values), Gen.OneOfConst(Values), Gen.OneOfConst("", " ", "}", ",", "x"), (m, h, tail) =>
            $$"""{"__REALTIME_TIMESTAMP":"1780000000643663","_HOSTNAME":{{h}},"SYSLOG_IDENTIFIER":"sshd","_PID":"1","MESSAGE":{{m}}}{{tail}}"""),
        Gen.String[0, 40].Select(s => "{\"MESSAGE\":\"" + s + "\"}"));

    /// <summary>Lines as <c>journalctl -o json</c> writes them (no space), up to 40 fields, with every kind of value above.</summary>
    private static readonly Gen<string> PlainLines =
        Gen.Select(Gen.OneOfConst(Keys), Gen.OneOf(Gen.OneOfConst(Values), Gen.String[Gen.Char[' ', '~'], 0, 30].Select(s => "\"" + s + "\""), Gen.String[0, 30].Select(s => "\"" + s + "\"")), (k, v) => (k, v)).Array[0, 40]
            .Select(fields => "{" + string.Join(",", fields.Select(f => $"\"{f.k}\":{f.v}")) + "}");

    [Fact]
    public void Every_line_the_span_reader_answers_is_read_as_the_json_reader_reads_it() =>
        Lines.Sample(line => { AssertAlike(line); }, iter: 50_000);

    [Fact]
    public void The_plain_reading_answers_as_the_careful_one() =>
        Gen.OneOf(Lines, PlainLines).Sample(line => { AssertPlainAlike(line); }, iter: 50_000);

    [Fact]
    public void Digits_are_read_as_long_TryParse_reads_them() =>
        Gen.OneOf(Gen.String[Gen.Char['0', '9'], 0, 20], Gen.String[Gen.Char['(', '@'], 0, 20], Gen.Long[0, long.MaxValue].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Sample(text =>
            {
                var expected = long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed);
                Assert.Equal(expected, JournalFields.TryParseDigits(text, out var value));
                Assert.Equal(expected ? parsed : 0, expected ? value : 0);
            }, iter: 100_000);

    [Theory]
    [InlineData("""{"__REALTIME_TIMESTAMP":"1780000000643663","_HOSTNAME":"web1","SYSLOG_IDENTIFIER":"sshd","_PID":"27149","MESSAGE":"Failed password for test from 141.98.11.62 port 32581 ssh2"}""")]
    [InlineData("""{"_BOOT_ID":"5c9f","MESSAGE":"Accepted publickey for alice from 192.0.2.7 port 50522 ssh2: ED25519 SHA256:abc","PRIORITY":"6","SYSLOG_FACILITY":"4","_UID":"0","_COMM":"sshd-session","_PID":"901","_HOSTNAME":"db2","__REALTIME_TIMESTAMP":"1780000000000001"}""")]
    public void A_line_as_journalctl_writes_it_is_read_by_the_plain_reading(string line)
    {
        Assert.True(JournalFields.TryReadPlain(line, out _));
        Assert.True(AssertPlainAlike(line));
    }

    [Theory]
    [InlineData("""{"__REALTIME_TIMESTAMP":"1780000000643663","_HOSTNAME":"web1","SYSLOG_IDENTIFIER":"sshd","_PID":"27149","MESSAGE":"Failed password for test from 141.98.11.62 port 32581 ssh2"}""")]
    [InlineData("""{ "MESSAGE" : "m", "_COMM" : "sshd", "SYSLOG_PID" : "7", "_PID" : "8" }""")]
    public void A_common_line_is_read_on_the_span(string line) => Assert.True(AssertAlike(line));

    [Theory]
    [InlineData("""{"MESSAGE":"a \"quoted\" word","SYSLOG_IDENTIFIER":"sshd"}""")]
    [InlineData("""{"MESSAGE":"m","MESSAGE":"n"}""")]
    [InlineData("""{"MESSAGE":[65,66]}""")]
    [InlineData("""{"MESSAGE":"m","_PID":7}""")]
    [InlineData("""{"MESSAGE":"m"} x""")]
    public void A_line_the_span_reader_does_not_take_goes_to_the_json_reader(string line) => Assert.False(JournalFields.TryRead(line, out _));

    /// <summary>True when the plain reading answered (and the careful one agreed).</summary>
    private static bool AssertPlainAlike(string line)
    {
        if (!JournalFields.TryReadPlain(line, out var plain))
        {
            return false;
        }

        Assert.True(JournalFields.TryReadSpaced(line, out var careful), line);
        Assert.Equal(careful.Message.ToString(), plain.Message.ToString());
        Assert.Equal(careful.HasHost, plain.HasHost);
        Assert.Equal(careful.Host.ToString(), plain.Host.ToString());
        Assert.Equal(careful.HasProcess, plain.HasProcess);
        Assert.Equal(careful.Process.ToString(), plain.Process.ToString());
        Assert.Equal(careful.Pid, plain.Pid);
        Assert.Equal(careful.Time, plain.Time);
        return true;
    }

    /// <summary>True when the span reader answered (and agreed); false when it left the line to the JSON reader.</summary>
    private static bool AssertAlike(string line)
    {
        if (!JournalFields.TryRead(line, out var fields))
        {
            return false;
        }

        var (header, message) = ServerLinePrefix.Split(line);
        Assert.Equal(message, fields.Message.ToString());
        Assert.Equal(header.Host, fields.HasHost ? fields.Host.ToString() : null);
        Assert.Equal(header.Process, fields.HasProcess ? fields.Process.ToString() : null);
        Assert.Equal(header.Pid, fields.Pid);
        LogTime? time = header.Time is { } t && TimeText.TryParseIso(t, out var parsed, out _) ? parsed : null;
        Assert.Equal(time, fields.Time);
        return true;
    }
}
