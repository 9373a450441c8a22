using System.Text;
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
