namespace SshDoctor.Logs.Input;

/// <summary>The cleaned lines of one input and what was cut to keep within <see cref="InputLimits"/>.</summary>
public sealed record InputText(string Name, IReadOnlyList<SourceLine> Lines, IReadOnlyList<string> Notes)
{
    /// <summary>True when most of the bytes were not text: the input is probably not a log at all.</summary>
    public bool LooksBinary { get; init; }
}
