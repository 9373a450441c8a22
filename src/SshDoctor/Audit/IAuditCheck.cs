namespace SshDoctor.Audit;

/// <summary>One check of an audit (git-credential-manager style): it looks at one thing and reports into its sink.</summary>
public interface IAuditCheck<in TContext>
{
    /// <summary>Stable name, shown when the check fails.</summary>
    string Name { get; }

    /// <summary>The group of the human output and of the JSON findings (files, keys, config, ...).</summary>
    string Area { get; }

    void Run(TContext context, AuditSink sink);
}
