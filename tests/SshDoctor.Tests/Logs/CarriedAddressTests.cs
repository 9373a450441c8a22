using System.Globalization;
using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// Past the interner's capacity a new address travels as its key (<see cref="AddressKey"/>), not as a string: the
/// counts per address, the address a connection lends its later lines and the address each line shows must be those
/// of the text, for IPv4 and IPv6 (which keep their strings, as do zones, counted without them), on both of the
/// summary's paths.
/// </summary>
public class CarriedAddressTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Addresses_carried_without_strings_are_counted_lent_and_shown_as_their_texts(bool tally)
    {
        const int Connections = 60_000;
        var addresses = Enumerable.Range(0, Connections).Select(AddressOf).ToArray();
        var log = new StringBuilder();
        for (var i = 0; i < Connections; i++)
        {
            var time = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(i / 10);
            var stamp = string.Create(CultureInfo.InvariantCulture, $"{time:MMM} {time.Day,2} {time:HH:mm:ss}");
            log.Append(CultureInfo.InvariantCulture, $"{stamp} web1 sshd[{2000 + i}]: Failed password for invalid user u{i % 50} from {addresses[i]} port {1024 + (i % 60000)} ssh2\n");
            log.Append(CultureInfo.InvariantCulture, $"{stamp} web1 sshd[{2000 + i}]: pam_unix(sshd:session): session closed for user u{i % 50}\n");
        }

        var shown = new List<(int? Pid, string? Kind, string? Ip)>();
        var (carried, made, none) = (0, 0, 0);
        var summary = OnThreadOfItsOwn(() =>
        {
            var pipeline = new LogPipeline(new LogFilter(), output: null)
            {
                Tally = tally,
                Parallelism = 1,
                Lines = (in SshLine line, string file, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail) =>
                {
                    shown.Add((line.Pid, line.Kind, line.Ip));
                    carried += line.IpKey != 0 ? 1 : 0;
                    made += line.HasIp && line.IpKey == 0 ? 1 : 0;
                    none += line.HasIp ? 0 : 1;
                },
            };
            using (var input = LogInput.Open("-", () => new MemoryStream(Encoding.ASCII.GetBytes(log.ToString()))))
            {
                pipeline.Read(input);
            }

            pipeline.Complete();
            return pipeline.Summary;
        });

        Assert.True(carried > Connections / 3, $"only {carried} lines carried their address as a key ({made} as strings, {none} without)");
        Assert.Equal(2 * Connections, shown.Count);
        for (var n = 0; n < shown.Count; n++)
        {
            Assert.Equal((2000 + (n / 2), addresses[n / 2]), (shown[n].Pid!.Value, shown[n].Ip));
        }

        var expected = addresses.GroupBy(a => a.Split('%')[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var counted = summary.Addresses.Top(int.MaxValue, AuthCounts.FailuresOf).ToDictionary(e => e.Key, e => e.Counts.Count, StringComparer.Ordinal);
        Assert.False(summary.Addresses.Approximate);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), counted.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    /// <summary>Mostly IPv4; IPv6, with zones and without; every tenth comes again.</summary>
    private static string AddressOf(int i) => (i % 10) switch
    {
        9 => AddressOf(i - 9),
        0 => $"2001:db8:{i % 65536:x}::{i * 7 % 65536:x}",
        1 => $"2001::{i % 9999}:{i * 7 % 9999}",
        2 => $"fe80::{i % 65536:x}%eth{i % 3}",
        3 => $"2001:db8:{i % 65536:x}:{i * 3 % 65536:x}:{i * 5 % 65536:x}:{i * 11 % 65536:x}:1:{i % 9}",
        4 => $"fe80::1:{i % 65536:x}:{i * 3 % 65536:x}%enp0s31f6",
        _ => $"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}",
    };

    private static T OnThreadOfItsOwn<T>(Func<T> run)
    {
        // The interner is per thread: a fresh one fills up here, and the addresses past its capacity travel as bytes.
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = run();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return result!;
    }
}
