using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;
using SshDoctor.Fixes.Records;

namespace SshDoctor.Fixes.Applying;

/// <summary>
/// Applies a confirmed plan: backups first, then the record (both synced), then each step under a lock per file,
/// checking every file is still as planned. A fix whose result is not what it intended (<see cref="PlannedFix.AfterApply"/>)
/// is put back; an error puts back everything applied so far, so a failed apply leaves no file changed.
/// </summary>
public static class FixApplier
{
    public static FixApplyResult Apply(FixPlan plan, FixContext context, string commandLine)
    {
        var store = new RecordStore(context.StateDirectory);
        var record = new FixRecord
        {
            Id = RecordStore.NewId(context.Time.GetUtcNow()),
            Time = context.Time.GetUtcNow(),
            CommandLine = commandLine,
            DiagnosisIds = plan.Fixes.Select(f => f.Diagnosis.Id).Distinct(StringComparer.Ordinal).ToList(),
        };
        var work = new List<(PlannedFix Fix, FixStep Step, RecordedChange Change)>();
        var backups = 0;
        foreach (var fix in plan.Fixes)
        {
            foreach (var step in fix.Steps)
            {
                var change = ChangeOperations.Describe(fix.Diagnosis.Id, step);
                if (step is ContentStep { Before.Content: { } old })
                {
                    change.Backup = store.WriteBackup(record.Id, backups++, old);
                    CrashPoint.Reach($"backup of {step.Path} written");
                }

                work.Add((fix, step, change));
            }
        }

        record.Changes = work.Select(w => w.Change).ToList();
        store.Save(record);
        CrashPoint.Reach("record written");

        var outcomes = new List<AppliedFix>();
        var locks = new List<FileLock>();
        try
        {
            foreach (var path in work.Where(w => w.Step is not ProgramStep).Select(w => w.Step.Path).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                locks.Add(FileLock.Acquire(path, TimeSpan.FromSeconds(10)));
            }

            foreach (var fix in plan.Fixes)
            {
                var mine = work.Where(w => ReferenceEquals(w.Fix, fix)).ToList();
                foreach (var (_, step, change) in mine)
                {
                    ChangeOperations.Apply(step, change, context, record.Id);
                    change.State = RecordStates.Applied;
                    if (step is DirectoryStep or ProgramStep)
                    {
                        store.Save(record);
                    }
                }

                var problem = fix.AfterApply?.Invoke();
                if (problem is null)
                {
                    outcomes.Add(new AppliedFix(fix, true, null));
                    continue;
                }

                // Not what was intended: put this fix back, keep the others.
                Reverse(mine.Select(m => m.Change), store, context, record.Id);
                outcomes.Add(new AppliedFix(fix, false, problem));
            }
        }
        catch (FixInputException e)
        {
            record.State = RecordStates.Failed;
            record.Note = e.Message;
            string? rollback = null;
            try
            {
                Reverse(work.Select(w => w.Change), store, context, record.Id);
            }
            catch (FixInputException again)
            {
                rollback = again.Message;
            }

            store.Save(record);
            return new FixApplyResult(record.Id, [], rollback is null ? e.Message + "; everything the fix had changed was put back" : $"{e.Message}; putting back failed too: {rollback} (see ssh-doctor undo {record.Id})");
        }
        finally
        {
            foreach (var held in locks)
            {
                held.Dispose();
            }
        }

        record.State = outcomes.Any(o => o.Applied) ? RecordStates.Applied : RecordStates.Failed;
        store.Save(record);
        CrashPoint.Reach("record finished");
        return new FixApplyResult(record.Id, outcomes, null);
    }

    /// <summary>Reverses applied changes, last first, each only if it is still as the fix left it.</summary>
    private static void Reverse(IEnumerable<RecordedChange> changes, RecordStore store, FixContext context, string recordId)
    {
        foreach (var change in changes.Where(c => c.State == RecordStates.Applied).Reverse())
        {
            var action = ChangeOperations.Inspect(change, recordId);
            if (action.Verdict == UndoVerdict.Restore)
            {
                ChangeOperations.Reverse(change, store, context, recordId);
            }

            change.State = RecordStates.RolledBack;
        }
    }
}

public sealed record FixApplyResult(string RecordId, IReadOnlyList<AppliedFix> Fixes, string? Error);

/// <summary>One planned fix after applying: applied, or put back with why.</summary>
public sealed record AppliedFix(PlannedFix Fix, bool Applied, string? Problem);
