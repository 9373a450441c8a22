namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// Paths as Win32-OpenSSH writes them (<c>C:/Users/me/.ssh/id_ed25519</c>, <c>C:\ProgramData\ssh\…</c>,
/// <c>\\server\share\…</c>): a diagnosis about such a file gets the catalogue's Windows fixes (icacls), never chmod.
/// </summary>
public static class WindowsPaths
{
    public static bool IsWindowsPath(string path) =>
        (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '/' or '\\')
        || path.StartsWith(@"\\", StringComparison.Ordinal);
}
