namespace SshDoctor.Audit;

/// <summary>
/// The Include at which OpenSSH stops with "Too many recursive configuration includes": the Include line
/// (<paramref name="File"/>, <paramref name="Line"/>) and the file it names; <paramref name="Loop"/> when that file is
/// already being read (a loop), otherwise the 16 levels are simply exceeded.
/// </summary>
public sealed record IncludeTooDeep(string File, int Line, string Target, bool Loop)
{
    public string Where => $"{File}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
