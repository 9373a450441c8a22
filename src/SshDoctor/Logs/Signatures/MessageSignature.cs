using System.Text.RegularExpressions;

namespace SshDoctor.Logs.Signatures;

/// <summary>Which program writes a message: the ssh client, a server (sshd, Dropbear) or a helper on the server (fail2ban, PAM).</summary>
public enum LogSide
{
    Client,
    Server,
}

/// <summary>
/// One message OpenSSH (or a neighbour) writes, as data: the exact text shape, where in the source it comes from,
/// the versions that print it, and the diagnosis it proves (or null for a plain event such as a stage marker).
/// </summary>
public sealed class MessageSignature
{
    /// <summary>The options every signature pattern is compiled with (also in <see cref="CompiledSignatures"/>).</summary>
    public const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>
    /// Generous: a pause of the whole process (GC, a loaded machine) must not turn a good line into an unknown one; lines
    /// are at most 16 KiB, so a pathological pattern still ends.
    /// </summary>
    public const int MatchTimeoutMilliseconds = 5000;

    private Regex? _regex;
    private SignatureReader? _reader;
    private bool _readerLooked;
    private string?[]? _groupNames;

    public static TimeSpan MatchTimeout => TimeSpan.FromMilliseconds(MatchTimeoutMilliseconds);

    /// <summary>Stable name, e.g. <c>client.connect-failed</c> or <c>sshd.invalid-user</c>; events carry it as their kind.</summary>
    public required string Name { get; init; }

    public required LogSide Side { get; init; }

    /// <summary>A literal every matching message contains (ordinal); the cheap test run before the pattern.</summary>
    public required string Anchor { get; init; }

    /// <summary>The message shape (without syslog prefix or <c>debug1:</c>), with named groups: user, ip, port, host, file, line, path, reason...</summary>
    public required string Pattern { get; init; }

    /// <summary>The diagnosis id this message points at, or null for an event that is not a failure by itself.</summary>
    public string? DiagnosisId { get; init; }

    /// <summary>When a line of this signature that proves no diagnosis counts as a failed attempt (<see cref="AttemptWhen"/>).</summary>
    public AttemptWhen Attempt { get; init; }

    /// <summary>The OpenSSH (or other) source that writes it, e.g. <c>sshconnect.c:ssh_connect_direct()</c>.</summary>
    public required string EmittedBy { get; init; }

    /// <summary>The versions that print this shape, e.g. <c>7.4–10.5</c>.</summary>
    public required string Versions { get; init; }

    /// <summary>
    /// The pattern's source-generated regex (<see cref="CompiledSignatures"/>, kept in step with the tables by a test); a
    /// signature made outside the tables (a test's) gets an interpreted one.
    /// </summary>
    public Regex Regex => _regex ??= CompiledSignatures.Of(Pattern) ?? new Regex(Pattern, Options, MatchTimeout);

    /// <summary>
    /// The pattern as generated C# (<see cref="SignatureReaders"/>): the regex's answer for ASCII messages, without an
    /// allocation; null for a signature made outside the tables (a test's).
    /// </summary>
    public SignatureReader? Reader
    {
        get
        {
            if (!Volatile.Read(ref _readerLooked))
            {
                _reader = SignatureReaders.Of(Pattern);
                Volatile.Write(ref _readerLooked, true);
            }

            return _reader;
        }
    }

    /// <summary>The group names of <see cref="Regex"/> by number less one (group 1 first; the whole match has none).</summary>
    public IReadOnlyList<string?> GroupNames => _groupNames ??= Names(Regex);

    /// <summary>
    /// Whether a line of this signature is a failed attempt: <paramref name="failure"/> when it proves a diagnosis (then
    /// never an attempt), <paramref name="preauth"/> when sshd marked it <c>[preauth]</c>, <paramref name="invalidUser"/>
    /// when its <c>invalid</c> group matched.
    /// </summary>
    public bool IsAttempt(bool failure, bool preauth, bool invalidUser) => !failure && Attempt switch
    {
        AttemptWhen.Always => true,
        AttemptWhen.Preauth => preauth,
        AttemptWhen.InvalidUser => invalidUser,
        _ => false,
    };

    /// <summary>The group names by number less one.</summary>
    private static string?[] Names(Regex regex)
    {
        var numbers = regex.GetGroupNumbers();
        var names = new string?[numbers.Max()];
        foreach (var number in numbers.Where(n => n > 0))
        {
            names[number - 1] = regex.GroupNameFromNumber(number);
        }

        return names;
    }
}
