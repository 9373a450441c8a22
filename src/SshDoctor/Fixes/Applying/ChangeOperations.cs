using System.Globalization;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;
using SshDoctor.Fixes.Records;

namespace SshDoctor.Fixes.Applying;

/// <summary>
/// Applying one step and reversing one recorded change. Every change is checked against what the plan (or the record)
/// says the file was before it is made: a file that changed in between is never overwritten.
/// </summary>
internal static class ChangeOperations
{
    public static RecordedChange Describe(string fix, FixStep step) => step switch
    {
        ContentStep c => new RecordedChange
        {
            Fix = fix,
            Kind = "content",
            Path = c.Path,
            OldChecksum = c.Before.Checksum,
            NewChecksum = Checksums.Of(c.After),
            OldMode = c.Before.Meta?.Mode,
            OldUid = c.Before.Meta?.Uid,
            OldGid = c.Before.Meta?.Gid,
            Label = c.Before.Meta?.Label is { Length: > 0 } label ? Convert.ToBase64String(label) : null,
        },
        ModeStep m => new RecordedChange { Fix = fix, Kind = "mode", Path = m.Path, OldMode = m.OldMode, NewMode = m.NewMode },
        OwnerStep o => new RecordedChange { Fix = fix, Kind = "owner", Path = o.Path, OldUid = o.OldUid, OldGid = o.OldGid, NewUid = o.NewUid, NewGid = o.NewGid },
        DirectoryStep d => new RecordedChange { Fix = fix, Kind = "directory", Path = d.Path, NewMode = d.Mode, NewUid = d.Uid, NewGid = d.Gid },
        ProgramStep p => new RecordedChange
        {
            Fix = fix,
            Kind = "program",
            Path = p.Path,
            Program = [p.Program, .. p.Arguments],
            UndoProgram = p.UndoArguments is null ? null : [p.Program, .. p.UndoArguments],
            Labels = p.Labels?.Select(l => new LabelChange { Path = l.Path, Old = Base64(l.Label) }).ToList(),
        },
        _ => throw new InvalidOperationException($"unknown step {step.GetType().Name}"),
    };

    /// <summary>Applies <paramref name="step"/> after checking that its file is still as planned; throws <see cref="FixInputException"/> otherwise.</summary>
    public static void Apply(FixStep step, RecordedChange change, FixContext context, string recordId)
    {
        switch (step)
        {
            case ContentStep c:
                var now = FixFiles.Read(c.Path, mayBeMissing: true);
                if (now.Checksum != c.Before.Checksum)
                {
                    throw new FixInputException($"{c.Path} changed since the plan was made: not overwritten");
                }

                var meta = c.Before.Meta ?? c.NewFileMeta ?? new FileMeta(context.Uid, context.Gid, 0x180);
                AtomicFile.Replace(c.Path, c.After, meta, recordId);
                break;
            case ModeStep m:
                var status = FixFiles.Stat(m.Path);
                if (!status.Exists || status.Mode != m.OldMode)
                {
                    throw new FixInputException($"{m.Path} changed since the plan was made (mode {status.ModeText}): not changed");
                }

                Check(NativeFiles.Chmod(m.Path, m.NewMode), $"chmod {ShellCommands.Octal(m.NewMode)} {m.Path}");
                CrashPoint.Reach($"mode of {m.Path} changed");
                break;
            case OwnerStep o:
                var owner = FixFiles.Stat(o.Path);
                if (!owner.Exists || owner.Uid != o.OldUid)
                {
                    throw new FixInputException($"{o.Path} changed since the plan was made (owner {owner.OwnerText}): not changed");
                }

                Check(NativeFiles.Lchown(o.Path, o.NewUid, o.NewGid), $"chown {o.NewUid.ToString(CultureInfo.InvariantCulture)} {o.Path}");
                CrashPoint.Reach($"owner of {o.Path} changed");
                break;
            case DirectoryStep d:
                change.Created = HomeDirectory.Create(d);
                break;
            case ProgramStep p:
                var result = context.Programs.Run(p.Program, p.Arguments, TimeSpan.FromSeconds(60));
                if (!result.Succeeded)
                {
                    throw new FixInputException($"{p.Command ?? p.Program} failed: {(result.NotFound ? "not installed" : (result.Stderr + result.Stdout).Trim())}");
                }

                foreach (var label in change.Labels ?? [])
                {
                    label.New = Base64(NativeFiles.GetAttribute(label.Path, FileMeta.SelinuxAttribute));
                }

                CrashPoint.Reach($"{p.Program} ran");
                break;
        }
    }

