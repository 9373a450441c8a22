using SshDoctor.Config;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;
using SshDoctor.Fixes.SshConfig;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// A fix that adds options for one host to the user's ssh configuration (<see cref="SshConfigEdit"/>), proven with
/// <c>ssh -G</c>: before anything is written (on a private copy, when the edit is in the main file) and again right after
/// the write; if the fixed host does not resolve as intended or any other host resolves differently, the fix is not made
/// (or is put back).
/// </summary>
internal abstract class ConfigBlockFix : IFix
{
    public abstract string Id { get; }

    public abstract string? Sketch(IReadOnlyDictionary<string, string> values);

    /// <inheritdoc/>
    public virtual bool PlannedWhenNamed => false;

    /// <summary>The options to add for the host, or a reason not to.</summary>
    protected abstract (IReadOnlyList<(string Keyword, string Value)>? Options, string? Comment, string? Warning, string? Refusal) Options(Diagnosis.Diagnosis diagnosis, FixContext context);

    public FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        var host = diagnosis.Get("host");
        if (host is null || !SshNames.IsValidHostname(host))
        {
            return FixProposal.Refuse(diagnosis, "the diagnosis does not name a host a Host block could be written for");
        }

        var (options, comment, warning, refusal) = Options(diagnosis, context);
        if (options is null)
        {
            return FixProposal.Refuse(diagnosis, refusal ?? "nothing to add");
        }

        var config = context.SshConfigPath;
        WritePolicy.Target(context, config, contentChange: true);
        var set = SshConfigSet.Load(config, context.Home, (path, missing) => context.ReadFile(WritePolicy.Target(context, path, contentChange: false), missing));
        var resolution = new SshResolution(context.Programs);
        var current = set.Main.Content is null ? "/dev/null" : config;
        var (_, error) = resolution.Resolve(current, host);
        if (error is not null)
        {
            return FixProposal.Refuse(diagnosis, $"ssh refuses {config} as it is: {error}; nothing was changed", badInput: true);
        }

        var edit = SshConfigEdit.Plan(set, host, options, comment);
        var names = SshResolution.OtherNames(set, host).Prepend(host).ToList();
        var before = resolution.ResolveAll(current, names);
        if (edit is not { } e)
        {
            var already = SshResolution.Compare(host, options, before, before);
            return FixProposal.Refuse(diagnosis, already ?? $"{config} already has these settings for {host}");
        }

        var target = WritePolicy.Target(context, e.Path, contentChange: true);
        if (e.Path == set.Main.Path)
        {
            var problem = CheckCopy(resolution, host, options, before, e.After, names);
            if (problem is not null)
            {
                return FixProposal.Refuse(diagnosis, problem);
            }
        }

        var step = new ContentStep
        {
            Path = target,
            Before = context.ReadFile(target, mayBeMissing: true),
            After = e.After,
            NewFileMeta = new FileMeta(context.Uid, context.Gid, 0x180),
        };
        return FixProposal.Planned(new PlannedFix(diagnosis, [step])
        {
            Warnings = warning is null ? [] : [warning],
            AfterApply = () =>
            {
                try
                {
                    return SshResolution.Compare(host, options, before, resolution.ResolveAll(config, names));
                }
                catch (FixInputException failed)
                {
                    return failed.Message;
                }
            },
        });
    }

    /// <summary>ssh -G on the new content written to a private temporary copy (nothing of the user's is touched).</summary>
    private static string? CheckCopy(SshResolution resolution, string host, IReadOnlyList<(string, string)> options, Dictionary<string, IReadOnlyList<string>> before, byte[] after, List<string> names)
    {
        var dir = Directory.CreateTempSubdirectory("ssh-doctor-config-");
        try
        {
            var copy = Path.Combine(dir.FullName, "config");
            File.WriteAllBytes(copy, after);
            return SshResolution.Compare(host, options, before, resolution.ResolveAll(copy, names));
        }
        catch (FixInputException failed)
        {
            return failed.Message;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
