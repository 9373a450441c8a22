using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>A time keeps its offset in whole minutes: every offset a log can write must come back exactly.</summary>
public sealed class LogTimeTests
{
    [Theory]
    [InlineData("2025-03-01T10:00:00+05:45", 5 * 60 + 45)]
    [InlineData("2025-03-01T10:00:00-03:30", -(3 * 60 + 30))]
    [InlineData("2025-03-01T10:00:00+14:00", 14 * 60)]
    [InlineData("2025-03-01T10:00:00-12:00", -12 * 60)]
    [InlineData("2025-03-01T10:00:00Z", 0)]
    public void An_offset_read_from_a_stamp_comes_back_exactly(string stamp, int minutes)
    {
        Assert.True(TimeText.TryParse(stamp, YearInference.ForFile("t"), out var time, out _));

        Assert.Equal(TimeSpan.FromMinutes(minutes), time.Offset);
        Assert.Equal(new DateTime(2025, 3, 1, 10, 0, 0), time.Clock);
        Assert.Equal(stamp.EndsWith('Z') ? "2025-03-01T10:00:00+00:00" : stamp, time.Format());
    }

    [Fact]
    public void A_time_without_an_offset_has_none_and_differs_from_the_same_clock_at_utc()
    {
        var clock = new DateTime(2025, 3, 1, 10, 0, 0);
        var local = new LogTime(clock, null);
        var utc = new LogTime(clock, TimeSpan.Zero);

        Assert.Null(local.Offset);
        Assert.NotEqual(local, utc);
        Assert.Equal(utc, new LogTime(clock, TimeSpan.Zero));
        Assert.Equal("2025-03-01T10:00:00", local.Format());
    }

    [Fact]
    public void The_utf8_form_is_the_text_form_byte_for_byte()
    {
        var random = new Random(14);
        Span<byte> written = stackalloc byte[LogTime.MaxUtf8Length];
        for (var i = 0; i < 20_000; i++)
        {
            var clock = new DateTime(random.Next(1, 10_000), random.Next(1, 13), random.Next(1, 29), random.Next(24), random.Next(60), random.Next(60), i % 3 == 0 ? 0 : random.Next(1000));
            TimeSpan? offset = (i % 4) switch { 0 => null, 1 => TimeSpan.Zero, _ => TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1)) };
            var time = new LogTime(clock, offset);

            var length = time.FormatUtf8(written);

            Assert.Equal(time.Format(), System.Text.Encoding.ASCII.GetString(written[..length]));
        }
    }
}
