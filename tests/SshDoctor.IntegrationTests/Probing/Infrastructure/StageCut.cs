namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>Where <see cref="StageCuttingProxy"/> closes a connection to a real sshd.</summary>
public enum StageCut
{
    /// <summary>Accepts the connection and closes it before a byte of the server's arrives.</summary>
    BeforeBanner,

    /// <summary>After the server's identification line.</summary>
    AfterBanner,

    /// <summary>After the server's KEXINIT.</summary>
    AfterKexInit,

    /// <summary>After the server's key exchange reply (host key and signature), before its NEWKEYS.</summary>
    AfterKexReply,

    /// <summary>After the server's NEWKEYS.</summary>
    AfterNewKeys,

    /// <summary>When the client's first encrypted packet (the ssh-userauth service request) arrives; it is not passed on.</summary>
    AfterServiceRequest,

    /// <summary>When the client's second encrypted packet (userauth request 'none') arrives; it is not passed on.</summary>
    AfterUserAuthNone,
}
