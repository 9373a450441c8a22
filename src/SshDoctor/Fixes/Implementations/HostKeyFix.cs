using System.Security.Cryptography;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.KnownHosts;
using SshDoctor.Fixes.Planning;
using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// hostkey.changed: the host's entries removed from every UserKnownHostsFile exactly as <c>ssh-keygen -R</c> removes
/// them (plain and hashed names, <c>[host]:port</c>; @cert-authority and @revoked lines kept), each changed file's old
/// content kept as FILE.old as ssh-keygen keeps it, and the key the probe just verified added as ssh adds it (hashed
/// when HashKnownHosts is on). hostkey.unknown: only the addition. Either is applied only after the user has seen the
/// recorded and the presented fingerprints and typed yes, or with <c>--expect-fingerprint</c> equal to the verified one.
/// Never for hostkey.revoked.
/// </summary>
internal sealed class HostKeyFix(string id) : IFix
{
    public string Id { get; } = id;

    private bool Changed => Id == DiagnosisIds.HostKeyChanged;

    public FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        var name = KnownHostsName.From(diagnosis.Values);
        if (name is null)
        {
            return FixProposal.Refuse(diagnosis, "the diagnosis does not name the host");
        }

        var hostKey = diagnosis.Get("host_key");
        var verified = hostKey is not null && diagnosis.Evidence.Any(e => e.Source == EvidenceSource.Probe);
        if (!Changed && !verified)
        {
            return FixProposal.Refuse(diagnosis, "no host key was verified here: run ssh-doctor fix with the destination, so the probe fetches and verifies the key");
        }

        if (diagnosis.Get("file") is { } offending && context.GlobalKnownHostsFiles.Contains(offending, StringComparer.Ordinal))
        {
            return FixProposal.Refuse(diagnosis, $"the stale entry is in {offending}, which ssh only reads (GlobalKnownHostsFile): ask its administrator to update it");
        }

        var files = context.UserKnownHostsFiles.Count > 0 ? context.UserKnownHostsFiles : [context.DefaultKnownHosts, context.DefaultKnownHosts + "2"];
        var steps = new List<FixStep>();
        var warnings = new List<string>();
        var recorded = new List<(string, string)>();
        for (var i = 0; i < files.Count; i++)
        {
            var path = files[i];
            var add = i == 0 && verified;
            if (!Changed && !add)
            {
                continue;
            }

            var real = WritePolicy.Target(context, path, contentChange: true);
            var before = context.ReadFile(real, mayBeMissing: true);
            if (before.Content is null && !add)
            {
                continue;
            }

            var entry = add ? KnownHostsEdit.EntryLine(name, hostKey!, context.HashKnownHosts ? RandomNumberGenerator.GetBytes(20) : null) : null;
            var result = KnownHostsEdit.Apply(before.Content ?? [], Changed ? name : null, entry);
            if (Changed)
            {
                recorded.AddRange(result.Removed.Select(line => (Fingerprint(before.Content!, line), $"{path}:{line}")));
                foreach (var (line, why) in result.Invalid)
                {
                    warnings.Add($"{path}:{line} is not a valid known_hosts line ({why}); it is kept as it is (ssh-keygen -R refuses a file with such a line)");
                }

                foreach (var line in result.Kept)
                {
                    warnings.Add($"{path}:{line} is a @cert-authority or @revoked line for {name}; kept, as ssh-keygen -R keeps it");
                }
            }

            if (result.Removed.Count == 0 && !add)
            {
                continue;
            }

            var commands = new List<string>();
            if (result.Removed.Count > 0)
            {
                commands.Add(ShellCommands.KeygenRemove(name, path));
            }

            if (entry is not null)
            {
                commands.Add(ShellCommands.AppendLine(entry, path));
            }

            steps.Add(new ContentStep
            {
                Path = real,
                Before = before,
                After = result.Content,
                NewFileMeta = new FileMeta(context.Uid, context.Gid, 0x1A4),
                Command = ShellCommands.Join(commands),
            });
            if (result.Removed.Count > 0)
            {
                // ssh-keygen -R keeps the previous content as FILE.old.
                var old = WritePolicy.Target(context, real + ".old", contentChange: true);
                steps.Add(new ContentStep
                {
                    Path = old,
                    Before = context.ReadFile(old, mayBeMissing: true),
                    After = before.Content!,
                    NewFileMeta = before.Meta,
                });
            }
        }

        if (Changed && recorded.Count == 0)
        {
            return FixProposal.Refuse(diagnosis, $"no entry for {name} in {string.Join(", ", files)}: nothing to remove");
        }

        if (!verified)
        {
            warnings.Add($"the key {diagnosis.Get("fingerprint") ?? "the server presents"} was not verified here; after the removal ssh asks at the next connection: compare the fingerprint it shows with the server's console");
        }

        var confirmation = new HostKeyConfirmation(name, recorded, diagnosis.Get("fingerprint") ?? "?", verified);
        return FixProposal.Planned(new PlannedFix(diagnosis, steps) { Warnings = warnings, Confirmation = confirmation });
    }

    public string? Sketch(IReadOnlyDictionary<string, string> values)
    {
        var name = KnownHostsName.From(values);
        if (name is null || !CommandValues.IsPlausible("known_hosts_name", name))
        {
            return null;
        }

        if (!Changed)
        {
            return values.TryGetValue("host_key", out var key) && IsKeyText(key) && values.Printable("known_hosts_file", "file") is { } target ? ShellCommands.AppendLine(name + " " + key, target) : null;
        }

        return ShellCommands.KeygenRemove(name, values.Printable("file"));
    }

    /// <summary>"TYPE BASE64" as a verified key is written: nothing a shell or a known_hosts line could misread.</summary>
    private static bool IsKeyText(string key) =>
        key.Length < 16384 && key.Split(' ') is [var type, var blob] && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '@' or '.')
        && blob.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=');

    private static string Fingerprint(byte[] content, int line)
    {
        var text = Text.TextLines.Parse(content).Lines[line - 1].Text;
        var parsed = Ssh.KnownHosts.KnownHostsFile.Parse("known_hosts", text);
        return parsed.Entries.Count > 0 ? SshKeyFingerprint.Sha256(parsed.Entries[0].KeyBlob.Span) : "(unreadable key)";
    }
}
