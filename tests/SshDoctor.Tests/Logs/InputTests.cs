using System.IO.Compression;
using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>Rotated and gzip files, years for BSD times, time windows, and inputs that are not logs at all.</summary>
public class InputTests
{
    private const string Failed = "sshd[100]: Failed password for root from 192.0.2.1 port 2222 ssh2";

    [Fact]
    public void Plain_rotated_and_gzip_files_are_read_alike_gzip_told_by_its_bytes()
    {
        using var dir = new LogsTestSupport.TempDir();
        File.WriteAllText(dir.File("auth.log"), $"Jan  3 10:00:00 h {Failed}\n");
        File.WriteAllText(dir.File("auth.log.1"), $"Jan  2 10:00:00 h {Failed}\n");
        using (var gz = new GZipStream(File.Create(dir.File("auth.log.2.gz")), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"Jan  1 10:00:00 h {Failed}\n", 1000))));
        }

        File.Copy(dir.File("auth.log.2.gz"), dir.File("gzip-without-suffix"));
        foreach (var (name, count) in (ValueTuple<string, int>[])[("auth.log", 1), ("auth.log.1", 1), ("auth.log.2.gz", 1000), ("gzip-without-suffix", 1000)])
        {
            var (records, summary) = LogsTestSupport.Read(dir.File(name));
            Assert.Equal(count, records.Count(r => r.DiagnosisId == "auth.password.wrong"));
            Assert.Equal(count, summary.Lines);
        }
    }

    [Fact]
    public void Bsd_times_get_the_year_before_the_file_s_modification_across_new_year()
    {
        using var dir = new LogsTestSupport.TempDir();
        var path = dir.File("auth.log");
        File.WriteAllText(path, $"Dec 31 23:50:00 h {Failed}\nDec 31 23:59:59 h {Failed}\nJan  1 00:00:01 h {Failed}\nJan  1 00:20:00 h {Failed}\n");
        File.SetLastWriteTime(path, new DateTime(2025, 1, 2, 8, 0, 0));
        var (records, _) = LogsTestSupport.Read(path);
        Assert.Equal([2024, 2024, 2025, 2025], records.Select(r => r.Time!.Value.Clock.Year));

        var window = new LogFilter { Since = Local(2024, 12, 31, 23, 55), Until = Local(2025, 1, 1, 0, 10) };
        var (kept, summary) = LogsTestSupport.Read(path, window);
        Assert.Equal([2L, 3L], kept.Select(r => r.Line));
        Assert.Equal(2, summary.Failures);
    }

    [Theory]
    [InlineData("2024-12-31", 2024, 12, 31, 0, 0)]
    [InlineData("2024-12-31 23:30", 2024, 12, 31, 23, 30)]
    [InlineData("2024-12-31T23:30:00", 2024, 12, 31, 23, 30)]
    public void Time_arguments_read_dates_and_local_times(string text, int y, int mo, int d, int h, int mi)
    {
        Assert.True(TimeArgument.TryParse(text, DateTimeOffset.Now, out var value));
        Assert.Equal(Local(y, mo, d, h, mi), value);
    }

    [Fact]
    public void Time_arguments_read_times_ago_and_offsets_and_refuse_nonsense()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.True(TimeArgument.TryParse("2h", now, out var twoHours));
        Assert.Equal(now.AddHours(-2), twoHours);
        Assert.True(TimeArgument.TryParse("3d", now, out var threeDays));
        Assert.Equal(now.AddDays(-3), threeDays);
        Assert.True(TimeArgument.TryParse("2025-06-01T10:00:00+02:00", now, out var zoned));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero), zoned.ToUniversalTime());
        Assert.False(TimeArgument.TryParse("yesterday-ish", now, out _));
    }

    [Fact]
    public void Ip_filter_takes_networks_and_ipv4_mapped_addresses()
    {
        var (network, text) = LogFilter.ParseAddress("192.0.2.0/24");
        var filter = new LogFilter { Network = network, IpText = text };
        var (records, _) = LogsTestSupport.ReadText($"Jan 1 00:00:00 h {Failed}\nJan 1 00:00:00 h sshd[101]: Invalid user x from 198.51.100.1 port 1\n");
        Assert.Equal([true, false], records.Select(filter.Keeps));
        Assert.Equal("1.2.3.4", Address.Normalise("::ffff:1.2.3.4"));
    }

    [Fact]
    public void A_line_s_address_is_normalised_and_its_fields_cut_before_they_are_interned()
    {
        // The classifier normalises and cuts on the line's span (the interned string is not read again): the same
        // values as normalising and cutting the string.
        var longUser = new string('u', LineClassifier.MaxFieldChars + 40);
        var (records, _) = LogsTestSupport.ReadText(
            $"Jan 1 00:00:00 h sshd[7]: Failed password for {longUser} from ::ffff:192.0.2.7 port 22 ssh2\n" +
            "Jan 1 00:00:01 h sshd[8]: Failed password for root from ::FFFF:192.0.2.8 port 22 ssh2\n" +
            "Jan 1 00:00:02 h sshd[9]: Failed password for root from ::ffff:2001:db8::1 port 22 ssh2\n");
        Assert.Equal(["192.0.2.7", "192.0.2.8", "::ffff:2001:db8::1"], records.Select(r => r.Ip));
        Assert.Equal(longUser[..LineClassifier.MaxFieldChars], records[0].User);
    }

    [Fact]
    public void Binary_input_is_counted_as_unknown_and_flagged_never_a_crash()
    {
        var bytes = new byte[512 * 1024];
        new Random(7).NextBytes(bytes);
        var (records, summary) = LogsTestSupport.ReadStream(new MemoryStream(bytes));
        Assert.True(summary.Inputs[0].LooksBinary);
        Assert.Equal(0, summary.Recognised);
        Assert.Equal(summary.Unknown, records.Count);
        Assert.True(summary.Unknown > 0);
    }

    [Fact]
    public void Invalid_utf8_and_control_bytes_do_not_stop_recognition()
    {
        var bytes = new List<byte> { 0xff, 0xfe, 0xc3, 0x28, (byte)'\n' };
        bytes.AddRange(Encoding.UTF8.GetBytes($"Jan 1 00:00:00 h sshd[9]: Invalid user \u00e9\u0001x from 192.0.2.9 port 1\n"));
        bytes.AddRange([0xc3, (byte)'\n']);
        bytes.AddRange(Encoding.UTF8.GetBytes($"Jan 1 00:00:00 h {Failed}"));
        var (records, summary) = LogsTestSupport.ReadStream(new MemoryStream([.. bytes]));
        Assert.Equal(4, summary.Lines);
        Assert.Equal(["auth.wrong-user", "auth.password.wrong"], records.Where(r => r.Recognised).Select(r => r.DiagnosisId));
    }

    private static DateTimeOffset Local(int y, int mo, int d, int h, int mi)
    {
        var clock = new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(clock, TimeZoneInfo.Local.GetUtcOffset(clock));
    }
}
