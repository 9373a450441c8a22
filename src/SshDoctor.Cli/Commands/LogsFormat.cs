namespace SshDoctor.Cli.Commands;

/// <summary>How <c>logs</c> writes its result.</summary>
internal enum LogsFormat
{
    Human,
    Json,
    Events,
    Csv,
}
