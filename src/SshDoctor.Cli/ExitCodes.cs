namespace SshDoctor.Cli;

/// <summary>Documented exit codes (README, "Exit codes"). Scripts rely on them: never renumber.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing wrong was found.</summary>
    public const int Ok = 0;

    /// <summary>At least one problem was diagnosed.</summary>
    public const int ProblemFound = 1;

    /// <summary>Bad usage or unreadable input: the message says what to change.</summary>
    public const int UsageOrInput = 2;

    /// <summary>The doctor itself failed (a bug): please report it.</summary>
    public const int Internal = 3;

    /// <summary><c>scan</c> stopped by SIGINT (Ctrl-C), as a shell reports a process it ended: 128 + 2. What was done is kept.</summary>
    public const int Interrupted = 130;

    /// <summary><c>scan</c> stopped by SIGTERM: 128 + 15. What was done is kept.</summary>
    public const int Terminated = 143;
}
