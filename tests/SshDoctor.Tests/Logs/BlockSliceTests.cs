using System.Globalization;
using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// A block is decoded a slice of whole lines at a time, a line whose stamp is the previous line's, or differs from it
/// in the seconds only, reuses its parsed time, and a line that begins as a recent one did reuses its host and process
/// (<see cref="SshDoctor.Logs.Bulk.KnownPrefixes"/>): none of these may change what a line is read as.
/// </summary>
public sealed class BlockSliceTests
{
    private const string Failed = "sshd[100]: Failed password for root from 192.0.2.1 port 2222 ssh2";

    [Theory]
    [InlineData(64 * 1024 - 40)]
    [InlineData(64 * 1024)]
    [InlineData(200 * 1024)]
    [InlineData(900 * 1024)]
    public void Lines_longer_than_a_decode_slice_keep_their_numbers_and_multibyte_text(int longLine)
    {
        var text = new StringBuilder();
        for (var n = 0; n < 3000; n++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Jan  1 00:00:{n % 60:00} h sshd[{n}]: Invalid user é{n} from 192.0.2.{n % 250} port {1000 + n}\n");
            if (n == 1500)
            {
                text.Append('x', longLine).Append('\n');
            }
        }

        var (records, summary) = LogsTestSupport.ReadText(text.ToString());

        Assert.Equal(3001, summary.Lines);
        Assert.Equal(3000, summary.Recognised);
        Assert.Equal(1, summary.Cut);
        var users = records.Where(r => r.Recognised).Select(r => (r.Line, r.User)).ToList();
        Assert.Equal([.. Enumerable.Range(0, 3000).Select(n => ((long)(n <= 1500 ? n + 1 : n + 2), (string?)$"é{n}"))], users);
    }

    [Fact]
    public void A_stamp_followed_by_a_fraction_or_another_second_is_parsed_again()
    {
        var (records, _) = LogsTestSupport.ReadText(
            $"2024-05-01T12:00:00 h {Failed}\n2024-05-01T12:00:00.250+02:00 h {Failed}\n2024-05-01T12:00:00 h {Failed}\n"
            + $"May  1 12:00:00 h {Failed}\nMay  1 12:00:00 h {Failed}\nMay  1 12:00:01 h {Failed}\nMay  1 12:00:01.5 h {Failed}\n");

        Assert.Equal(
            ["2024-05-01T12:00:00", "2024-05-01T12:00:00.250+02:00", "2024-05-01T12:00:00", "05-01T12:00:00", "05-01T12:00:00", "05-01T12:00:01", "05-01T12:00:01.500"],
            records.Select(r => r.Time!.Value.Format()).Select(t => t.StartsWith("2024", StringComparison.Ordinal) ? t : t[5..]));
    }

    [Fact]
    public void Stamps_that_follow_each_other_read_as_each_one_read_alone()
    {
        // Seconds, minutes, fractions, zones and years change in every order: each line's time must be what its own
        // stamp says, whether or not it could reuse the line before's.
        var random = new Random(5);
        string[] shapes = ["May  1 12:0{0}:{1:00}", "May  1 2024 12:0{0}:{1:00}", "May  1 12:0{0}:{1:00}.250", "2024-05-01T12:0{0}:{1:00}",
            "2024-05-01T12:0{0}:{1:00}+02:00", "2024-05-01T12:0{0}:{1:00}Z", "2024-05-01 12:0{0}:{1:00}", "2024-05-01T12:0{0}:{1:00}.5"];
        var stamps = new List<string>();
        for (var n = 0; n < 4000; n++)
        {
            var shape = shapes[random.Next(n % 500 < 250 ? 1 : shapes.Length)];
            stamps.Add(string.Format(CultureInfo.InvariantCulture, shape, random.Next(3), random.Next(60)));
        }

        var (records, _) = LogsTestSupport.ReadText(string.Concat(stamps.Select(s => $"{s} h {Failed}\n")));

        var years = YearInference.Now();
        Assert.Equal(
            stamps.Select(s => TimeText.TryParse(s, years, out var time, out _) ? time.Format() : "?"),
            records.Select(r => r.Time!.Value.Format()));
    }

    [Fact]
    public void Hosts_that_change_from_line_to_line_are_each_read_as_written()
    {
        // "a a sshd[7]:" has no tag a reader can read after the host: an unknown SSH line (never another program's).
        var (records, summary) = LogsTestSupport.ReadText(
            $"May  1 12:00:00 a {Failed}\nMay  1 12:00:00 b {Failed}\nMay  1 12:00:00 a {Failed}\nMay  1 12:00:00 {Failed}\n"
            + $"May  1 12:00:00 a a sshd[7]: Invalid user x from 192.0.2.9 port 1\nMay  1 12:00:00 a sshd-session[8]: Invalid user y from 192.0.2.9 port 1\n"
            + $"May  1 12:00:00 ab {Failed}\nMay  1 12:00:00 a {Failed}\n");

        Assert.Equal(0, summary.OtherPrograms);
        Assert.Equal(1, summary.Unknown);
        Assert.Equal(["a", "b", "a", null, null, "a", "ab", "a"], records.Select(r => r.Host));
        Assert.Equal(["sshd", "sshd", "sshd", "sshd", null, "sshd-session", "sshd", "sshd"], records.Select(r => r.Process));
        Assert.Equal([100, 100, 100, 100, null, 8, 100, 100], records.Select(r => r.Pid));
    }
}
