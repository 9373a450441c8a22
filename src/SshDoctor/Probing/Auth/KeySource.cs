namespace SshDoctor.Probing.Auth;

/// <summary>Where a candidate key comes from.</summary>
public enum KeySource
{
    Agent,
    File,
}
