using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>The one-pass ASCII decoder must give the characters, newlines and control count of the general way, or refuse.</summary>
public sealed class AsciiSliceTests
{
    [Fact]
    public void Random_slices_decode_as_utf8_with_their_newlines_and_control_bytes_or_are_refused()
    {
        var random = new Random(23);
        var newlines = new int[4];
        for (var n = 0; n < 3000; n++)
        {
            var bytes = new byte[random.Next(3000)];
            var high = random.Next(4) == 0;
            foreach (ref var b in bytes.AsSpan())
            {
                b = random.Next(12) switch
                {
                    0 => (byte)random.Next(32),
                    1 => (byte)'\n',
                    2 when high && random.Next(200) == 0 => (byte)random.Next(128, 256),
                    _ => (byte)random.Next(32, 127),
                };
            }

            var chars = new char[bytes.Length];
            var ascii = AsciiSlice.TryDecode(bytes, chars, ref newlines, out var count, out var controls);

            Assert.Equal(bytes.All(b => b < 128), ascii);
            if (ascii)
            {
                Assert.Equal(Encoding.UTF8.GetString(bytes), new string(chars));
                Assert.Equal(Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == '\n'), newlines.Take(count));
                Assert.Equal(ControlBytes.Count(bytes), controls);
            }
        }
    }
}
