using System.Globalization;
using System.Text;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.HostKeys;

/// <summary>
/// An OpenSSH certificate (PROTOCOL.certkeys, <c>*-cert-v01@openssh.com</c>): the certified key, serial, type, key id,
/// principals, validity window, options, and the CA key and its signature over everything before the signature.
/// Parsing never trusts the blob: every length is bounded; the CA signature is checked by <see cref="VerifySignature"/>.
/// </summary>
public sealed class SshCertificate
{
    /// <summary>The suffix of every certificate key type.</summary>
    public const string Suffix = "-cert-v01@openssh.com";

    /// <summary><c>valid before</c> value meaning "forever".</summary>
    public const ulong Forever = ulong.MaxValue;

    /// <summary>OpenSSH's default CASignatureAlgorithms (since 8.2: no SHA-1 <c>ssh-rsa</c>; security-key types omitted, the probe does not verify their signatures).</summary>
    public static readonly IReadOnlyList<string> DefaultCaSignatureAlgorithms =
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256"];

    private readonly byte[] _signedData;
    private readonly byte[] _signature;

    private SshCertificate(string certificateType, SshPublicKey key, byte[] signedData, byte[] signature)
    {
        CertificateKeyType = certificateType;
        Key = key;
        _signedData = signedData;
        _signature = signature;
    }

    /// <summary>The certificate's type name, e.g. <c>ssh-ed25519-cert-v01@openssh.com</c>.</summary>
    public string CertificateKeyType { get; }

    /// <summary>The certified (plain) public key, e.g. <c>ssh-ed25519</c>: what OpenSSH fingerprints.</summary>
    public SshPublicKey Key { get; }

    public ulong Serial { get; private init; }

    public SshCertificateType Type { get; private init; }

    public string KeyId { get; private init; } = "";

    /// <summary>Principals (user names or host names); empty means "any" for host certificates.</summary>
    public IReadOnlyList<string> Principals { get; private init; } = [];

    /// <summary>Seconds since the epoch (0 = always).</summary>
    public ulong ValidAfter { get; private init; }

    /// <summary>Seconds since the epoch (<see cref="Forever"/> = never expires).</summary>
    public ulong ValidBefore { get; private init; }

    public IReadOnlyList<string> CriticalOptions { get; private init; } = [];

    public IReadOnlyList<string> Extensions { get; private init; } = [];

    /// <summary>The CA's public key.</summary>
    public SshPublicKey SignatureKey { get; private init; } = null!;

    /// <summary>The CA's signature algorithm, e.g. <c>ssh-ed25519</c> or <c>rsa-sha2-512</c>.</summary>
    public string SignatureAlgorithm { get; private init; } = "";

    /// <summary>True for a type name that denotes a certificate.</summary>
    public static bool IsCertificateType(string keyType) => keyType.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>
    /// The plain key type for a certificate type (<c>ssh-rsa-cert-v01@openssh.com</c> → <c>ssh-rsa</c>; a security key's
    /// keeps its domain: <c>sk-ssh-ed25519-cert-v01@openssh.com</c> → <c>sk-ssh-ed25519@openssh.com</c>); other names unchanged.
    /// </summary>
    public static string PlainType(string keyType) => !IsCertificateType(keyType) ? keyType
        : keyType.StartsWith("sk-", StringComparison.Ordinal) ? keyType[..^Suffix.Length] + "@openssh.com"
        : keyType[..^Suffix.Length];

