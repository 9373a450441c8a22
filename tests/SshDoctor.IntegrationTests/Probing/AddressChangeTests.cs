using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// dns.changed from known_hosts: the name (here <c>localhost</c>, which resolves to 127.0.0.1) was recorded with another
/// address, as ssh records <c>name,address</c> with CheckHostIP.
/// </summary>
public sealed class AddressChangeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_name_recorded_with_another_address_is_a_possible_move_when_the_key_still_matches()
    {
        await using var server = await SshdServer.StartAsync(["HostKeyAlgorithms ssh-ed25519"]);
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"[localhost]:{server.Port},[127.0.0.2]:{server.Port} {TestKeys.PublicKeyLine("ed25519")}\n", Token);

        var result = await harness.RunAsync("root@localhost", server.Port, options: ["AddressFamily=inet"]);

        var moved = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.DnsChanged);
        Assert.Equal(Certainty.Possible, moved.Certainty);
        Assert.Equal("127.0.0.2", moved.Values["old_address"]);
        Assert.Equal("127.0.0.1", moved.Values["new_address"]);
        Assert.Contains(moved.Evidence, e => e.Where == harness.KnownHostsFile + ":1");
    }

    [Fact]
    public async Task A_changed_key_at_a_new_address_names_the_move_beside_the_changed_key()
    {
        await using var server = await SshdServer.StartAsync(["HostKeyAlgorithms ssh-ed25519"]);
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"[localhost]:{server.Port},[127.0.0.2]:{server.Port} {TestKeys.PublicKeyLine("other-host")}\n", Token);

        var result = await harness.RunAsync("root@localhost", server.Port, options: ["AddressFamily=inet"]);

        Assert.Contains(result.Diagnoses, d => d.Id == DiagnosisIds.HostKeyChanged);
        Assert.Contains(result.Diagnoses, d => d.Id == DiagnosisIds.DnsChanged && d.Certainty == Certainty.Likely);
    }

    [Theory]
    [InlineData("[localhost]:{0},[127.0.0.1]:{0}")]
    [InlineData("[localhost]:{0}")]
    public async Task The_same_address_or_no_recorded_address_is_no_move(string patterns)
    {
        await using var server = await SshdServer.StartAsync(["HostKeyAlgorithms ssh-ed25519"]);
        using var harness = new ProbeHarness();
        var hosts = string.Format(System.Globalization.CultureInfo.InvariantCulture, patterns, server.Port);
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"{hosts} {TestKeys.PublicKeyLine("ed25519")}\n", Token);

        var result = await harness.RunAsync("root@localhost", server.Port, options: ["AddressFamily=inet"]);

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.DnsChanged);
        Assert.Equal(StageStatus.Ok, result.Stages.Single(s => s.Stage == Stage.HostKey).Status);
    }
}
