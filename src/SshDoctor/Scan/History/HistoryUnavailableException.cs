namespace SshDoctor.Scan.History;

/// <summary>The history cannot be opened or written: a clear error before any connection is made (exit 2).</summary>
public sealed class HistoryUnavailableException(string message) : Exception(message);
