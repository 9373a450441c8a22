using CsCheck;
using SshDoctor.Cli.Rendering.Logs;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// <see cref="MinuteText"/> copies the date up to the minute of the time before: every time of a run (mostly in the
/// same minute, with fractions, offsets of either sign and whole-hour changes between) must be written byte for byte
/// as <see cref="LogTime.FormatUtf8"/> writes it.
/// </summary>
public class MinuteTextTests
{
    private static readonly Gen<LogTime> Times =
        Gen.Select(Gen.Int[0, 3], Gen.Long[0, 4 * TimeSpan.TicksPerMinute], Gen.Int[-14 * 60, 14 * 60], Gen.Bool, Gen.Bool)
            .Select((year, ticks, offset, hasOffset, wholeSecond) =>
            {
                var start = new DateTime(1999 + (year * 9), 12, 31, 23, 58, 0);
                var at = start.AddTicks(wholeSecond ? ticks - (ticks % TimeSpan.TicksPerSecond) : ticks);
                return new LogTime(at, hasOffset ? TimeSpan.FromMinutes(offset) : null);
            });

    [Fact]
    public void Times_are_written_as_FormatUtf8_writes_them() =>
        Times.Array[1, 40].Sample(times =>
        {
            var minutes = new MinuteText();
            var expected = new byte[LogTime.MaxUtf8Length];
            var written = new byte[LogTime.MaxUtf8Length];
            foreach (var time in times)
            {
                var length = time.FormatUtf8(expected);
                Assert.Equal(expected.AsSpan(0, length), written.AsSpan(0, minutes.Format(time, written)));
            }
        }, iter: 2_000);
}
