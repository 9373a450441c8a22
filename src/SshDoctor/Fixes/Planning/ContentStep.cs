using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Text;

namespace SshDoctor.Fixes.Planning;

/// <summary>A file's content replaced (or created): applied by <see cref="AtomicFile"/>, shown as a unified diff.</summary>
public sealed record ContentStep : FixStep
{
    public required FileSnapshot Before { get; init; }

    public required byte[] After { get; init; }

    /// <summary>Owner and mode of the file when it does not exist yet.</summary>
    public FileMeta? NewFileMeta { get; init; }

    public string Diff => UnifiedDiff.Of(Path, Before.Content, After);
}