    /// <summary>What undo would do with <paramref name="change"/> as things are now.</summary>
    public static UndoAction Inspect(RecordedChange change, string recordId)
    {
        switch (change.Kind)
        {
            case "content":
                FileSnapshot now;
                try
                {
                    now = FixFiles.Read(change.Path, mayBeMissing: true);
                }
                catch (FixInputException e)
                {
                    return new UndoAction(change, UndoVerdict.Changed, e.Message);
                }

                return now.Checksum == change.NewChecksum ? new UndoAction(change, UndoVerdict.Restore, null)
                    : now.Checksum == change.OldChecksum ? new UndoAction(change, UndoVerdict.AlreadyOld, null)
                    : new UndoAction(change, UndoVerdict.Changed, $"{change.Path} changed since the fix (its checksum is neither the one the fix wrote nor the one before)");
            case "mode":
                var mode = FixFiles.Stat(change.Path);
                return !mode.Exists ? new UndoAction(change, UndoVerdict.Changed, $"{change.Path} no longer exists")
                    : mode.Mode == change.NewMode ? new UndoAction(change, UndoVerdict.Restore, null)
                    : mode.Mode == change.OldMode ? new UndoAction(change, UndoVerdict.AlreadyOld, null)
                    : new UndoAction(change, UndoVerdict.Changed, $"{change.Path} changed since the fix (mode {mode.ModeText})");
            case "owner":
                var owner = FixFiles.Stat(change.Path);
                return !owner.Exists ? new UndoAction(change, UndoVerdict.Changed, $"{change.Path} no longer exists")
                    : owner.Uid == change.NewUid ? new UndoAction(change, UndoVerdict.Restore, null)
                    : owner.Uid == change.OldUid ? new UndoAction(change, UndoVerdict.AlreadyOld, null)
                    : new UndoAction(change, UndoVerdict.Changed, $"{change.Path} changed since the fix (owner {owner.OwnerText})");
            case "directory":
                if (!FixFiles.StatLink(change.Path).Exists)
                {
                    return new UndoAction(change, UndoVerdict.AlreadyOld, null);
                }

                return change.Created is null ? new UndoAction(change, UndoVerdict.Changed, $"{change.Path}: the fix stopped while creating it, so what it made is not known; remove it by hand if it should not be there")
                    : HomeDirectory.Unchanged(change.Path, change.Created) is { } why ? new UndoAction(change, UndoVerdict.Changed, why)
                    : new UndoAction(change, UndoVerdict.Restore, null);
            case "program":
                if (change.Labels is { Count: > 0 } labels)
                {
                    var changed = labels.Where(l => l.New is not null && Base64(NativeFiles.GetAttribute(l.Path, FileMeta.SelinuxAttribute)) is var now2 && now2 != l.New && now2 != l.Old).Select(l => l.Path).FirstOrDefault();
                    return changed is not null ? new UndoAction(change, UndoVerdict.Changed, $"{changed}: its SELinux label changed since the fix")
                        : change.State == RecordStates.Applied ? new UndoAction(change, UndoVerdict.Restore, null)
                        : new UndoAction(change, UndoVerdict.AlreadyOld, null);
                }

                return change.State != RecordStates.Applied ? new UndoAction(change, UndoVerdict.AlreadyOld, null)
                    : change.UndoProgram is null ? new UndoAction(change, UndoVerdict.NotReversible, $"{string.Join(' ', change.Program ?? [])} cannot be reversed by a program")
                    : new UndoAction(change, UndoVerdict.Restore, null);
            default:
                return new UndoAction(change, UndoVerdict.Changed, $"unknown change kind {change.Kind}");
        }
    }

    /// <summary>Puts back what <paramref name="change"/> changed (the caller decided it may).</summary>
    public static void Reverse(RecordedChange change, RecordStore store, FixContext context, string recordId)
    {
        switch (change.Kind)
        {
            case "content":
                if (change.OldChecksum == Checksums.Absent)
                {
                    File.Delete(change.Path);
                    AtomicFile.SyncDirectory(Path.GetDirectoryName(change.Path) ?? "/");
                }
                else
                {
                    var backup = change.Backup is null ? null : store.ReadBackup(change.Backup);
                    if (backup is null || Checksums.Of(backup) != change.OldChecksum)
                    {
                        throw new FixInputException($"the backup of {change.Path} is missing or damaged: not restored");
                    }

                    var meta = new FileMeta(change.OldUid ?? context.Uid, change.OldGid ?? context.Gid, change.OldMode ?? 0x180, change.Label is null ? null : Convert.FromBase64String(change.Label));
                    AtomicFile.Replace(change.Path, backup, meta, recordId + "-undo");
                }

                break;
            case "mode":
                Check(NativeFiles.Chmod(change.Path, change.OldMode ?? 0x180), $"chmod {change.Path}");
                break;
            case "owner":
                Check(NativeFiles.Lchown(change.Path, change.OldUid ?? 0, change.OldGid ?? 0), $"chown {change.Path}");
                break;
            case "directory":
                HomeDirectory.Remove(change.Path, change.Created ?? []);
                break;
            case "program":
                if (change.Labels is { Count: > 0 } labels)
                {
                    foreach (var label in labels.Where(l => l.Old is not null && l.Old != l.New))
                    {
                        Check(NativeFiles.SetAttribute(label.Path, FileMeta.SelinuxAttribute, Convert.FromBase64String(label.Old!)), $"restoring the SELinux label of {label.Path}");
                    }
                }
                else if (change.UndoProgram is [var program, .. var arguments])
                {
                    var result = context.Programs.Run(program, arguments, TimeSpan.FromSeconds(60));
                    if (!result.Succeeded)
                    {
                        throw new FixInputException($"{string.Join(' ', change.UndoProgram)} failed: {(result.Stderr + result.Stdout).Trim()}");
                    }
                }

                break;
        }

        CrashPoint.Reach($"undone: {change.Kind} {change.Path}");
    }

    private static void Check(int errno, string what)
    {
        if (errno != 0)
        {
            throw new FixInputException($"{what} failed: {FixFiles.Describe(errno)}");
        }
    }

    private static string? Base64(byte[]? value) => value is null ? null : Convert.ToBase64String(value);
}

/// <summary>What undo does with one change.</summary>
public enum UndoVerdict
{
    /// <summary>The change is as the fix left it: put back.</summary>
    Restore,

    /// <summary>Already as before the fix (a crash before the change, or undone by hand): nothing to do.</summary>
    AlreadyOld,

    /// <summary>Changed since the fix: refused unless --force.</summary>
    Changed,

    /// <summary>A program run that has no reverse.</summary>
    NotReversible,
}

public sealed record UndoAction(RecordedChange Change, UndoVerdict Verdict, string? Why);
