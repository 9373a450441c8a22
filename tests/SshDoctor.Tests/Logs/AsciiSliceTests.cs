using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>The one-pass ASCII decoder must give the characters, line ends and control count of the general way, or refuse.</summary>
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
                    3 when random.Next(100) == 0 => 127,
                    _ => (byte)random.Next(32, 127),
                };
            }

            var chars = new char[bytes.Length];
            if (random.Next(2) == 0)
            {
                // Half the slices plain text: printable bytes and newlines only.
                foreach (ref var b in bytes.AsSpan())
                {
                    b = b is (byte)'\n' or (>= (byte)' ' and < 127) ? b : (byte)'x';
                }
            }

            var ascii = AsciiSlice.TryDecode(bytes, chars, ref newlines, out var count, out var controls);

            Assert.Equal(bytes.All(b => b < 128), ascii);
            if (ascii)
            {
                Assert.Equal(Encoding.UTF8.GetString(bytes), new string(chars));
                Assert.Equal(Enumerable.Range(0, bytes.Length).Where(i => EndsLine(bytes, i)), newlines.Take(count));
                Assert.Equal(ControlBytes.Count(bytes), controls);
            }
        }
    }

    [Fact]
    public void A_byte_above_127_at_any_place_of_a_vector_step_or_the_tail_refuses_the_slice()
    {
        var newlines = new int[4];
        for (var length = 1; length <= 100; length++)
        {
            var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, length).Select(i => i % 23 == 22 ? '\n' : (char)('a' + (i % 26)))));
            var chars = new char[length];
            Assert.True(AsciiSlice.TryDecode(bytes, chars, ref newlines, out var count, out _));
            Assert.Equal(Encoding.ASCII.GetString(bytes), new string(chars));
            Assert.Equal(length / 23, count);
            for (var at = 0; at < length; at++)
            {
                var high = (byte[])bytes.Clone();
                high[at] = (byte)(128 + (at % 128));
                Assert.False(AsciiSlice.TryDecode(high, chars, ref newlines, out _, out _));
            }
        }
    }

    /// <summary>LF, or a CR followed by something other than CR or LF (see LineEnds).</summary>
    private static bool EndsLine(byte[] bytes, int i) =>
        bytes[i] == '\n' || (bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] is not ((byte)'\n' or (byte)'\r'));

    [Fact]
    public void Lines_with_a_tab_or_del_in_a_block_read_as_a_classifier_reads_them_alone()
    {
        // A printable slice lets the common readers skip their printable check: a tab or DEL anywhere must turn that off.
        string[] lines =
        [
            "May  1 12:00:00 h sshd[1]: Failed password for root from 192.0.2.1 port 2222 ssh2",
            "May  1 12:00:01 h sshd[2]: Failed password for ro\u007Fot from 192.0.2.1 port 2222 ssh2",
            "May  1 12:00:02 h sshd[3]: Failed password for root\tx from 192.0.2.1 port 2222 ssh2",
            "May  1 12:00:03 h sshd[4]: Invalid user a\u007F from 192.0.2.2 port 1",
            "May  1 12:00:04 h sshd[5]: Accepted password for ro\tot from 192.0.2.3 port 22 ssh2",
        ];

        var (records, _) = LogsTestSupport.ReadText(string.Join('\n', lines) + "\n");

        var years = YearInference.Now();
        Assert.Equal(
            lines.Select((l, i) => new LineClassifier("stdin", years, FastSignatureMatcher.Server).Classify(l, i + 1)).Select(r => (r!.Kind, r.User, r.Ip)),
            records.Select(r => (r.Kind, r.User, r.Ip)));
    }
}
