using System.Text;
using SshDoctor.Cli.Rendering.Logs;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The per-line outputs copy the bytes of repeated parts (host and process, id, address, user) from a
/// <see cref="SegmentCache"/>: a part is reused only for the same texts and flags, never for others that share its slot.
/// </summary>
public sealed class SegmentCacheTests
{
    [Fact]
    public void A_part_is_reused_only_for_the_texts_and_flags_it_was_written_for()
    {
        var writes = 0;
        var cache = new SegmentCache((into, first, second, flags) =>
        {
            writes++;
            into.Literal(Encoding.UTF8.GetBytes($"[{first ?? "null"}|{second ?? "null"}|{flags}]"));
        });

        // The slot is chosen by the length, the middle and the last character: these texts share one.
        string?[] texts = ["aXb", "cXb", "aXb", new string(['a', 'X', 'b']), null, string.Empty, "aXb"];
        foreach (var flags in new[] { 0, 1, 0 })
        {
            foreach (var first in texts)
            {
                foreach (var second in new[] { null, "sshd", "sshd-session", "cXb" })
                {
                    var bytes = new LineBytes(16);
                    cache.Write(new Utf8EventBuffer(bytes), first, second, flags);
                    Assert.Equal($"[{first ?? "null"}|{second ?? "null"}|{flags}]", Encoding.UTF8.GetString(bytes.Written));
                }
            }
        }

        Assert.True(writes < 3 * texts.Length * 4, "repeated parts are copied, not written again");
    }
}
