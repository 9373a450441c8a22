using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Install.Infrastructure;

/// <summary>
/// A home whose ~/.ssh names destinations the way users write them: Host lines with several names, patterns and a
/// negation (not offered), an Include with a wildcard, known_hosts with a port, a hashed name (unreadable, not
/// offered), a comma list and a @cert-authority line (not a host). And a bin directory where ssh-doctor is the JIT build.
/// </summary>
internal sealed class CompletionHome : IDisposable
{
    private readonly TempDirectory _directory = new();

    public CompletionHome()
    {
        var ssh = Directory.CreateDirectory(_directory.File(".ssh")).FullName;
        Directory.CreateDirectory(Path.Combine(ssh, "config.d"));
        File.WriteAllText(Path.Combine(ssh, "config"), "Host web1 web2 *.corp !bad\n    User alice\nInclude config.d/*\n");
        File.WriteAllText(Path.Combine(ssh, "config.d", "jump"), "Host=bastion\n  HostName 192.0.2.1\n");
        File.WriteAllText(Path.Combine(ssh, "known_hosts"), string.Join('\n',
            "[git.example]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
            "|1|F1E1KeoE/eEWhi10WpGv4OdiO6Y=|3988QV0VE8wmZL7suNrYQLITLCg= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
            "files.example,192.0.2.7 ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ",
            "@cert-authority *.corp ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
            ""));
        Bin = Directory.CreateDirectory(_directory.File("bin")).FullName;
        var wrapper = Path.Combine(Bin, "ssh-doctor");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{Checkout.JitDll}' \"$@\"\n");
        Programs.Run("chmod", ["755", wrapper]);
    }

    /// <summary>Where the JIT build is on PATH as ssh-doctor.</summary>
    public string Bin { get; }

    public string PathOf(string name) => _directory.File(name);

    /// <summary>HOME is this home, and <paramref name="programs"/> (where ssh-doctor is) comes first on PATH.</summary>
    public Dictionary<string, string?> Environment(string? programs = null) => new()
    {
        ["HOME"] = _directory.Path,
        ["PATH"] = (programs ?? Bin) + ":/usr/local/bin:/usr/bin:/bin",
        ["XDG_DATA_DIRS"] = null,
        ["XDG_CONFIG_HOME"] = _directory.File(".config"),
    };

    public void Dispose() => _directory.Dispose();
}
