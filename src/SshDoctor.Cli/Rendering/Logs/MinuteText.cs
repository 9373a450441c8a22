using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// Writes a time as <see cref="LogTime.FormatUtf8"/> does, keeping the bytes up to the minute of the last one
/// (<c>yyyy-MM-ddTHH:mm:</c>): a line in the same minute as the one before (almost every one) copies them and writes
/// only its seconds, fraction and offset, instead of taking the date apart again. One per thread.
/// </summary>
internal sealed class MinuteText
{
    private readonly byte[] _minute = new byte[LogTime.MinuteUtf8Length];
    private long _minuteTicks = -1;

    /// <summary>Writes <paramref name="time"/> (at least <see cref="LogTime.MaxUtf8Length"/> bytes of room) and returns the bytes written.</summary>
    public int Format(LogTime time, Span<byte> destination)
    {
        var ticks = time.Clock.Ticks;
        var minute = ticks - (ticks % TimeSpan.TicksPerMinute);
        if (minute != _minuteTicks)
        {
            var written = time.FormatUtf8(destination);
            destination[..LogTime.MinuteUtf8Length].CopyTo(_minute);
            _minuteTicks = minute;
            return written;
        }

        _minute.CopyTo(destination);
        return time.FormatUtf8FromSecond(destination);
    }
}
