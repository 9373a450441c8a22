using System.Text;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// key.mismatch: KEY.pub rewritten with the public half of KEY as <c>ssh-keygen -y -f KEY</c> prints it. Only for a key
/// without a passphrase (the doctor never asks for one); the old .pub is kept in the fix's backup.
/// </summary>
internal sealed class KeyMismatchFix : IFix
{
    public string Id => DiagnosisIds.KeyMismatch;

    public FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        var key = diagnosis.Get("key");
        if (key is null || !key.StartsWith('/'))
        {
            return FixProposal.Refuse(diagnosis, "the diagnosis does not name the private key's full path");
        }

        var privateKey = context.ReadFile(WritePolicy.Target(context, key, contentChange: false));
        var parsed = PrivateKeyFile.Parse(Encoding.UTF8.GetString(privateKey.Content ?? []));
        if (parsed is null)
        {
            return FixProposal.Refuse(diagnosis, $"{key} is not a private key file ssh-keygen can read", badInput: true);
        }

        if (parsed.Encrypted)
        {
            return FixProposal.Refuse(diagnosis, $"{key} is protected by a passphrase, which the doctor never asks for: run {Sketch(diagnosis.Values)} yourself");
        }

        var pubPath = WritePolicy.Target(context, key + ".pub", contentChange: true);
        var before = context.ReadFile(pubPath, mayBeMissing: true);
        var generated = PublicHalf(context, privateKey.Content!);
        if (!generated.Succeeded || generated.Stdout.Length == 0)
        {
            return FixProposal.Refuse(diagnosis, $"ssh-keygen -y -f {key} failed: {(generated.NotFound ? "ssh-keygen is not installed" : generated.Stderr.Trim())}", badInput: !generated.NotFound);
        }

        var after = Encoding.UTF8.GetBytes(generated.Stdout);
        if (before.Content is not null && before.Content.AsSpan().SequenceEqual(after))
        {
            return FixProposal.Refuse(diagnosis, $"{pubPath} already holds the public half of {key}");
        }

        var step = new ContentStep
        {
            Path = pubPath,
            Before = before,
            After = after,
            NewFileMeta = new FileMeta(context.Uid, context.Gid, 0x1A4),
            Command = Sketch(diagnosis.Values),
        };
        return FixProposal.Planned(new PlannedFix(diagnosis, [step]));
    }

    /// <summary>
    /// <c>ssh-keygen -y</c> on a private copy (mode 0600 in a 0700 directory): ssh-keygen refuses a key file whose own
    /// mode is too open, which an earlier step of the same plan may be about to fix.
    /// </summary>
    private static Audit.ProgramResult PublicHalf(FixContext context, byte[] privateKey)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("fixes are made on Linux");
        }

        var dir = Directory.CreateTempSubdirectory("ssh-doctor-key-");
        try
        {
            var copy = Path.Combine(dir.FullName, "key");
            using (var stream = new FileStream(copy, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
                stream.Write(privateKey);
            }

            return context.Programs.Run("ssh-keygen", ["-y", "-P", string.Empty, "-f", copy], TimeSpan.FromSeconds(20));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public string? Sketch(IReadOnlyDictionary<string, string> values) =>
        values.Printable("key") is { } key ? $"ssh-keygen -y -f {ShellQuote.Word(key)} > {ShellQuote.Word(key + ".pub")}" : null;
}
