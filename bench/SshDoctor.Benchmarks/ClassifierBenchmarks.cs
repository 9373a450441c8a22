using System.Text;
using BenchmarkDotNet.Attributes;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Benchmarks;

/// <summary>
/// The classifier on typical auth.log lines: the bulk path (span prefix, anchor/prefix test, table regex) against the
/// table's plain <see cref="SignatureTable.Match"/> that <c>explain</c> uses, and a whole 1 MiB block.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private static readonly string[] Lines =
    [
        "May  1 00:00:02 bastion sshd[128608]: Failed password for invalid user guest from 203.0.113.98 port 21508 ssh2",
        "May  1 00:00:03 bastion sshd[12860]: Invalid user oracle from 61.177.172.5 port 40022",
        "May  1 00:00:03 bastion sshd-session[12861]: Connection closed by authenticating user root 45.83.64.7 port 51234 [preauth]",
        "May  1 00:00:04 bastion sshd[12862]: Accepted publickey for alice from 192.0.2.9 port 50522 ssh2: ED25519 SHA256:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg",
        "May  1 00:00:05 bastion CRON[4242]: pam_unix(cron:session): session opened for user root by (uid=0)",
        "May  1 00:00:05 bastion sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx",
    ];

    private readonly LineClassifier _classifier = new("bench", YearInference.Now(), FastSignatureMatcher.Server);
    private byte[] _block = [];

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        while (text.Length < BlockReader.BlockBytes - 200)
        {
            foreach (var line in Lines)
            {
                text.Append(line).Append('\n');
            }
        }

        _block = Encoding.ASCII.GetBytes(text.ToString());
    }

    [Benchmark(Description = "6 lines, bulk classifier")]
    public int BulkLines()
    {
        var n = 0;
        foreach (var line in Lines)
        {
            n += _classifier.Classify(line, 1) is { Recognised: true } ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Baseline = true, Description = "6 lines, SignatureTable.Match (explain's path)")]
#pragma warning disable CA1822 // BenchmarkDotNet runs instance methods
    public int TableLines()
    {
        var n = 0;
        foreach (var line in Lines)
        {
            var message = SshDoctor.Logs.MessageText.Strip(SshDoctor.Logs.Server.ServerLinePrefix.Split(line).Message);
            n += SignatureTable.Match(message, LogSide.Server) is null ? 0 : 1;
        }

        return n;
    }
#pragma warning restore CA1822

    [Benchmark(Description = "1 MiB block, 1 thread")]
    public int Block()
    {
        var buffers = new BlockBuffers(_block.Length, 1);
        var copy = buffers.Rent();
        _block.CopyTo(copy, 0);
        using var lineBlock = new LineBlock(buffers, copy, _block.Length, cutLine: false);
        return BlockClassifier.Classify(lineBlock, _classifier).SshLineCount;
    }
}
