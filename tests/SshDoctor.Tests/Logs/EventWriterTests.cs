using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using SshDoctor.Cli.Rendering.Logs;
using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// <c>--events</c> and <c>--csv</c> write UTF-8 from the fields with a fast path for printable ASCII: every byte must be
/// what the string writers they replaced wrote (<see cref="SafeText"/>, then <see cref="Utf8JsonWriter"/>'s relaxed
/// escaping or RFC 4180 quoting), above all for text an attacker chose.
/// </summary>
public sealed class EventWriterTests
{
    private static readonly string[] Hostile =
    [
        "root", "", "a\"b", "c,d", "e\\f", "x\u001b[31mred", "bidi\u202eevil", "日本語", "tab\tuser", "q\"\",x", "\u007fdel", "\u0085nel", "emoji😀",
        "lone\ud800", "lone\udc00x", "new\nline", "cr\rx", "<script>&'+`", "\u2028\u2029", "\u0000nul", "\"", ",", "\\",
    ];

    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.OneOfConst(Hostile),
        Gen.String[Gen.Char[' ', '~'], 0, 40],
        Gen.String[Gen.Char, 0, 20],
        Gen.Select(Gen.OneOfConst(Hostile), Gen.String[Gen.Char[' ', '~'], 0, 10], (h, a) => a + h + a));

    private static readonly Gen<LogRecord> Records = Gen.Select(
        Gen.Select(Texts, Gen.Long[1, long.MaxValue], Gen.Int[0, 3], Gen.Int[-14 * 60, 14 * 60], (file, line, timeKind, offset) => (file, line, timeKind, offset)),
        Gen.Select(Texts.Null(), Texts.Null(), Gen.Int[0, int.MaxValue].Nullable(), Texts.Null(), (host, process, pid, ip) => (host, process, pid, ip)),
        Gen.Select(Gen.Int[0, 65535].Nullable(), Texts.Null(), Texts.Null(), Texts, (port, user, kind, text) => (port, user, kind, text)),
        (a, b, c) => new LogRecord
        {
            File = a.file,
            Line = a.line,
            Time = a.timeKind switch
            {
                0 => null,
                1 => new LogTime(new DateTime(2026, 12, 5, 1, 2, 3), null),
                2 => new LogTime(new DateTime(2026, 12, 5, 1, 2, 3, 45), TimeSpan.FromMinutes(a.offset)),
                _ => new LogTime(new DateTime(1999, 1, 31, 23, 59, 59), TimeSpan.Zero),
            },
            Host = b.host,
            Process = b.process,
            Pid = b.pid,
            Ip = b.ip,
            Port = c.port,
            User = c.user,
            Kind = c.kind,
            Text = c.text,
        });

    [Fact]
    public void Events_are_byte_for_byte_what_the_string_writer_wrote() =>
        Records.Array[0, 20].Sample(records =>
        {
            using var written = new MemoryStream();
            using (var writer = new EventJsonWriter(written))
            {
                foreach (var record in records)
                {
                    writer.Write(record);
                }
            }

            Assert.Equal(Encoding.UTF8.GetString(ReferenceEvents(records)), Encoding.UTF8.GetString(written.ToArray()));
        }, iter: 5_000);

    [Fact]
    public void Csv_rows_are_byte_for_byte_what_the_string_writer_wrote() =>
        Records.Array[0, 20].Sample(records =>
        {
            using var written = new MemoryStream();
            var writer = new EventCsvWriter(written);
            foreach (var record in records)
            {
                writer.Write(record);
            }

            writer.Complete();
            Assert.Equal(ReferenceCsv(records), Encoding.UTF8.GetString(written.ToArray()));
        }, iter: 5_000);

    [Fact]
    public void A_line_of_a_block_is_written_as_its_record_would_be()
    {
        var line = new SshLine { Line = 7, Host = "h", Process = "sshd", Pid = 1, Ip = "192.0.2.1", Kind = "sshd.accepted", Text = "Accepted password for bob from 192.0.2.1 port 22 ssh2 password=hunter2" };
        using var fromLine = new MemoryStream();
        using var fromWorker = new MemoryStream();
        using var fromRecord = new MemoryStream();
        using (var writer = new EventJsonWriter(fromLine))
        {
            writer.Write(line, "f", default, default);
        }

        var formatted = new LineBytes();
        EventJsonWriter.Format(line, "f", default, formatted);
        using (var writer = new EventJsonWriter(fromWorker))
        {
            writer.Write(line, "f", formatted.Head(0), formatted.Tail(0));
        }

        using (var writer = new EventJsonWriter(fromRecord))
        {
            writer.Write(line.ToRecord("f"));
        }

        Assert.Equal(fromRecord.ToArray(), fromLine.ToArray());
        Assert.Equal(fromRecord.ToArray(), fromWorker.ToArray());
        Assert.DoesNotContain("hunter2", Encoding.UTF8.GetString(fromLine.ToArray()), StringComparison.Ordinal);
    }

    /// <summary>
    /// A worker formats a line before the in-order pass fills its address, port and user from the connection: the head
    /// and tail it wrote, with those fields and the line number written between, must be exactly the whole line.
    /// </summary>
    [Fact]
    public void Lines_formatted_by_a_worker_are_byte_for_byte_the_lines_written_whole() =>
        Gen.Select(Records.Array[0, 20], Gen.Int[0, 3].Array[20]).Sample((records, filled) =>
        {
            var lines = records.Select(SshLine.Of).ToArray();
            var beforeConnection = lines.Select((line, i) => line with
            {
                Ip = (filled[i] & 1) != 0 ? null : line.Ip,
                Port = (filled[i] & 1) != 0 ? null : line.Port,
                User = (filled[i] & 2) != 0 ? null : line.User,
            }).ToArray();
            var json = new LineBytes(16);
            var csv = new LineBytes(16);
            for (var i = 0; i < lines.Length; i++)
            {
                EventJsonWriter.Format(beforeConnection[i], records[i].File, default, json);
                EventCsvWriter.Format(beforeConnection[i], records[i].File, default, csv);
            }

            using var wholeJson = new MemoryStream();
            using var splitJson = new MemoryStream();
            using var wholeCsv = new MemoryStream();
            using var splitCsv = new MemoryStream();
            using (var whole = new EventJsonWriter(wholeJson))
            using (var split = new EventJsonWriter(splitJson))
            {
                var wholeRows = new EventCsvWriter(wholeCsv);
                var splitRows = new EventCsvWriter(splitCsv);
                for (var i = 0; i < lines.Length; i++)
                {
                    whole.Write(lines[i], records[i].File, default, default);
                    split.Write(lines[i], records[i].File, json.Head(i), json.Tail(i));
                    wholeRows.Write(lines[i], records[i].File, default, default);
                    splitRows.Write(lines[i], records[i].File, csv.Head(i), csv.Tail(i));
                }

                wholeRows.Complete();
                splitRows.Complete();
            }

            Assert.Equal(Encoding.UTF8.GetString(wholeJson.ToArray()), Encoding.UTF8.GetString(splitJson.ToArray()));
            Assert.Equal(Encoding.UTF8.GetString(wholeCsv.ToArray()), Encoding.UTF8.GetString(splitCsv.ToArray()));
        }, iter: 2_000);

    [Fact]
    public void The_relaxed_json_escaping_leaves_printable_ascii_but_quote_and_backslash_alone()
    {
        for (var c = ' '; c <= '~'; c++)
        {
            var encoded = JsonEncodedText.Encode(c.ToString(), JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
            Assert.Equal(c is '"' or '\\' ? "\\" + c : c.ToString(), encoded);
        }
    }

    /// <summary>The writer of <c>--events</c> before it wrote bytes itself.</summary>
    private static byte[] ReferenceEvents(IEnumerable<LogRecord> records)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
        foreach (var record in records)
        {
            using (var writer = new Utf8JsonWriter(buffer, options))
            {
                writer.WriteStartObject();
                writer.WriteString("file", SafeText.Escape(record.File));
                writer.WriteNumber("line", record.Line);
                StringOrNull(writer, "time", record.Time?.Format());
                StringOrNull(writer, "host", record.Host);
                StringOrNull(writer, "process", record.Process);
                NumberOrNull(writer, "pid", record.Pid);
                StringOrNull(writer, "ip", record.Ip);
                NumberOrNull(writer, "port", record.Port);
                StringOrNull(writer, "user", record.User);
                StringOrNull(writer, "id", record.Id);
                writer.WriteBoolean("attempt", record.Attempt);
                writer.WriteString("text", SafeText.Escape(record.Text));
                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();

        static void StringOrNull(Utf8JsonWriter writer, string name, string? value)
        {
            if (value is null)
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteString(name, SafeText.Escape(value));
            }
        }

        static void NumberOrNull(Utf8JsonWriter writer, string name, int? value)
        {
            if (value is { } v)
            {
                writer.WriteNumber(name, v);
            }
            else
            {
                writer.WriteNull(name);
            }
        }
    }

    /// <summary>The writer of <c>--csv</c> before it wrote bytes itself.</summary>
    private static string ReferenceCsv(IEnumerable<LogRecord> records)
    {
        var csv = new StringBuilder("file,line,time,host,process,pid,ip,port,user,id,text\n");
        foreach (var record in records)
        {
            string?[] fields =
            [
                record.File, record.Line.ToString(CultureInfo.InvariantCulture), record.Time?.Format(), record.Host, record.Process,
                record.Pid?.ToString(CultureInfo.InvariantCulture), record.Ip, record.Port?.ToString(CultureInfo.InvariantCulture), record.User, record.Id, record.Text,
            ];
            csv.AppendJoin(',', fields.Select(Field)).Append('\n');
        }

        return csv.ToString();

        static string Field(string? value)
        {
            if (value is null)
            {
                return string.Empty;
            }

            value = SafeText.Escape(value);
            return value.AsSpan().IndexOfAny(",\"") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        }
    }
}
