namespace SshDoctor.Audit;

public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Socket,
    Other,
}
