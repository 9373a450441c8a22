using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>The count of control bytes must equal a byte-by-byte count, at every length and alignment.</summary>
public sealed class ControlBytesTests
{
    private static readonly byte[] Controls = [0, 1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31];

    [Fact]
    public void Random_bytes_are_counted_as_one_by_one()
    {
        var random = new Random(3);
        for (var n = 0; n < 3000; n++)
        {
            var bytes = new byte[random.Next(100)];
            foreach (ref var b in bytes.AsSpan())
            {
                // Mostly text, with newlines, tabs, ESC and the odd control or high byte.
                b = random.Next(10) switch
                {
                    0 => (byte)random.Next(32),
                    1 => (byte)random.Next(128, 256),
                    2 => (byte)'\n',
                    _ => (byte)random.Next(32, 127),
                };
            }

            var start = random.Next(Math.Min(bytes.Length, 17) + 1);
            var span = bytes.AsSpan(start);
            Assert.Equal(span.ToArray().Count(b => Controls.Contains(b)), ControlBytes.Count(span));
        }
    }

    [Fact]
    public void Every_byte_value_is_told_apart()
    {
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();

        Assert.Equal(Controls.Length, ControlBytes.Count(all));
        Assert.Equal(Controls, all.Where(ControlBytes.IsControl));
    }
}
