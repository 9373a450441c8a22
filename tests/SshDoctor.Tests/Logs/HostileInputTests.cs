using System.IO.Compression;
using System.Text;
using SshDoctor.Logs.Bulk;
using SshDoctor.Tests.Explain;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// Inputs that crashed explain or logs (exit 3) or were misread: journald JSON with wrong types and impossible times,
/// timestamps at the ends of the calendar, damaged gzip files, lines ending in CR alone, ports that overflow an int.
/// Each gives a report.
/// </summary>
public sealed class HostileInputTests
{
    private const string Failed = "Failed password for root from 192.0.2.1 port 22 ssh2";

    [Theory]
    [InlineData("1700000000000000", "2023-11-14T22:13:20")]
    [InlineData("\"1700000000000000\"", "2023-11-14T22:13:20")]
    [InlineData("\"253402300800000000\"", null)]
    [InlineData("253402300800000000", null)]
    [InlineData("\"999999999999999999999999\"", null)]
    [InlineData("-5", null)]
    [InlineData("1e30", null)]
    [InlineData("\"abc\"", null)]
    [InlineData("[1,2]", null)]
    [InlineData("{\"a\":1}", null)]
    [InlineData("null", null)]
    public void Journald_times_of_any_type_or_size_give_a_time_or_none(string timestamp, string? expected)
    {
        var line = $"{{\"MESSAGE\":\"{Failed}\",\"SYSLOG_IDENTIFIER\":\"sshd\",\"_PID\":\"7\",\"__REALTIME_TIMESTAMP\":{timestamp}}}\n";

        var (records, _) = LogsTestSupport.ReadText(line);
        var record = Assert.Single(records);
        Assert.Equal("auth.password.wrong", record.DiagnosisId);
        Assert.Equal(expected, record.Time?.Clock.ToString("s", System.Globalization.CultureInfo.InvariantCulture));

        var explained = ExplainHelper.OfText(line);
        Assert.Equal(expected is not null, Assert.Single(explained.Inputs[0].Events).Header.Time is not null);
    }

