using SshDoctor.Probing;
using SshDoctor.Ssh.Agent;
using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Tests.Probing;

/// <summary>The order ssh offers keys in, and reading public halves without a passphrase.</summary>
public sealed class CandidateKeyTests : IDisposable
{
    // Public key lines only (no private material needed for ordering).
    private const string KeyA = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPlr12qi3cjWguQzbQni+f9gF4oUmsccsTyTAArriXXg a";
    private const string KeyB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8bDSSUnukRCAuvdZSFuR16jN58qRI1YEtfRYhdNQV b";
    private const string KeyC = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKZ09CBsFnVALettZ2ReJdCYWXSjCuqhQIw8fvWdvJFW c";
    private readonly string _directory = Directory.CreateTempSubdirectory("sshdoctor-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Agent_keys_matching_identity_files_come_first_then_other_agent_keys_then_files()
    {
        var fileB = KeyFile("id_b", KeyB);
        var fileC = KeyFile("id_c", KeyC);
        var agent = new[] { Agent(KeyA, "agent-a"), Agent(KeyB, "agent-b") };

        var set = CandidateKeyCollector.Collect(Target([fileC, fileB], identitiesOnly: false), agent, "2 keys");

        Assert.Equal([fileB, "agent-a", fileC], set.Keys.Select(k => k.Identity));
        Assert.Equal([KeySource.Agent, KeySource.Agent, KeySource.File], set.Keys.Select(k => k.Source));
    }

    [Fact]
    public void IdentitiesOnly_drops_agent_keys_without_a_file()
    {
        var fileC = KeyFile("id_c", KeyC);

        var set = CandidateKeyCollector.Collect(Target([fileC], identitiesOnly: true), [Agent(KeyA, "agent-a")], "1 key");

        Assert.Equal([fileC], set.Keys.Select(k => k.Identity));
    }

    [Fact]
    public void A_missing_explicit_file_is_reported_but_missing_default_files_are_normal()
    {
        var missing = Path.Combine(_directory, "nope");

        Assert.Equal([missing], CandidateKeyCollector.Collect(Target([missing], false), [], "").MissingExplicitFiles);
        Assert.Empty(CandidateKeyCollector.Collect(Target([Path.Combine(_directory, ".ssh", "id_rsa")], false), [], "").MissingExplicitFiles);
    }

    [Fact]
    public void Garbage_is_not_an_openssh_key()
    {
        Assert.Null(OpenSshKeyFile.TryReadPublic("-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n"));
        Assert.Null(OpenSshKeyFile.TryReadPublic("hello"));
    }

    private string KeyFile(string name, string publicLine)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, "not parsed: the .pub is used\n");
        File.WriteAllText(path + ".pub", publicLine + "\n");
        return path;
    }

    private static AgentIdentity Agent(string line, string comment) => new(SshPublicKey.TryParseOpenSshLine(line)!, comment);

    private static ProbeTarget Target(string[] files, bool identitiesOnly) => new()
    {
        Alias = "h",
        HostName = "h",
        Port = 22,
        User = "u",
        KnownHostsName = "h",
        IdentityFiles = files,
        IdentitiesOnly = identitiesOnly,
        ClientAlgorithms = new UserClientAlgorithms([], [], [], [], "test"),
        ConfigSource = "test",
    };
}
