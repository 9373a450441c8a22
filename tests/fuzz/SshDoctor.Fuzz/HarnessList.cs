using SshDoctor.Fuzz.Harnesses;

namespace SshDoctor.Fuzz;

/// <summary>Every harness, by name. A new harness: a class in Harnesses/, a line here, a corpus folder (README.md).</summary>
public static class HarnessList
{
    public static IReadOnlyList<IHarness> All { get; } =
    [
        new ClientLogHarness(),
        new ServerLogHarness(),
        new BulkLogsHarness(),
        new JournalJsonHarness(),
        new KnownHostsHarness(),
        new SshConfigHarness(),
        new SshdConfigHarness(),
        new AuthorizedKeysHarness(),
        new KeyFileHarness(),
        new CertificateHarness(),
        new PacketHarness(),
        new AgentReplyHarness(),
    ];

    public static IHarness? Find(string name) => All.FirstOrDefault(h => h.Name == name);
}
