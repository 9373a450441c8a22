namespace SshDoctor.Logs.Input;

/// <summary>One line of an input, cleaned of terminal noise, with where it came from.</summary>
public sealed record SourceLine(string Input, int Number, string Text)
{
    public string Where => $"{Input}:{Number}";
}
