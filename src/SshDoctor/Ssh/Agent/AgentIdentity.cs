using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Ssh.Agent;

/// <summary>One key the agent holds: its public key (type, blob, fingerprint) and comment.</summary>
public sealed record AgentIdentity(SshPublicKey PublicKey, string Comment);
