using System.Text.RegularExpressions;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// A signature's pattern, interpreted at first and compiled to IL once it has been used often enough to pay back the
/// compile (a few milliseconds): a short log costs no compile, a long one runs the fast matcher. Under NativeAOT
/// <see cref="RegexOptions.Compiled"/> is ignored and the interpreter stays.
/// </summary>
internal sealed class AdaptiveRegex(string pattern)
{
    private const int UsesBeforeCompiling = 2000;
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    // Generous: a pause of the whole process (GC, a loaded machine) must not turn a good line into an unknown one.
    // Lines are at most LineClassifier.MaxLineChars long, so a pathological pattern still ends.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Regex interpreted = new(pattern, Options, Timeout);
    private Regex? compiled;
    private int uses;

    public Regex Current
    {
        get
        {
            if (Volatile.Read(ref compiled) is { } fast)
            {
                return fast;
            }

            if (Interlocked.Increment(ref uses) == UsesBeforeCompiling)
            {
                // Other threads keep the interpreter until the compiled one is ready.
                Volatile.Write(ref compiled, new Regex(pattern, Options | RegexOptions.Compiled, Timeout));
            }

            return interpreted;
        }
    }
}
