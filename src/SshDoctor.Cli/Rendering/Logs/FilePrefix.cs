using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// The bytes each event of a file starts with, up to its line number (the file's name, escaped): made once per file,
/// then copied, since every line of a file repeats them.
/// </summary>
internal sealed class FilePrefix(Action<string, Utf8EventBuffer> write)
{
    private readonly LineBytes _bytes = new(256);
    private string? _file;

    public void Write(string file, Utf8EventBuffer into)
    {
        if (!ReferenceEquals(file, _file))
        {
            _bytes.Clear();
            write(file, new Utf8EventBuffer(_bytes));
            _file = file;
        }

        into.Literal(_bytes.Written);
    }
}
