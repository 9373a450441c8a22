using System.Runtime.CompilerServices;

namespace SshDoctor.Logs.Bulk;

/// <summary>Strings compared as objects (by reference), for tables whose keys are interned strings.</summary>
internal sealed class SameObject : IEqualityComparer<string>
{
    public static readonly SameObject Instance = new();

    public bool Equals(string? x, string? y) => ReferenceEquals(x, y);

    public int GetHashCode(string obj) => RuntimeHelpers.GetHashCode(obj);
}
