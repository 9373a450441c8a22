using System.Globalization;

namespace SshDoctor.Probing;

/// <summary>Durations as people read them in a report.</summary>
internal static class Timing
{
    public static string Ms(TimeSpan elapsed) =>
        elapsed.TotalMilliseconds < 10
            ? elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms"
            : elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
