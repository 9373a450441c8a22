using SshDoctor.Probing;
using SshDoctor.Probing.UserSsh;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>A resolved target built by hand, for tests that drive the probe's parts without a config resolution.</summary>
internal static class Targets
{
    public static ProbeTarget Direct(string host, int port, string user = "root", string? alias = null) => new()
    {
        Alias = alias ?? host,
        HostName = host,
        Port = port,
        User = user,
        KnownHostsName = host,
        ClientAlgorithms = ClientAlgorithmDefaults.For(ClientVersion.Latest),
        ConfigSource = "test",
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };
}
