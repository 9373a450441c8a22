namespace SshDoctor.Audit;

/// <summary>The type bits of stat(2)'s st_mode, as the audits tell them apart.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Socket,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Other,
}
