using System.Globalization;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Scan;

/// <summary>Whether a host key is weak: DSA (any size: OpenSSH fixed it at 1024 bits), RSA under 2048 bits.</summary>
public static class HostKeyStrength
{
    public const int MinimumRsaBits = 2048;

    /// <summary>Why the key is weak, or null. <paramref name="blobBase64"/> is the RFC 4253 public key blob.</summary>
    public static string? Weakness(string? keyType, string? blobBase64)
    {
        if (keyType is null || blobBase64 is null)
        {
            return null;
        }

        if (keyType.StartsWith("ssh-dss", StringComparison.Ordinal))
        {
            return "DSA key (1024 bits, no longer accepted by OpenSSH)";
        }

        if (keyType.StartsWith("ssh-rsa", StringComparison.Ordinal) && RsaBits(blobBase64) is { } bits and < MinimumRsaBits)
        {
            return $"RSA key of {bits.ToString(CultureInfo.InvariantCulture)} bits (fewer than {MinimumRsaBits.ToString(CultureInfo.InvariantCulture)})";
        }

        return null;
    }

    /// <summary>The modulus size of a plain <c>ssh-rsa</c> blob (string type, mpint e, mpint n), or null.</summary>
    public static int? RsaBits(string blobBase64)
    {
        try
        {
            var blob = Convert.FromBase64String(blobBase64);
            var reader = new SshReader(blob);
            if (reader.ReadUtf8(64) != "ssh-rsa")
            {
                return null;
            }

            _ = reader.ReadMpintBytes();
            var modulus = reader.ReadMpintBytes(16384).TrimStart((byte)0);
            if (modulus.Length == 0)
            {
                return 0;
            }

            return ((modulus.Length - 1) * 8) + (8 - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]) + 24);
        }
        catch (Exception e) when (e is FormatException or SshWireException)
        {
            return null;
        }
    }
}
