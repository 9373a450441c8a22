using System.Diagnostics;

namespace SshDoctor.Fuzz;

/// <summary>Runs saved inputs through a harness without afl-fuzz: one line per file, exit 1 when any of them fails.</summary>
internal static class Replay
{
    public static int Files(IHarness harness, IEnumerable<string> paths)
    {
        var failed = 0;
        foreach (var path in paths)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                harness.Run(File.ReadAllBytes(path));
                Console.WriteLine($"ok    {Stopwatch.GetElapsedTime(started).TotalMilliseconds,8:0.0} ms  {path}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"FAIL  {Stopwatch.GetElapsedTime(started).TotalMilliseconds,8:0.0} ms  {path}");
                Console.WriteLine(e.ToString());
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
