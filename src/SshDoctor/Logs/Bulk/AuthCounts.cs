using System.Diagnostics.CodeAnalysis;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The failures and the attempts before authentication of one address or user, in one table entry: an attack brings
/// both from the same address, and two tables made two lookups and two bounds per key (an attack storm
/// spent a quarter more CPU in them).
/// </summary>
public struct AuthCounts : ICountedValue<AuthCounts>
{
    private TimedCount _failures;
    private TimedCount _attempts;

    /// <summary>The failures, in place: a caller adds to them through the table's reference, without a copy.</summary>
    [UnscopedRef]
    public ref TimedCount Failures => ref _failures;

    [UnscopedRef]
    public ref TimedCount Attempts => ref _attempts;

    /// <summary>What <see cref="BoundedCounter{TCounts}.Top"/> lists of a key: its failures, or its attempts.</summary>
    public static readonly Func<AuthCounts, TimedCount> FailuresOf = counts => counts.Failures;

    public static readonly Func<AuthCounts, TimedCount> AttemptsOf = counts => counts.Attempts;

    public readonly long Count => _failures.Count + _attempts.Count;
}
