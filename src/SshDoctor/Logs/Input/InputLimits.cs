namespace SshDoctor.Logs.Input;

/// <summary>Bounds on what one input may cost: a garbage or hostile file cannot exhaust memory or time.</summary>
public sealed record InputLimits(long MaxBytes, int MaxLineChars, int MaxLines)
{
    /// <summary>Bytes after which an input that is mostly control bytes is judged binary and no more of it is read.</summary>
    public long BinaryVerdictBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Enough for any real <c>ssh -vvv</c> log or a day of a busy server's sshd lines, far below what would hurt.</summary>
    public static InputLimits Default { get; } = new(MaxBytes: 64L * 1024 * 1024, MaxLineChars: 16 * 1024, MaxLines: 500_000);
}
