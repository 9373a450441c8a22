using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// Writes a time as <see cref="LogTime.FormatUtf8"/> does, keeping the bytes up to the minute of the last one
/// (<c>yyyy-MM-ddTHH:mm:</c>): a line in the same minute as the one before (almost every one) copies them and writes
/// only its seconds, fraction and offset, instead of taking the date apart again. One per thread.
/// </summary>
internal sealed class MinuteText
{
    private const int MinuteLength = 17;

    private readonly byte[] _minute = new byte[MinuteLength];
    private long _minuteTicks = -1;

    /// <summary>Writes <paramref name="time"/> (at least <see cref="LogTime.MaxUtf8Length"/> bytes of room) and returns the bytes written.</summary>
    public int Format(LogTime time, Span<byte> destination)
    {
        var ticks = time.Clock.Ticks;
        var minute = ticks - (ticks % TimeSpan.TicksPerMinute);
        if (minute != _minuteTicks)
        {
            var written = time.FormatUtf8(destination);
            destination[..MinuteLength].CopyTo(_minute);
            _minuteTicks = minute;
            return written;
        }

        _minute.CopyTo(destination);
        var second = (int)(ticks / TimeSpan.TicksPerSecond % 60);
        destination[17] = (byte)('0' + (second / 10));
        destination[18] = (byte)('0' + (second % 10));
        var at = 19;
        var millisecond = (int)(ticks / TimeSpan.TicksPerMillisecond % 1000);
        if (millisecond != 0)
        {
            destination[at] = (byte)'.';
            destination[at + 1] = (byte)('0' + (millisecond / 100));
            destination[at + 2] = (byte)('0' + (millisecond / 10 % 10));
            destination[at + 3] = (byte)('0' + (millisecond % 10));
            at += 4;
        }

        if (time.Offset is { } offset)
        {
            var minutes = (int)offset.TotalMinutes;
            destination[at] = minutes < 0 ? (byte)'-' : (byte)'+';
            minutes = Math.Abs(minutes);
            destination[at + 1] = (byte)('0' + (minutes / 60 / 10 % 10));
            destination[at + 2] = (byte)('0' + (minutes / 60 % 10));
            destination[at + 3] = (byte)':';
            destination[at + 4] = (byte)('0' + (minutes % 60 / 10));
            destination[at + 5] = (byte)('0' + (minutes % 60 % 10));
            at += 6;
        }

        return at;
    }
}
