using System.Text;
using SshDoctor.Audit;
using SshDoctor.Audit.Server;
using SshDoctor.Diagnosis;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// alice's ~/.ssh/authorized_keys: each line's options, key and comment (<see cref="AuthorizedKeyLine.Parse"/>), then the
/// server audit's check of the file (StrictModes walk, syntax, weak keys).
/// </summary>
public sealed class AuthorizedKeysHarness : IHarness
{
    public string Name => "authorized-keys";

    public string Covers => "AuthorizedKeyLine.Parse (options, key, comment), PublicKeyInfo.FromLine, AuthorizedKeysCheck";

    public void Run(byte[] input)
    {
        foreach (var line in Encoding.UTF8.GetString(input).Split('\n'))
        {
            if (AuthorizedKeyLine.Parse(line.TrimEnd('\r').Trim()) is { } key)
            {
                ProducedText.CheckAll(key, "authorized key");
                ProducedText.Check(key.Key.Fingerprint, "fingerprint");
            }
        }

        var fs = new MemoryFileSystem().Add(AuditFixtures.Home + "/.ssh/authorized_keys", input);
        var sink = new AuditSink("users", EvidenceSource.Server);
        new AuthorizedKeysCheck().Run(AuditFixtures.Server(fs, "192.0.2.7"), sink);
        ProducedText.CheckAll(sink.Findings, "findings");
        ProducedText.CheckAll(sink.Diagnoses, "diagnoses");
    }
}
