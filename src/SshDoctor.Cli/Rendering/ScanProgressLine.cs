using System.Diagnostics;
using System.Globalization;
using SshDoctor.Scan;

namespace SshDoctor.Cli.Rendering;

/// <summary>
/// The live progress line of <c>scan</c> on a terminal's standard error: hosts done of the total, how many failed,
/// elapsed time and an estimate of what is left; redrawn at most ten times a second and cleared at the end. Drawn only
/// on a terminal: nothing on a pipe or in a file.
/// </summary>
internal sealed class ScanProgressLine(Terminal output, ScanText text) : IProgress<ScanProgress>, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastDrawn;
    private bool _drawn;

    public void Report(ScanProgress value)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (_drawn && value.Done < value.Total && Stopwatch.GetElapsedTime(_lastDrawn, now) < Interval)
            {
                return;
            }

            _lastDrawn = now;
            var elapsed = Stopwatch.GetElapsedTime(_started, now);
            var left = value.Done == 0 ? "" : $", {text.Left} {Duration(elapsed * ((double)(value.Total - value.Done) / value.Done))}";
            output.ClearLine();
            output.Write($"{text.Scanning} {value.Done.ToString(CultureInfo.InvariantCulture)}/{value.Total.ToString(CultureInfo.InvariantCulture)} ({text.Failed} {value.Failed.ToString(CultureInfo.InvariantCulture)}) {Duration(elapsed)}{left}");
            output.Flush();
            _drawn = true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                output.ClearLine();
                output.Flush();
                _drawn = false;
            }
        }
    }

    private static string Duration(TimeSpan time) =>
        time.TotalSeconds < 60 ? $"{time.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s"
        : time.TotalMinutes < 60 ? $"{((int)time.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min {time.Seconds.ToString(CultureInfo.InvariantCulture)} s"
        : $"{((int)time.TotalHours).ToString(CultureInfo.InvariantCulture)} h {time.Minutes.ToString(CultureInfo.InvariantCulture)} min";
}
