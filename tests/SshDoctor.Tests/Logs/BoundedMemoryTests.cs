using System.Text;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Logs;

/// <summary>Inputs built to exhaust memory stay within a bound (measured with the process-wide allocation count).</summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class BoundedMemoryTests
{
    private const string Failed = "sshd[100]: Failed password for root from 192.0.2.1 port 2222 ssh2";

    [Fact]
    public void A_100_megabyte_line_is_cut_and_counted_in_bounded_memory_and_the_next_line_counts()
    {
        // The count is process-wide: the collection runs alone, so no other test's allocations land in it.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var stream = new GeneratedStream(100L * 1024 * 1024, Encoding.UTF8.GetBytes($"\nJan 1 00:00:00 h {Failed}\n"));
        var (records, summary) = LogsTestSupport.ReadStream(stream);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(2, summary.Lines);
        Assert.Equal(1, summary.Cut);
        Assert.Equal("auth.password.wrong", records.Single(r => r.Recognised).DiagnosisId);
        Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated / 1048576} MiB for a 100 MiB line");
    }

    /// <summary>N bytes of 'x' made on the fly (never held in memory), then a tail.</summary>
    private sealed class GeneratedStream(long length, byte[] tail) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length + tail.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < length)
            {
                var n = (int)Math.Min(count, length - _position);
                buffer.AsSpan(offset, n).Fill((byte)'x');
                _position += n;
                return n;
            }

            var t = (int)Math.Min(count, length + tail.Length - _position);
            tail.AsSpan((int)(_position - length), t).CopyTo(buffer.AsSpan(offset));
            _position += t;
            return t;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
