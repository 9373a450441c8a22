namespace SshDoctor.Cli.Completion;

/// <summary>Quoting and shortening shared by the script generators.</summary>
internal static class ShellWords
{
    /// <summary>A word in single quotes for sh, bash, zsh (a quote inside ends the quoting, is escaped, and resumes it).</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A word in single quotes for fish (backslash and quote escaped inside).</summary>
    public static string FishQuote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>The first sentence of a description, for a completion menu.</summary>
    public static string FirstSentence(string description)
    {
        var end = description.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end < 0 ? description : description[..end];
        return sentence.TrimEnd('.');
    }

    /// <summary>The function-name form of a command name ("check-local" → "check_local").</summary>
    public static string Identifier(string name) => name.Replace('-', '_');
}
