namespace SshDoctor.Tests.TestSupport;

/// <summary>A clock that stands still at <paramref name="now"/>, for code that takes a <see cref="TimeProvider"/>.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
