using System.Buffers;

namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// The one shell-quoting function for text placed into a command the user may copy (POSIX sh, so also bash, dash and
/// zsh). A word made only of characters no shell treats specially stays as it is, for readability
/// (<c>/home/alice/.ssh/id_ed25519</c>); anything else goes in single quotes, inside which every character is literal,
/// each <c>'</c> written as <c>'\''</c> (close, escaped quote, reopen).
/// </summary>
public static class ShellQuote
{
    // Letters, digits and @ % + = : , . / - _ mean nothing to sh outside a command's first word (Python's shlex uses
    // the same set); ~ # ! ^ * ? [ ] { } and everything else are quoted.
    private static readonly SearchValues<char> Plain = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%+=:,./-_");

    /// <summary><paramref name="value"/> as one literal word of a POSIX shell command.</summary>
    public static string Word(string value) =>
        NeedsNoQuoting(value) ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>True when <paramref name="value"/> is already one literal word as it stands.</summary>
    public static bool NeedsNoQuoting(string value) => value.Length > 0 && !value.AsSpan().ContainsAnyExcept(Plain);
}
