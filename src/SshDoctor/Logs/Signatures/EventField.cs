namespace SshDoctor.Logs.Signatures;

/// <summary>
/// A named group as code reads it from an event: the signature it belongs to (<see cref="EventNames"/>), or null for a
/// group read from events of several signatures (<see cref="EventNames.AnyEvent"/>).
/// </summary>
public readonly record struct EventField(string? Signature, string Group);
