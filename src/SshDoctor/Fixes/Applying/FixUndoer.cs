using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;
using SshDoctor.Fixes.Records;

namespace SshDoctor.Fixes.Applying;

/// <summary>
/// <c>ssh-doctor undo</c>: reverses the last applied record (or a named one), change by change, last first. Before
/// anything is touched every change is inspected; a file that changed since the fix (checksum, mode, owner) refuses the
/// whole undo, naming the file, unless forced. A record left by a crash is undone as far as it got.
/// </summary>
public static class FixUndoer
{
    public static UndoResult Undo(FixContext context, string? recordId, bool force)
    {
        var store = new RecordStore(context.StateDirectory);
        var record = recordId is null
            ? store.List().FirstOrDefault(r => r.State is RecordStates.Applied or RecordStates.Applying)
            : store.Load(recordId);
        if (record is null)
        {
            return new UndoResult(null, [], recordId is null ? $"no applied fix to undo in {store.Directory}" : $"no record {recordId} in {store.Directory}");
        }

        if (record.State is RecordStates.Undone or RecordStates.Failed)
        {
            return new UndoResult(record, [], $"record {record.Id} is {record.State}: nothing to undo");
        }

        var locks = new List<FileLock>();
        try
        {
            foreach (var path in record.Changes.Where(c => c.Kind != "program").Select(c => c.Path).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                locks.Add(FileLock.Acquire(File.Exists(path) || Directory.Exists(path) ? path : Path.GetDirectoryName(path) ?? "/", TimeSpan.FromSeconds(10)));
            }

            var actions = record.Changes.AsEnumerable().Reverse().Select(c => ChangeOperations.Inspect(c, record.Id)).ToList();
            var changed = actions.Where(a => a.Verdict == UndoVerdict.Changed).ToList();
            if (changed.Count > 0 && !force)
            {
                return new UndoResult(record, actions, "refused: " + string.Join("; ", changed.Select(a => a.Why)) + " (ssh-doctor undo --force puts the old content back anyway)");
            }

            foreach (var action in actions)
            {
                if (action.Verdict == UndoVerdict.Restore || (force && action.Verdict == UndoVerdict.Changed && action.Change.Kind != "directory"))
                {
                    ChangeOperations.Reverse(action.Change, store, context, record.Id);
                }

                if (action.Change.Kind == "content")
                {
                    AtomicFile.TryDelete(AtomicFile.TemporaryFor(action.Change.Path, record.Id));
                }

                action.Change.State = RecordStates.Undone;
            }

            record.State = RecordStates.Undone;
            record.UndoneAt = context.Time.GetUtcNow();
            store.Save(record);
            return new UndoResult(record, actions, null);
        }
        catch (FixInputException e)
        {
            return new UndoResult(record, [], e.Message);
        }
        finally
        {
            foreach (var held in locks)
            {
                held.Dispose();
            }
        }
    }
}

/// <summary>What undo did (or why it refused: <see cref="Error"/>).</summary>
public sealed record UndoResult(FixRecord? Record, IReadOnlyList<UndoAction> Actions, string? Error);
