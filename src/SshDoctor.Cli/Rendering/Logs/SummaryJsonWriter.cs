using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Localization;
using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// <c>logs --json</c>: the summary as data (schema ssh-doctor/1, command logs, snake_case keys). Text from the logs
/// (names, users, addresses, stories, unknown lines) passes <see cref="SafeText"/>.
/// </summary>
internal static class SummaryJsonWriter
{
    private const int Top = 20;

    public static void Write(Stream output, LogSummary summary, Language language, IReadOnlyList<LogRecord>? unknownLines)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("schema", "ssh-doctor/1");
        w.WriteString("command", "logs");
        w.WriteString("status", summary.Failures > 0 ? "problem" : "ok");

        w.WriteStartArray("sources");
        foreach (var input in summary.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("name", SafeText.Escape(input.Name));
            w.WriteString("kind", SafeText.Escape(input.Kind));
            w.WriteNumber("bytes", input.Bytes);
            w.WriteNumber("lines", input.Lines);
            w.WriteNumber("recognised", input.Recognised);
            w.WriteStartArray("notes");
            foreach (var note in input.Notes)
            {
                w.WriteStringValue(SafeText.Escape(note));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartObject("totals");
        w.WriteNumber("lines", summary.Lines);
        w.WriteNumber("ssh_lines", summary.SshLines);
        w.WriteNumber("recognised", summary.Recognised);
        w.WriteNumber("unknown", summary.Unknown);
        w.WriteNumber("cut", summary.Cut);
        w.WriteNumber("other_programs", summary.OtherPrograms);
        w.WriteNumber("blank", summary.Blank);
        w.WriteNumber("failures", summary.Failures);
        w.WriteEndObject();
        Times(w, summary.Span);

        w.WriteStartArray("diagnoses");
        foreach (var (id, counts) in summary.ByDiagnosis.OrderByDescending(p => p.Value.Count))
        {
            w.WriteStartObject();
            w.WriteString("id", SafeText.Escape(id));
            if (DiagnosisIds.IsKnown(id))
            {
                w.WriteString("stage", DiagnosisIds.StageOf(id).ToJson());
                w.WriteString("title", DiagnosisCatalogue.GeneralTitle(id, language));
            }

            w.WriteNumber("count", counts.Count);
            Times(w, counts);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("events");
        foreach (var (kind, counts) in summary.ByEvent.OrderByDescending(p => p.Value.Count))
        {
            w.WriteStartObject();
            w.WriteString("kind", SafeText.Escape(kind));
            w.WriteNumber("count", counts.Count);
            Times(w, counts);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        TopList(w, "top_addresses", "ip", summary.Addresses);
        TopList(w, "top_users", "user", summary.Users);

        w.WriteStartArray("failures_per_hour");
        foreach (var (hour, count) in summary.FailuresPerHour)
        {
            w.WriteStartObject();
            w.WriteString("hour", hour.ToString("yyyy-MM-ddTHH:00", CultureInfo.InvariantCulture));
            w.WriteNumber("failures", count);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartObject("bans");
        w.WriteNumber("count", summary.BansSeen);
        w.WriteStartArray("list");
        foreach (var ban in summary.Bans)
        {
            w.WriteStartObject();
            w.WriteString("time", ban.Time?.Format());
            w.WriteString("action", SafeText.Escape(ban.Action));
            w.WriteString("ip", SafeText.Escape(ban.Ip));
            w.WriteString("where", SafeText.Escape(ban.Where));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("stories");
        foreach (var (story, counts) in summary.Stories.Top(Top))
        {
            w.WriteStartObject();
            w.WriteString("story", SafeText.Escape(story));
            w.WriteNumber("connections", counts.Count);
            Times(w, counts);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartObject("unknown");
        w.WriteNumber("count", summary.Unknown);
        w.WriteStartArray("lines");
        foreach (var record in unknownLines ?? summary.UnknownSamples)
        {
            w.WriteStartObject();
            w.WriteString("where", SafeText.Escape($"{record.File}:{record.Line.ToString(CultureInfo.InvariantCulture)}"));
            w.WriteBoolean("cut", record.Cut);
            w.WriteString("text", SafeText.Escape(record.Text));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void TopList(Utf8JsonWriter w, string name, string key, BoundedCounter counter)
    {
        w.WriteStartArray(name);
        foreach (var (value, counts) in counter.Top(Top))
        {
            w.WriteStartObject();
            w.WriteString(key, SafeText.Escape(value));
            w.WriteNumber("failures", counts.Count);
            Times(w, counts);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean(name + "_approximate", counter.Approximate);
    }

    private static void Times(Utf8JsonWriter w, CountWithTimes counts)
    {
        w.WriteString("first", counts.First?.Format());
        w.WriteString("last", counts.Last?.Format());
    }
}
