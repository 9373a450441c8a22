namespace SshDoctor.Cli;

/// <summary>Bad usage or unreadable input: reported as one clear line and exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
