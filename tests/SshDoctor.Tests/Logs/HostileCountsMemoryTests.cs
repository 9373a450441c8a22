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

    /// <summary>
    /// A forged log whose every user name is new and 8,000 characters long: counted and tracked by its first
    /// <see cref="LineClassifier.MaxFieldChars"/> characters, so what is retained stays far below the 160 MB these
    /// names would hold whole (sshd itself writes at most 100 characters of a user).
    /// </summary>
    [Fact]
    public void Long_distinct_user_names_are_counted_by_their_first_characters()
    {
        const int Lines = 10_000;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var pipeline = new LogPipeline(new LogFilter(), output: null) { OutputsRecognised = false, OutputsUnknown = false, KeepText = false };
        using (var input = LogInput.Open("-", () => new StormStream(Lines, userPadding: 8_000)))
        {
            pipeline.Read(input);
        }

        pipeline.Complete();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        var summary = pipeline.Summary;
        Assert.Equal(Lines, summary.Failures);
        var users = summary.Users.Top(Lines, AuthCounts.FailuresOf);
        Assert.Equal(Lines, users.Count);
        Assert.All(users, user => Assert.Equal(LineClassifier.MaxFieldChars, user.Key.Length));
        Assert.True(retained < 40L << 20, $"retained {retained >> 20} MiB after {Lines:N0} user names of 8,000 characters");
        GC.KeepAlive(pipeline);
    }

    /// <summary>
    /// A forged log whose every line names a new host of 1,000 characters: connections are told apart by file, host and
    /// pid, but past the first hosts nothing is kept per host (a host is numbered by its hash), so what is retained does
    /// not grow with the hosts (it held every host's name, 200 MB here, before).
    /// </summary>
    [Fact]
    public void Distinct_host_names_retain_bounded_memory()
    {
        const int Lines = 100_000;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var pipeline = new LogPipeline(new LogFilter(), output: null) { OutputsRecognised = false, OutputsUnknown = false, KeepText = false };
        using (var input = LogInput.Open("-", () => new StormStream(Lines, hostPadding: 1_000)))
        {
            pipeline.Read(input);
        }

        pipeline.Complete();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.Equal(Lines, pipeline.Summary.Failures);
        Assert.True(retained < 40L << 20, $"retained {retained >> 20} MiB after {Lines:N0} host names of 1,000 characters");
        GC.KeepAlive(pipeline);
    }

    /// <summary>Failed-password lines, each from a new IPv4 or IPv6 address for a new user on a new pid, made as they are read.</summary>
    /// <param name="userPadding">Characters added to each user name after its number (a forged log's names).</param>
    /// <param name="hostPadding">When above 0, each line's host is new: its number and this many characters.</param>
    private sealed class StormStream(int lines, int userPadding = 0, int hostPadding = 0) : Stream
    {
        private readonly string _padding = new('x', userPadding);
        private readonly string _hostPadding = new('h', hostPadding);
        private readonly byte[] _line = new byte[256 + userPadding + hostPadding];
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
                var host = hostPadding > 0 ? string.Create(CultureInfo.InvariantCulture, $"h{n}{_hostPadding}") : "web1";
                var text = string.Create(CultureInfo.InvariantCulture, $"Mar  5 10:{n / 60000 % 60:00}:{n / 1000 % 60:00} {host} sshd[{1000 + n}]: Failed password for u{n}{_padding} from {address} port 22 ssh2\n");
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
