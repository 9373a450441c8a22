using System.Globalization;
using SshDoctor.Files;

namespace SshDoctor.Audit;

/// <summary>
/// The findings for a file that was not read, or not wholly: each reason its own code (a FIFO, permission denied, a
/// link loop are not "missing"), and a cut file says how much of it was checked.
/// </summary>
public static class FileReadFindings
{
    /// <summary>Adds the finding for <paramref name="read"/>; nothing for a file read whole or a missing one (the caller says what missing means).</summary>
    public static void Report(AuditSink sink, FileRead read)
    {
        var path = read.Path;
        switch (read.Problem)
        {
            case FileReadProblem.None when read.Cut:
                sink.Add(FindingSeverity.Warning, "file.cut", path, ("path", path), ("size", Number(read.Size)), ("read", Number(read.Bytes.Length)));
                break;
            case FileReadProblem.NotRegular:
                // A directory ssh opens reads as empty; a FIFO, socket or device blocks it or never ends.
                sink.Add(read.Kind == FileKind.Directory ? FindingSeverity.Info : FindingSeverity.Warning, "file.not-regular", path, ("path", path), ("kind", FileRead.KindName(read.Kind)));
                break;
            case FileReadProblem.PermissionDenied:
                sink.Add(FindingSeverity.Warning, "file.permission-denied", path, ("path", path));
                break;
            case FileReadProblem.SymlinkLoop:
                sink.Add(FindingSeverity.Warning, "file.symlink-loop", path, ("path", path));
                break;
            case FileReadProblem.Error:
                sink.Add(FindingSeverity.Warning, "file.read-error", path, ("path", path), ("error", read.Reason));
                break;
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
