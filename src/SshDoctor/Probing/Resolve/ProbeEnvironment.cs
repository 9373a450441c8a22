using SshDoctor.Probing.UserSsh;

namespace SshDoctor.Probing.Resolve;

/// <summary>The edges the probe touches besides the network: home directory, user name, environment, the user's ssh.</summary>
public sealed record ProbeEnvironment
{
    public required string Home { get; init; }

    public required string LocalUser { get; init; }

    public required Func<string, string?> Variable { get; init; }

    /// <summary>The user's ssh, or null to resolve the configuration with the built-in parser.</summary>
    public SshExecutable? Ssh { get; init; }

    public static ProbeEnvironment FromProcess() => new()
    {
        Home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        LocalUser = Environment.UserName,
        Variable = Environment.GetEnvironmentVariable,
        Ssh = SshExecutable.Find(Environment.GetEnvironmentVariable),
    };
}
