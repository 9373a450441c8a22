namespace SshDoctor.Files;

/// <summary>Why a file was not read (or not wholly): each is a different finding, never "missing" for all of them.</summary>
public enum FileReadProblem
{
    None,

    /// <summary>ENOENT or ENOTDIR: nothing there.</summary>
    Missing,

    /// <summary>A FIFO, socket, device or directory: opening or reading it could block or never end, so it is not read.</summary>
    NotRegular,

    /// <summary>EACCES or EPERM: it exists, but this process may not read it (or reach it).</summary>
    PermissionDenied,

    /// <summary>ELOOP: symbolic links that lead back to themselves.</summary>
    SymlinkLoop,

    /// <summary>Any other errno (EIO, ENAMETOOLONG ...).</summary>
    Error,
}
