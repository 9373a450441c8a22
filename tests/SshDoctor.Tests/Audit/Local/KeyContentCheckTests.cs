using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit.Local;

/// <summary>
/// check-local's key content check over keys made by the real ssh-keygen in a temporary home: what it says of each key
/// (type, bits, format, encryption, fingerprint — compared with <c>ssh-keygen -l</c>), weak keys, a .pub that is another
/// key's, and files that only look like keys.
/// </summary>
public sealed class KeyContentCheckTests : IDisposable
{
    private readonly AuditHome _home = new();

    [Theory]
    [InlineData("ed25519", null, "ED25519", 256)]
    [InlineData("ecdsa", 384, "ECDSA", 384)]
    [InlineData("rsa", 3072, "RSA", 3072)]
    public void Each_key_is_described_as_ssh_keygen_sees_it(string type, int? bits, string family, int expectedBits)
    {
        var key = _home.KeyGen("id_" + type, type, bits);

        var result = _home.Audit(new KeyContentCheck());

        var described = Assert.Single(result.Findings, f => f.Code == "key.describe");
        Assert.Equal(FindingSeverity.Info, described.Severity);
        Assert.Equal(key, described.Where);
        Assert.Equal(key, described.Values["path"]);
        Assert.Equal(family, described.Values["type"]);
        Assert.Equal(expectedBits.ToString(System.Globalization.CultureInfo.InvariantCulture), described.Values["bits"]);
        Assert.Equal("OpenSsh", described.Values["format"]);
        Assert.Equal("not encrypted", described.Values["encrypted"]);
        Assert.Equal(KeygenFingerprint(key + ".pub"), described.Values["fingerprint"]);
        Assert.Empty(result.Diagnoses);
        Assert.DoesNotContain(result.Findings, f => f.Code is "key.none" or "key.mismatch" or "key.weak");
    }

    [Fact]
    public void An_encrypted_key_is_said_to_be_encrypted_and_its_fingerprint_is_read_from_the_clear_public_part()
    {
        var key = _home.KeyGen("id_ed25519", "ed25519", passphrase: "secret words");

        var described = Assert.Single(_home.Audit(new KeyContentCheck()).Findings, f => f.Code == "key.describe");

        Assert.Equal("encrypted", described.Values["encrypted"]);
        Assert.Equal(KeygenFingerprint(key + ".pub"), described.Values["fingerprint"]);
    }

    [Fact]
    public void A_pem_rsa_key_is_read_in_its_format()
    {
        var key = _home.KeyGen("id_rsa", "rsa", 2048);
        Assert.Equal(0, Shell.Run($"ssh-keygen -q -p -N '' -m PEM -f '{key}'").Code);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", File.ReadAllText(key), StringComparison.Ordinal);

        var described = Assert.Single(_home.Audit(new KeyContentCheck()).Findings, f => f.Code == "key.describe");

        Assert.Equal("Pem", described.Values["format"]);
        Assert.Equal("2048", described.Values["bits"]);
        Assert.Equal(KeygenFingerprint(key + ".pub"), described.Values["fingerprint"]);
    }

    [Theory]
    [InlineData("rsa", 1024, "RSA", "1024")]
    [InlineData("dsa", null, "DSA", "1024")]
    public void A_weak_key_is_a_proven_key_weak_with_its_type_and_size(string type, int? bits, string family, string expectedBits)
    {
        var key = _home.KeyGen("id_" + type, type, bits);

        var result = _home.Audit(new KeyContentCheck());

        var weak = Assert.Single(result.Findings, f => f.Code == "key.weak");
        Assert.Equal(FindingSeverity.Problem, weak.Severity);
        Assert.Equal(DiagnosisIds.KeyWeak, weak.DiagnosisId);
        Assert.Equal(key, weak.Where);
        Assert.Equal(family, weak.Values["type"]);
        Assert.Equal(expectedBits, weak.Values["bits"]);
        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal(DiagnosisIds.KeyWeak, diagnosis.Id);
        Assert.Equal(Certainty.Proven, diagnosis.Certainty);
        Assert.Equal($"{family} {expectedBits} bits: {key}", diagnosis.Evidence[0].Text);
    }

