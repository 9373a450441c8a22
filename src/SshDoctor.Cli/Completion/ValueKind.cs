
namespace SshDoctor.Cli.Completion;

/// <summary>What a shell offers for the value of an option or argument.</summary>
internal enum ValueKind
{
    /// <summary>Free text (a port, a user, a time): nothing to offer.</summary>
    Text,

    /// <summary>A fixed list, read from the symbol's own completion sources (<c>--lang</c>: en, ja).</summary>
    Fixed,

    /// <summary>A file name.</summary>
    File,

    /// <summary>A directory name.</summary>
    Directory,

    /// <summary>[user@]host[:port]: Host names of ~/.ssh/config and the names in known_hosts, listed by the program.</summary>
    Destination,

    /// <summary>A diagnosis id (listed by the program) or a file.</summary>
    DiagnosisIdOrFile,

    /// <summary>A diagnosis id or a destination (listed by the program), as <c>fix [ID] [destination]</c> takes them.</summary>
    DiagnosisIdOrDestination,

    /// <summary>A diagnosis id only (listed by the program), as a command that acts on one diagnosis takes it.</summary>
    DiagnosisId,
}
