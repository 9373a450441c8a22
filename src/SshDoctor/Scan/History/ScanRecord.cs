namespace SshDoctor.Scan.History;

/// <summary>One scan in the history: when it ran, whether it ended (a scan killed half-way is incomplete), how many hosts it had and recorded.</summary>
public sealed record ScanRecord(long Id, DateTimeOffset Started, DateTimeOffset? Finished, bool Complete, int Hosts, int Recorded);
