namespace SshDoctor.Logs.Bulk;

/// <summary>What <see cref="BoundedCounter{TCounts}"/> keeps per key: a count it prunes by.</summary>
public interface ICountedValue<TSelf>
    where TSelf : struct
{
    /// <summary>All the key counted: the bound drops the keys with the smallest.</summary>
    long Count { get; }
}
