using System.Security.Cryptography;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Tests.Ssh;

/// <summary>Every cipher and MAC seals a packet that the matching receiver opens (padding, alignment, tags, sequence numbers).</summary>
public sealed class PacketChannelTests
{
    public static TheoryData<string, string?> Combinations()
    {
        var data = new TheoryData<string, string?>();
        foreach (var cipher in SupportedAlgorithms.Ciphers)
        {
            if (CipherCatalog.IsAead(cipher))
            {
                data.Add(cipher, null);
                continue;
            }

            foreach (var mac in SupportedAlgorithms.Macs)
            {
                data.Add(cipher, mac);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Sealed_packets_open_in_order(string cipher, string? mac)
    {
        var (keySize, ivSize) = CipherCatalog.Sizes(cipher);
        var key = RandomNumberGenerator.GetBytes(keySize);
        var iv = RandomNumberGenerator.GetBytes(ivSize);
        var macKey = mac is null ? null : RandomNumberGenerator.GetBytes(MacCatalog.KeySize(mac));
        using var wire = new MemoryStream();
        using var sender = new PacketChannel(wire, new InputBuffer(wire, 40000), 35000);
        sender.SetSendProtection(CipherCatalog.Create(cipher, mac, key, iv, macKey, encrypting: true));
        var payloads = new[] { new byte[] { 5 }, RandomNumberGenerator.GetBytes(17), RandomNumberGenerator.GetBytes(1000), RandomNumberGenerator.GetBytes(32000) };
        foreach (var payload in payloads)
        {
            await sender.SendAsync(payload, TestContext.Current.CancellationToken);
        }

        wire.Position = 0;
        using var receiver = new PacketChannel(wire, new InputBuffer(wire, 40000), 35000);
        receiver.SetReceiveProtection(CipherCatalog.Create(cipher, mac, key, iv, macKey, encrypting: false));
        foreach (var payload in payloads)
        {
            Assert.Equal(payload, await receiver.ReceiveAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task A_flipped_bit_fails_integrity()
    {
        var key = RandomNumberGenerator.GetBytes(64);
        using var wire = new MemoryStream();
        using var sender = new PacketChannel(wire, new InputBuffer(wire, 40000), 35000);
        sender.SetSendProtection(CipherCatalog.Create("chacha20-poly1305@openssh.com", null, key, [], null, encrypting: true));
        await sender.SendAsync(new byte[] { 1, 2, 3 }, TestContext.Current.CancellationToken);
        var bytes = wire.ToArray();
        bytes[10] ^= 1;

        using var tampered = new MemoryStream(bytes);
        using var receiver = new PacketChannel(tampered, new InputBuffer(tampered, 40000), 35000);
        receiver.SetReceiveProtection(CipherCatalog.Create("chacha20-poly1305@openssh.com", null, key, [], null, encrypting: false));
        await Assert.ThrowsAsync<SshProtocolException>(() => receiver.ReceiveAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Oversized_length_is_refused_before_reading_the_body()
    {
        using var wire = new MemoryStream([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]);
        using var receiver = new PacketChannel(wire, new InputBuffer(wire, 40000), 35000);
        await Assert.ThrowsAsync<PacketTooLargeException>(() => receiver.ReceiveAsync(TestContext.Current.CancellationToken));
    }
}