    [Theory]
    [InlineData("{\"MESSAGE\":42,\"SYSLOG_IDENTIFIER\":\"sshd\"}")]
    [InlineData("{\"MESSAGE\":[70,97,105,108,300,-1],\"SYSLOG_IDENTIFIER\":7,\"_PID\":\"99999999999\"}")]
    [InlineData("{\"MESSAGE\":\"x\",\"_HOSTNAME\":{\"deep\":[[[[[[[[[[1]]]]]]]]]]}}")]
    [InlineData("{\"MESSAGE\":\"\\ud800\\udfff\\udfff\",\"SYSLOG_IDENTIFIER\":\"\\udc00sshd\"}")]
    [InlineData("{\"MESSAGE\":\"unterminated")]
    public void Odd_journald_objects_are_read_or_left_as_text(string line)
    {
        var (_, summary) = LogsTestSupport.ReadText(line + "\n");
        Assert.Equal(1, summary.Lines);
        Assert.NotNull(ExplainHelper.OfText(line + "\n"));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59-14:00")]
    [InlineData("9999-12-31T23:59:59")]
    public void Times_at_the_ends_of_the_calendar_are_no_times(string stamp)
    {
        var text = $"{stamp} h sshd[1]: {Failed}\n";
        var window = new LogFilter { Since = DateTimeOffset.MinValue.AddDays(2), Until = DateTimeOffset.MaxValue.AddDays(-2) };
        var (records, summary) = LogsTestSupport.ReadText(text);
        Assert.Equal(1, summary.Failures);
        Assert.Null(Assert.Single(records).Time);

        using var dir = new LogsTestSupport.TempDir();
        File.WriteAllText(dir.File("edge.log"), text);
        var (kept, _) = LogsTestSupport.Read(dir.File("edge.log"), window);
        Assert.Empty(kept);
        Assert.Equal("auth.root.refused", ExplainHelper.OfText(text).RootCause());
    }

    [Fact]
    public void A_five_digit_year_is_no_stamp_and_its_line_is_counted_as_unknown()
    {
        var text = $"10000-01-01T00:00:00+00:00 h sshd[1]: {Failed}\n";
        var (_, summary) = LogsTestSupport.ReadText(text);
        Assert.Equal(1, summary.Lines);
        Assert.NotNull(ExplainHelper.OfText(text));
    }

    [Fact]
    public void A_truncated_gzip_file_is_read_up_to_where_it_stops_and_said_to_be_truncated()
    {
        using var dir = new LogsTestSupport.TempDir();
        var whole = Gzip(Enumerable.Range(0, 50_000).Select(i => $"Jan  1 10:00:00 h sshd[{i}]: {Failed}\n"));
        File.WriteAllBytes(dir.File("cut.gz"), whole[..(whole.Length / 2)]);
        File.WriteAllBytes(dir.File("no-trailer.gz"), whole[..^4]);

        var (records, summary) = LogsTestSupport.Read(dir.File("cut.gz"));
        Assert.InRange(records.Count, 1, 49_999);
        Assert.Contains(summary.Inputs[0].Notes, n => n.Contains("truncated", StringComparison.Ordinal));

        var (all, trailerless) = LogsTestSupport.Read(dir.File("no-trailer.gz"));
        Assert.Equal(50_000, all.Count);
        Assert.Contains(trailerless.Inputs[0].Notes, n => n.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gzip_file_corrupt_in_the_middle_is_read_up_to_the_damage_and_said_to_be_corrupt()
    {
        using var dir = new LogsTestSupport.TempDir();
        var bytes = Gzip(Enumerable.Range(0, 50_000).Select(i => $"Jan  1 10:00:{i % 60:00} h{i} sshd[{i}]: Failed password for user{i} from 192.0.2.{i % 250} port {i} ssh2\n"));
        new Random(5).NextBytes(bytes.AsSpan(bytes.Length / 2, 4000));
        File.WriteAllBytes(dir.File("corrupt.gz"), bytes);

        var (records, summary) = LogsTestSupport.Read(dir.File("corrupt.gz"));
        Assert.InRange(records.Count, 1, 49_999);
        Assert.Contains(summary.Inputs[0].Notes, n => n.Contains("corrupt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_starts_like_gzip_but_is_not_cannot_be_opened_with_a_reason()
    {
        using var dir = new LogsTestSupport.TempDir();
        File.WriteAllBytes(dir.File("bad.gz"), [0x1f, 0x8b, .. "garbage, not deflate"u8]);
        File.WriteAllBytes(dir.File("header-only.gz"), Gzip([$"Jan  1 10:00:00 h sshd[1]: {Failed}\n"])[..10]);

        Assert.Contains("gzip", Assert.Throws<IOException>(() => LogInput.Open(dir.File("bad.gz"))).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Assert.Throws<IOException>(() => LogInput.Open(dir.File("header-only.gz"))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r\r\n")]
    public void Lines_end_at_lf_crlf_or_a_lone_cr_alike(string end)
    {
        var text = string.Concat(Enumerable.Range(1, 3).Select(i => $"Jan  1 10:00:0{i} h sshd[{i}]: {Failed}{end}"));
        var (records, summary) = LogsTestSupport.ReadText(text);
        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Line));
        Assert.Equal(3, summary.Failures);
        Assert.All(records, r => Assert.Equal("root", r.User));

        var followed = new List<LogRecord>();
        var splitter = new LineSplitter(new LineClassifier("f", YearInference.Now(), FastSignatureMatcher.Server), followed.Add);
        foreach (var piece in Encoding.UTF8.GetBytes(text).Chunk(7))
        {
            splitter.Push(piece);
        }

        splitter.Flush();
        Assert.Equal([1L, 2L, 3L], followed.Select(r => r.Line));
    }

    [Fact]
    public void A_cr_only_file_larger_than_a_block_is_read_line_by_line()
    {
        // No LF at all: blocks and slices must be cut at the CRs, not taken as one over-long line.
        var lines = Enumerable.Range(0, 40_000).Select(i => $"Jan  1 10:00:00 h sshd[{i}]: Invalid user ü{i} from 192.0.2.{i % 250} port {i}\r");
        var (records, summary) = LogsTestSupport.ReadText(string.Concat(lines));
        Assert.Equal(40_000, summary.Lines);
        Assert.Equal(0, summary.Cut);
        Assert.Equal(40_000, records.Count(r => r.DiagnosisId == "auth.wrong-user"));
    }

    [Fact]
    public void Explain_reads_a_cr_only_paste_as_lines()
    {
        var result = ExplainHelper.OfText("OpenSSH_9.6p1, OpenSSL 3.0.13\rdebug1: Connecting to web1 [192.0.2.7] port 22.\rssh: connect to host web1 port 22: Connection refused\r");
        Assert.Equal(3, result.Inputs[0].Input.Lines.Count);
        Assert.Equal("tcp.refused", result.RootCause());
    }

    [Fact]
    public void Ports_that_overflow_an_int_are_no_ports_and_crash_nothing()
    {
        var client = "debug1: Connecting to web1 [192.0.2.7] port 99999999999.\nssh: connect to host web1 port 99999999999: Connection refused\n";
        var server = "Jan  1 10:00:00 web1 sshd[1]: Server listening on 0.0.0.0 port 99999999999999999999.\nJan  1 10:00:00 web1 sshd[1]: Server listening on :: port 2222.\n";
        var result = ExplainHelper.OfText(client, server);
        Assert.Contains(result.Diagnoses, d => d.Id == "tcp.refused");
        var mismatch = Assert.Single(result.Diagnoses, d => d.Id == "server.port-mismatch");
        Assert.Equal("2222,99999999999999999999", mismatch.Values["server_port"]);

        var (records, _) = LogsTestSupport.ReadText($"Jan  1 10:00:00 h sshd[1]: Failed password for root from 192.0.2.1 port 99999999999 ssh2\n");
        Assert.Null(Assert.Single(records).Port);
    }

    private static byte[] Gzip(IEnumerable<string> lines)
    {
        using var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            foreach (var line in lines)
            {
                gz.Write(Encoding.UTF8.GetBytes(line));
            }
        }

        return memory.ToArray();
    }
}
