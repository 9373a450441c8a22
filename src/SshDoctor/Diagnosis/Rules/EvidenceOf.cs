using SshDoctor.Logs;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>Small helpers the rules share: evidence from a log line, values from its captured groups.</summary>
internal static class EvidenceOf
{
    public static Evidence Line(LogEvent e) =>
        new(e.Side == LogSide.Client ? EvidenceSource.ClientLog : EvidenceSource.ServerLog, e.Line.Text, e.Where);

    public static IEnumerable<Evidence> Lines(IEnumerable<LogEvent> events, int max = 6) => events.Take(max).Select(Line);

    /// <summary>Copies the named groups a fix template may use from a line into diagnosis values.</summary>
    public static (string, string?)[] Values(LogEvent e, params (string Key, string? Value)[] extra)
    {
        var values = new List<(string, string?)>();
        foreach (var field in (EventField[])[AnyEvent.User, AnyEvent.Host, AnyEvent.Ip, AnyEvent.Port, AnyEvent.File, AnyEvent.Line, AnyEvent.Path, AnyEvent.Option, AnyEvent.Reason, AnyEvent.Type, AnyEvent.Fp, AnyEvent.Problem])
        {
            if (e[field] is { } v)
            {
                // In a server's log "port" is the client's source port, not the ssh port a fix should name.
                var name = field.Group switch
                {
                    "fp" => "fingerprint",
                    "port" when e.Side == LogSide.Server => "source_port",
                    _ => field.Group,
                };
                values.Add((name, v));
            }
        }

        values.AddRange(extra);
        return values.ToArray();
    }
}
