namespace SshDoctor.Diagnosis;

/// <summary>One fact that supports a diagnosis: the text as seen and where it was seen (file:line).</summary>
public sealed record Evidence(EvidenceSource Source, string Text, string? Where = null);
