using System.Text;
using CsCheck;
using SshDoctor.Cli.Rendering.Logs;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// <c>--events</c> and <c>--csv</c> format each line's order-independent bytes on the block's worker
/// (<see cref="LogPipeline.Format"/>) and write the rest in order: the output must be byte for byte the output of
/// writing every line whole in order, on every sample and corpus file, with unknown lines listed or not, with a
/// filter, and on a generated log over many blocks whose addresses and users come from the connection.
/// </summary>
public class WorkerFormatTests
{
    public static TheoryData<string> Files() => BlockTallyTests.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void Events_and_csv_of_a_file_are_the_same_with_the_workers_formatting(string path) =>
        AssertSame(File.ReadAllBytes(path));

    [Fact]
    public void Events_and_csv_of_a_generated_log_over_many_blocks_are_the_same_with_the_workers_formatting() =>
        AssertSame(Encoding.UTF8.GetBytes(BlockTallyTests.Generate(40_000, offsets: true, crlf: false, distinctAddresses: 3000)));

    /// <summary>
    /// A recognised line's ASCII message is copied from the block's bytes (<see cref="SshLine.TextInBlockStart"/>): on
    /// hostile messages (control bytes, DEL, quotes, commas, backslashes, secrets to redact, over-long lines cut, CRs,
    /// a non-ASCII line now and then, which makes its slice go the string way) the output must be what the strings gave.
    /// </summary>
    [Fact]
    public void Messages_copied_from_the_block_are_what_their_strings_gave() =>
        Gen.Select(Gen.Int[0, 999_999], Gen.Int[200, 3000]).Sample((seed, lines) =>
            AssertSame(Encoding.UTF8.GetBytes(HostileLog(new Random(seed), lines))), iter: 12);

    [Fact]
    public void A_message_to_redact_is_redacted_when_copied_from_the_block()
    {
        var log = Encoding.UTF8.GetBytes(
            "Dec  5 10:00:00 host sshd[1]: debug1: password=hunter2 sent\n"
            + "Dec  5 10:00:01 host sshd[1]: debug1: fetched https://bob:hunter3@example.org/x\n"
            + "Dec  5 10:00:02 host sshd[1]: debug1: -----BEGIN OPENSSH PRIVATE KEY-----\n");
        foreach (var csv in (ReadOnlySpan<bool>)[false, true])
        {
            var output = Output(log, csv, unknown: false, new LogFilter(), onWorkers: true);
            Assert.Contains("[redacted]", output, StringComparison.Ordinal);
            Assert.Contains("[redacted: private key material]", output, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter", output, StringComparison.Ordinal);
        }
    }

    /// <summary>The copy from the block is really taken: an ASCII line's message is not made a string; a non-ASCII one's is.</summary>
    [Theory]
    [InlineData("root", true)]
    [InlineData("josé", false)]
    public void A_recognised_line_keeps_its_message_in_the_block_when_the_block_is_ascii(string user, bool inBlock)
    {
        const string Before = "Dec  5 10:00:00 host sshd[1]: ";
        var message = $"Failed password for {user} from 192.0.2.1 port 22 ssh2";
        var seen = new List<(int Length, string Text, string FromBlock)>();
        var scan = ParallelLogScanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(Before + message + "\n")), "f", YearInference.ForFile("f"), 1, keepText: true, after: (result, block) =>
        {
            foreach (var line in result.SshLines)
            {
                // The start means nothing when the length is 0 (the pooled line may hold an older one).
                var fromBlock = line.TextInBlockLength > 0 ? Encoding.ASCII.GetString(block.Bytes.Slice(line.TextInBlockStart, line.TextInBlockLength)) : string.Empty;
                seen.Add((line.TextInBlockLength, line.Text, fromBlock));
            }
        });
        foreach (var result in scan)
        {
            result.Dispose();
        }

        var only = Assert.Single(seen);
        Assert.Equal(inBlock ? (message.Length, string.Empty, message) : (0, message, string.Empty), only);
    }

    /// <summary>sshd debug lines (recognised whatever they say) with hostile payloads, between failed logins.</summary>
    private static string HostileLog(Random random, int lines)
    {
        string[] pieces =
        [
            "\"", "\\", ",", "\t", "\u0001", "\u001b[31m", "\u007f", "\r", " password=x1 ", " token: y2 ", "https://u:pw@h/ ",
            "-----BEGIN RSA PRIVATE KEY-----", "a:b", "c=d", "e-f", "é", "\u202e", "\ud83d\ude00", "\\u0041", "{}", "[preauth]",
        ];
        var log = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            log.Append("Dec  5 10:").Append((i / 60 % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture))
                .Append(':').Append((i % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append(" host sshd[").Append(100 + (i % 7)).Append("]: ");
            if (random.Next(4) == 0)
            {
                log.Append("Failed password for ").Append(random.Next(3) == 0 ? "in\"va,l=id" : "root").Append(" from 192.0.2.").Append(random.Next(1, 255)).Append(" port 22 ssh2");
            }
            else
            {
                log.Append(random.Next(2) == 0 ? "debug1: " : "debug3: ");
                var parts = random.Next(12) == 0 ? 900 : random.Next(1, 12);
                for (var p = 0; p < parts; p++)
                {
                    var piece = pieces[random.Next(pieces.Length)];
                    // Non-ASCII rarely, so that most slices stay ASCII.
                    log.Append(piece[0] > 127 && random.Next(30) != 0 ? "x" : piece).Append(random.Next(2) == 0 ? " " : "");
                }
            }

            log.Append(random.Next(20) == 0 ? "\r\n" : "\n");
        }

        return log.ToString();
    }

    private static void AssertSame(byte[] log)
    {
        foreach (var csv in (ReadOnlySpan<bool>)[false, true])
        {
            foreach (var unknown in (ReadOnlySpan<bool>)[false, true])
            {
                foreach (var filter in (ReadOnlySpan<LogFilter>)[new LogFilter(), new LogFilter { User = "root" }])
                {
                    var whole = Output(log, csv, unknown, filter, onWorkers: false);
                    var split = Output(log, csv, unknown, filter, onWorkers: true);
                    Assert.Equal(whole, split);
                }
            }
        }
    }

    private static string Output(byte[] log, bool csv, bool unknown, LogFilter filter, bool onWorkers)
    {
        using var written = new MemoryStream();
        var events = csv ? null : new EventJsonWriter(written);
        var rows = csv ? new EventCsvWriter(written) : null;
        var pipeline = new LogPipeline(filter, null)
        {
            Lines = (in SshLine line, string file, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail) =>
            {
                if (events is not null)
                {
                    events.Write(line, file, head, tail);
                }
                else
                {
                    rows!.Write(line, file, head, tail);
                }
            },
            Format = !onWorkers ? null : csv ? EventCsvWriter.Format : EventJsonWriter.Format,
            OutputsUnknown = unknown,
        };
        using (var input = LogInput.Open("-", () => new MemoryStream(log)))
        {
            pipeline.Read(input);
        }

        pipeline.Complete();
        events?.Dispose();
        rows?.Complete();
        return Encoding.UTF8.GetString(written.ToArray());
    }
}
