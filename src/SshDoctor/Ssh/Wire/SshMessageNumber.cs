namespace SshDoctor.Ssh.Wire;

/// <summary>SSH message numbers used by the probe (RFC 4250 §4.1, RFC 8308, RFC 4419).</summary>
internal static class SshMessageNumber
{
    public const byte Disconnect = 1;
    public const byte Ignore = 2;
    public const byte Unimplemented = 3;
    public const byte Debug = 4;
    public const byte ServiceRequest = 5;
    public const byte ServiceAccept = 6;
    public const byte ExtInfo = 7;
    public const byte KexInit = 20;
    public const byte NewKeys = 21;
    public const byte KexEcdhInit = 30;
    public const byte KexEcdhReply = 31;
    public const byte KexDhGexGroup = 31;
    public const byte KexDhGexInit = 32;
    public const byte KexDhGexReply = 33;
    public const byte KexDhGexRequest = 34;
    public const byte UserAuthRequest = 50;
    public const byte UserAuthFailure = 51;
    public const byte UserAuthSuccess = 52;
    public const byte UserAuthBanner = 53;
    public const byte UserAuthPkOk = 60;
}
