using System.Globalization;
using System.Text;
using SshDoctor.Logs.Bulk;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// A log with a new address and a new user on every line (an attack storm at its worst) keeps what it retains within
/// the counters' bounds: the tallies, the summary's counters and the interners must not grow with the number of keys.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class HostileCountsMemoryTests
{
    /// <summary>
    /// The bounds: 100,000 addresses and 100,000 users (about 125 bytes each: the key's string and its entry), 10,000
    /// stories, 65,536 sessions (each with its address and user), 16,384 texts per interner, 16 pooled tallies. They
    /// retained 56 MiB here (the pooled line arrays and tallies included); without the counters' bound these 600,000
    /// keys would hold 75 MB each.
    /// </summary>
    private const long RetainedBound = 80L << 20;

    [Fact]
    public void Six_hundred_thousand_distinct_addresses_and_users_retain_bounded_memory()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var pipeline = new LogPipeline(new LogFilter(), output: null) { OutputsRecognised = false, OutputsUnknown = false, KeepText = false };
        using (var input = LogInput.Open("-", () => new StormStream(600_000)))
        {
            pipeline.Read(input);
        }

        pipeline.Complete();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        var summary = pipeline.Summary;
        Assert.Equal(600_000, summary.Failures);
        Assert.True(summary.Addresses.Approximate && summary.Users.Approximate);
        Assert.InRange(summary.Addresses.Distinct, 1, summary.Addresses.Capacity);
        Assert.InRange(summary.Users.Distinct, 1, summary.Users.Capacity);
        Assert.True(retained < RetainedBound, $"retained {retained >> 20} MiB after 600,000 distinct addresses and users");
        GC.KeepAlive(pipeline);
    }

    /// <summary>Failed-password lines, each from a new IPv4 or IPv6 address for a new user on a new pid, made as they are read.</summary>
    private sealed class StormStream(int lines) : Stream
    {
        private readonly byte[] _line = new byte[256];
        private int _made;
        private int _at;
        private int _length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_at == _length)
            {
                if (_made == lines)
                {
                    return 0;
                }

                var n = _made++;
                var address = n % 10 == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"2001:db8:{n >> 16:x}:{n & 0xffff:x}::1")
                    : string.Create(CultureInfo.InvariantCulture, $"{1 + (n >> 24)}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
                var text = string.Create(CultureInfo.InvariantCulture, $"Mar  5 10:{n / 60000 % 60:00}:{n / 1000 % 60:00} web1 sshd[{1000 + n}]: Failed password for u{n} from {address} port 22 ssh2\n");
                _length = Encoding.ASCII.GetBytes(text, _line);
                _at = 0;
            }

            var take = Math.Min(count, _length - _at);
            _line.AsSpan(_at, take).CopyTo(buffer.AsSpan(offset));
            _at += take;
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