    [Fact]
    public void An_rsa_key_of_2048_bits_is_not_weak()
    {
        _home.KeyGen("id_rsa", "rsa", 2048);

        var result = _home.Audit(new KeyContentCheck());

        Assert.DoesNotContain(result.Findings, f => f.Code == "key.weak");
        Assert.Empty(result.Diagnoses);
    }

    [Fact]
    public void A_pub_file_of_another_key_is_a_proven_key_mismatch_naming_both_fingerprints()
    {
        var key = _home.KeyGen("id_ed25519", "ed25519");
        var other = _home.KeyGen("other", "ed25519");
        var keyFingerprint = KeygenFingerprint(key + ".pub");
        File.Copy(other + ".pub", key + ".pub", overwrite: true);

        var result = _home.Audit(new KeyContentCheck());

        var mismatch = Assert.Single(result.Findings, f => f.Code == "key.mismatch");
        Assert.Equal(key + ".pub", mismatch.Where);
        Assert.Equal(key, mismatch.Values["key"]);
        Assert.Equal(KeygenFingerprint(other + ".pub"), mismatch.Values["pub_fingerprint"]);
        Assert.Equal(keyFingerprint, mismatch.Values["key_fingerprint"]);
        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal((DiagnosisIds.KeyMismatch, Certainty.Proven), (diagnosis.Id, diagnosis.Certainty));
    }

    [Fact]
    public void A_pub_file_that_is_no_public_key_is_unreadable_not_a_mismatch()
    {
        var key = _home.KeyGen("id_ed25519", "ed25519");
        File.WriteAllText(key + ".pub", "this is not a key\n");

        var result = _home.Audit(new KeyContentCheck());

        Assert.Equal(key + ".pub", Assert.Single(result.Findings, f => f.Code == "key.pub-unreadable").Values["path"]);
        Assert.Empty(result.Diagnoses);
    }

    [Fact]
    public void A_file_that_looks_like_a_key_but_is_not_one_is_unreadable()
    {
        var path = _home.Write("id_broken", "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n");

        var result = _home.Audit(new KeyContentCheck());

        var unreadable = Assert.Single(result.Findings, f => f.Code == "key.unreadable");
        Assert.Equal(FindingSeverity.Warning, unreadable.Severity);
        Assert.Equal(path, unreadable.Values["path"]);
        Assert.Equal("invalid format", unreadable.Values["problem"]);
        Assert.DoesNotContain(result.Findings, f => f.Code == "key.describe");
    }

    [Fact]
    public void A_putty_key_is_described_and_said_to_be_unusable_by_openssh()
    {
        var key = _home.KeyGen("made", "ed25519");
        var blob = File.ReadAllText(key + ".pub").Split(' ')[1];
        var ppk = _home.Write("id_putty.ppk", $"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: made\nPublic-Lines: 2\n{blob[..40]}\n{blob[40..]}\nPrivate-Lines: 1\nAAAA\nPrivate-MAC: 00\n");
        File.Delete(key);
        File.Delete(key + ".pub");

        var result = _home.Audit(new KeyContentCheck());

        Assert.Equal(ppk, Assert.Single(result.Findings, f => f.Code == "key.putty").Values["path"]);
        var described = Assert.Single(result.Findings, f => f.Code == "key.describe");
        Assert.Equal(("PuTTY", "ED25519"), (described.Values["format"], described.Values["type"]));
    }

    [Fact]
    public void A_directory_without_keys_says_so()
    {
        _home.Write("config", "Host *\n");

        var result = _home.Audit(new KeyContentCheck());

        Assert.Equal(_home.Ssh, Assert.Single(result.Findings, f => f.Code == "key.none").Values["path"]);
    }

    private static string KeygenFingerprint(string publicKey)
    {
        var listed = Shell.Run($"ssh-keygen -l -E sha256 -f '{publicKey}'");
        Assert.Equal(0, listed.Code);
        return listed.Stdout.Split(' ')[1];
    }

    public void Dispose() => _home.Dispose();
}
