using System.Globalization;
using System.Text;
using SshDoctor.Audit;

namespace SshDoctor.Files;

/// <summary>
/// What <see cref="BoundedFile.Read"/> found: the bytes read (at most the bound), or why nothing was read; whether the
/// file went on past the bound (<see cref="Cut"/>), and how large it said it was.
/// </summary>
public sealed record FileRead
{
    private string? _text;

    /// <summary>The path as the caller names it (for --root, the tree's own path, not the host's).</summary>
    public required string Path { get; init; }

    public FileReadProblem Problem { get; init; }

    /// <summary>What the path is (after following links); <see cref="FileKind.Missing"/> when stat failed.</summary>
    public FileKind Kind { get; init; }

    /// <summary>st_size when the file was opened (0 for /proc files, which still have content).</summary>
    public long Size { get; init; }

    public int Errno { get; init; }

    public byte[] Bytes { get; init; } = [];

    /// <summary>The file holds more than the bound: only the first <see cref="Bytes"/> were read.</summary>
    public bool Cut { get; init; }

    public bool Ok => Problem == FileReadProblem.None;

    /// <summary>
    /// The content as UTF-8. When <see cref="Cut"/>, only the complete lines: the line the bound cut through is
    /// dropped, so that no reader judges half a line.
    /// </summary>
    public string Text => _text ??= Decode();

    /// <summary>Short, for evidence and messages: "a FIFO", "permission denied", "too many levels of symbolic links".</summary>
    public string Reason => Problem switch
    {
        FileReadProblem.None => "read",
        FileReadProblem.Missing => "no such file or directory",
        FileReadProblem.NotRegular => "a " + KindName(Kind) + ", not a regular file",
        FileReadProblem.PermissionDenied => "permission denied",
        FileReadProblem.SymlinkLoop => "too many levels of symbolic links",
        _ => "error " + Errno.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>How stat(2)'s file type is said in messages.</summary>
    public static string KindName(FileKind kind) => kind switch
    {
        FileKind.Fifo => "FIFO",
        FileKind.Socket => "socket",
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        FileKind.Directory => "directory",
        FileKind.SymbolicLink => "symbolic link",
        FileKind.Regular => "regular file",
        _ => "special file",
    };

    private string Decode()
    {
        var length = Bytes.Length;
        if (Cut)
        {
            var lastNewline = Array.LastIndexOf(Bytes, (byte)'\n');
            length = lastNewline + 1;
        }

        return Encoding.UTF8.GetString(Bytes, 0, length);
    }
}