    /// <summary>Parses a certificate blob; null when it is not a well-formed certificate of a key type the probe knows.</summary>
    public static SshCertificate? TryParse(ReadOnlySpan<byte> blob)
    {
        try
        {
            var reader = new SshReader(blob);
            var type = Encoding.ASCII.GetString(reader.ReadString(64));
            if (!IsCertificateType(type))
            {
                return null;
            }

            var plainType = PlainType(type);
            reader.ReadString(256);
            var keyStart = reader.Position;
            switch (plainType)
            {
                case "ssh-ed25519":
                    reader.ReadString(32);
                    break;
                case "ssh-rsa":
                    reader.ReadMpintBytes(16);
                    reader.ReadMpintBytes(2048);
                    break;
                case "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521":
                    reader.ReadString(16);
                    reader.ReadString(256);
                    break;
                case "ssh-dss":
                    reader.ReadMpintBytes(2048);
                    reader.ReadMpintBytes(2048);
                    reader.ReadMpintBytes(2048);
                    reader.ReadMpintBytes(2048);
                    break;
                case "sk-ssh-ed25519@openssh.com":
                    reader.ReadString(32);
                    reader.ReadString(1024);
                    break;
                case "sk-ecdsa-sha2-nistp256@openssh.com":
                    reader.ReadString(16);
                    reader.ReadString(256);
                    reader.ReadString(1024);
                    break;
                default:
                    return null;
            }

            var plain = new SshWriter().WriteString(plainType).WriteRaw(blob[keyStart..reader.Position]).ToArray();
            var serial = reader.ReadUInt64();
            var certType = reader.ReadUInt32();
            var keyId = reader.ReadUtf8(1024);
            var principals = Strings(reader.ReadString(65536));
            var validAfter = reader.ReadUInt64();
            var validBefore = reader.ReadUInt64();
            var critical = Names(reader.ReadString(65536));
            var extensions = Names(reader.ReadString(65536));
            reader.ReadString(65536);
            var caBlob = reader.ReadString(4096);
            var signedLength = reader.Position;
            var signature = reader.ReadStringBytes(4096);
            if (!reader.AtEnd || certType is not (1 or 2))
            {
                return null;
            }

            var ca = SshPublicKey.TryParse(caBlob);
            var signatureAlgorithm = Encoding.ASCII.GetString(new SshReader(signature).ReadString(64));
            if (ca is null || IsCertificateType(ca.KeyType) || SshPublicKey.TryParse(plain) is not { } key)
            {
                return null;
            }

            return new SshCertificate(type, key, blob[..signedLength].ToArray(), signature)
            {
                Serial = serial,
                Type = (SshCertificateType)certType,
                KeyId = keyId,
                Principals = principals,
                ValidAfter = validAfter,
                ValidBefore = validBefore,
                CriticalOptions = critical,
                Extensions = extensions,
                SignatureKey = ca,
                SignatureAlgorithm = signatureAlgorithm,
            };
        }
        catch (SshWireException)
        {
            return null;
        }
    }

    /// <summary>Null when the CA signature over the certificate verifies; otherwise why not.</summary>
    public string? VerifySignature()
    {
        try
        {
            return HostKeySignatureVerifier.Verify(SignatureAlgorithm, SignatureKey.Blob.Span, _signature, _signedData) is { } problem
                ? "CA signature: " + problem
                : null;
        }
        catch (SshWireException e)
        {
            return "CA signature is malformed: " + e.Message;
        }
    }

    /// <summary>Whether <paramref name="now"/> is inside the validity window (OpenSSH: valid_after ≤ now &lt; valid_before).</summary>
    public string? CheckValidity(DateTimeOffset now) =>
        NotYetValidAt(now) ? "Certificate invalid: not yet valid" : ExpiredAt(now) ? "Certificate invalid: expired" : null;

    /// <summary>Whether <paramref name="now"/> is at or past the end of the validity window.</summary>
    public bool ExpiredAt(DateTimeOffset now) => (ulong)Math.Max(0, now.ToUnixTimeSeconds()) >= ValidBefore;

    /// <summary>Whether <paramref name="now"/> is before the start of the validity window.</summary>
    public bool NotYetValidAt(DateTimeOffset now) => (ulong)Math.Max(0, now.ToUnixTimeSeconds()) < ValidAfter;

    /// <summary>The validity window as <c>ssh-keygen -L</c> prints it (local time there; UTC here).</summary>
    public string ValidityText => ValidAfter == 0 && ValidBefore == Forever
        ? "forever"
        : $"from {Time(ValidAfter, "always")} to {Time(ValidBefore, "forever")}";

    /// <summary>One line naming the certificate, for evidence.</summary>
    public string Describe() =>
        $"{(Type == SshCertificateType.User ? "user" : "host")} certificate serial {Serial.ToString(CultureInfo.InvariantCulture)} ID \"{RemoteText.Cut(KeyId, 256)}\" "
        + $"principals [{RemoteText.Names(Principals)}] valid {ValidityText}, signed by CA {SignatureKey.KeyType} {SignatureKey.Fingerprint} ({SignatureAlgorithm})";

    private static string Time(ulong seconds, string unbounded) =>
        seconds == 0 || seconds >= (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? unbounded
            : DateTimeOffset.FromUnixTimeSeconds((long)seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string[] Strings(ReadOnlySpan<byte> packed)
    {
        var reader = new SshReader(packed);
        var list = new List<string>();
        while (!reader.AtEnd && list.Count < 256)
        {
            list.Add(reader.ReadUtf8(1024));
        }

        return [.. list];
    }

    private static string[] Names(ReadOnlySpan<byte> packed)
    {
        // name, then data (a string holding the value): only the names are kept.
        var reader = new SshReader(packed);
        var list = new List<string>();
        while (!reader.AtEnd && list.Count < 256)
        {
            list.Add(reader.ReadUtf8(1024));
            reader.ReadString(65536);
        }

        return [.. list];
    }
}
