using SshDoctor.Probing;
using SshDoctor.Probing.Auth;
using SshDoctor.Probing.UserSsh;
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

    [Fact]
    public void An_IdentityFile_cert_pub_is_offered_right_after_its_key()
    {
        var key = Keygen("id_user", "");
        Sign(key, "");

        var set = CandidateKeyCollector.Collect(Target([key], false), [], "");

        Assert.Equal([key, key], set.Keys.Select(k => k.Identity));
        Assert.Null(set.Keys[0].Certificate);
        Assert.Equal(key + "-cert.pub", set.Keys[1].CertificateFile);
        Assert.Equal("ssh-ed25519-cert-v01@openssh.com", set.Keys[1].PublicKey.KeyType);
        Assert.Equal(key, set.Keys[1].PrivateKeyFile);
    }

    [Fact]
    public void A_CertificateFile_comes_first_and_replaces_the_IdentityFile_cert_pub_lookup()
    {
        var key = Keygen("id_user", "");
        Sign(key, "");
        var other = Path.Combine(_directory, "issued-cert.pub");
        File.Copy(key + "-cert.pub", other);

        var set = CandidateKeyCollector.Collect(Target([key], false) with { CertificateFiles = [other] }, [], "");

        Assert.Equal([other, key], set.Keys.Select(k => k.Identity));
        Assert.Equal(key, set.Keys[0].PrivateKeyFile);
        Assert.Equal(other, set.Keys[0].CertificateFile);
    }

    [Fact]
    public void A_host_certificate_next_to_an_identity_file_is_not_offered()
    {
        var key = Keygen("id_user", "");
        Sign(key, "-h");

        Assert.Equal([key], CandidateKeyCollector.Collect(Target([key], false), [], "").Keys.Select(k => k.Identity));
    }

    [Fact]
    public void A_PEM_key_without_its_pub_file_is_read_and_an_encrypted_one_is_marked()
    {
        var plain = Keygen("id_pem", "", "-t rsa -b 2048 -m PEM");
        var encrypted = Keygen("id_pem_encrypted", "secret", "-t ecdsa -m PEM");
        var expected = SshPublicKey.TryParseOpenSshLine(File.ReadAllText(plain + ".pub"))!;
        File.Delete(plain + ".pub");

        var set = CandidateKeyCollector.Collect(Target([plain, encrypted], false), [], "");

        Assert.True(set.Keys[0].PublicKey.SameKeyAs(expected.Blob.Span));
        Assert.False(set.Keys[0].Encrypted);
        Assert.True(set.Keys[1].Encrypted);
    }

    private string Keygen(string name, string passphrase, string type = "-t ed25519")
    {
        SshDoctor.Tests.Audit.Shell.Require(SshDoctor.Tests.Audit.Shell.Has("ssh-keygen"), "ssh-keygen (openssh-client) is not installed");
        var path = Path.Combine(_directory, name);
        var made = SshDoctor.Tests.Audit.Shell.Run($"ssh-keygen -q {type} -N '{passphrase}' -f {path}");
        Assert.True(made.Code == 0, made.Stderr);
        return path;
    }

    private void Sign(string key, string options)
    {
        var ca = Path.Combine(_directory, "ca-" + Path.GetFileName(key));
        var made = SshDoctor.Tests.Audit.Shell.Run($"ssh-keygen -q -t ed25519 -N '' -f {ca} && ssh-keygen -q -s {ca} -I test -n u {options} {key}.pub");
        Assert.True(made.Code == 0, made.Stderr);
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
