namespace SshDoctor.Probing.Resolve;

/// <summary>A name ssh refuses: its message (ssh's own words), what the name is (host name, user name, jump host) and the name as given.</summary>
public sealed record NameRefusal(string Message, string What, string Name);
