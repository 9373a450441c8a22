using System.Globalization;
using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Audit.Local;

/// <summary>
/// ~/.ssh/known_hosts (and known_hosts2), parsed by the probe's <see cref="KnownHostsFile"/> (hostfile.c rules):
/// lines ssh skips as parse errors, entries repeated or conflicting for the same name, hashed or plain, @revoked and
/// @cert-authority markers.
/// </summary>
public sealed class KnownHostsCheck : IAuditCheck<LocalContext>
{
    public string Name => "known-hosts";

    public string Area => "known_hosts";

    /// <summary>What is checked of a known_hosts file: the complete lines in its first 16 MiB (the cut is said).</summary>
    public const int MaxBytes = 16 << 20;

    public void Run(LocalContext context, AuditSink sink)
    {
        foreach (var name in (string[])["known_hosts", "known_hosts2"])
        {
            var read = context.Fs.Read(context.SshDirectory + "/" + name, MaxBytes);
            FileReadFindings.Report(sink, read);
            if (read.Ok)
            {
                // Text holds complete lines only: the line the bound cut through is not judged.
                Lint(KnownHostsFile.Parse(read.Path, read.Text), sink);
            }
        }
    }

    public static void Lint(KnownHostsFile file, AuditSink sink)
    {
        foreach (var invalid in file.InvalidLines)
        {
            sink.Add(FindingSeverity.Warning, "known-hosts.parse-error", Where(file.Path, invalid.LineNumber), ("line", Number(invalid.LineNumber)), ("reason", invalid.Reason));
        }

        var trusted = file.Entries.Where(e => e.Marker == KnownHostsMarker.None).ToList();
        ReportDuplicates(trusted, sink);
        ReportConflicts(trusted, sink);
        var revokedKeys = file.Entries.Where(e => e.Marker == KnownHostsMarker.Revoked).Select(e => Convert.ToBase64String(e.KeyBlob.Span)).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in trusted.Where(e => revokedKeys.Contains(Convert.ToBase64String(e.KeyBlob.Span))))
        {
            sink.Add(FindingSeverity.Warning, "known-hosts.revoked-key-trusted", entry.Location);
        }

        sink.Add(FindingSeverity.Info, "known-hosts.summary", file.Path,
            ("entries", Number(trusted.Count)),
            ("hashed", Number(trusted.Count(e => e.IsHashed))),
            ("revoked", Number(file.Entries.Count(e => e.Marker == KnownHostsMarker.Revoked))),
            ("authorities", Number(file.Entries.Count(e => e.Marker == KnownHostsMarker.CertAuthority))));
    }

    /// <summary>The same host field with the same key again: harmless, but one of the two lines is noise.</summary>
    private static void ReportDuplicates(IEnumerable<KnownHostsEntry> trusted, AuditSink sink)
    {
        var seen = new Dictionary<(string Hosts, string Key), int>();
        foreach (var entry in trusted)
        {
            var key = (entry.HostPatterns, Convert.ToBase64String(entry.KeyBlob.Span));
            if (!seen.TryAdd(key, entry.LineNumber))
            {
                sink.Add(FindingSeverity.Info, "known-hosts.duplicate", entry.Location, ("first", Number(seen[key])));
            }
        }
    }

    /// <summary>A plain host name with two different keys of one type: one of them is stale (ssh trusts either).</summary>
    private static void ReportConflicts(IEnumerable<KnownHostsEntry> trusted, AuditSink sink)
    {
        var first = new Dictionary<(string Host, string Type), KnownHostsEntry>();
        foreach (var entry in trusted.Where(e => !e.IsHashed))
        {
            foreach (var host in entry.HostPatterns.Split(',').Where(h => !h.StartsWith('!') && h.IndexOfAny(['*', '?']) < 0))
            {
                if (first.TryGetValue((host.ToLowerInvariant(), entry.KeyType), out var other))
                {
                    if (!other.KeyBlob.Span.SequenceEqual(entry.KeyBlob.Span))
                    {
                        sink.Add(FindingSeverity.Warning, "known-hosts.conflict", entry.Location, ("host", host), ("type", entry.KeyType), ("first", Number(other.LineNumber)));
                    }
                }
                else
                {
                    first[(host.ToLowerInvariant(), entry.KeyType)] = entry;
                }
            }
        }
    }

    private static string Where(string path, int line) => $"{path}:{Number(line)}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
