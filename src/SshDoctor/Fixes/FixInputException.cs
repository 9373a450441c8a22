namespace SshDoctor.Fixes;

/// <summary>
/// A file cannot be changed safely as it is (unreadable, read-only, a directory, not the user's, full disk, a config ssh
/// itself refuses): the fix stops before touching anything, or puts back what it touched, and says why (exit 2).
/// </summary>
public sealed class FixInputException(string message, Exception? inner = null) : Exception(message, inner);
