namespace SshDoctor.Ssh;

/// <summary>Where in the SSH handshake the probe was when something happened.</summary>
public enum ProbeStage
{
    /// <summary>Reading the server's identification line (and any lines before it).</summary>
    Banner,

    /// <summary>Exchanging and negotiating KEXINIT algorithm lists.</summary>
    AlgorithmNegotiation,

    /// <summary>The key exchange itself, host key signature and NEWKEYS.</summary>
    KeyExchange,

    /// <summary>Requesting the <c>ssh-userauth</c> service.</summary>
    ServiceRequest,

    /// <summary>User authentication requests (<c>none</c>, public-key queries).</summary>
    Authentication,
}
