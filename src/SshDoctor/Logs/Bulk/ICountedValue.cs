namespace SshDoctor.Logs.Bulk;

/// <summary>What <see cref="BoundedCounter{TCounts}"/> keeps per key: a count it prunes by.</summary>
public interface ICountedValue<TSelf>
    where TSelf : struct
{
    /// <summary>
    /// All the key counted: the bound drops the keys with the smallest. Never less than what a part of it counts
    /// (<see cref="BoundedCounter{TCounts}.Top"/> passes over a key whose whole count is below its list's last).
    /// </summary>
    long Count { get; }
}
