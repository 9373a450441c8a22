using SshDoctor.Ssh.Transport;

namespace SshDoctor.Ssh;

/// <summary>How the probe behaves: bounds, what it offers, and how it introduces itself.</summary>
public sealed record ProbeOptions
{
    public ProbeLimits Limits { get; init; } = ProbeLimits.Default;

    /// <summary>Algorithms offered per slot; narrow them to imitate a given client.</summary>
    public AlgorithmPreferences Algorithms { get; init; } = AlgorithmPreferences.Default;

    /// <summary>The softwareversion part of our identification line (RFC 4253 §4.2).</summary>
    public string SoftwareVersion { get; init; } = "SshDoctorProbe_1.0";

    /// <summary>Offer kex-strict-c-v00@openssh.com (Terrapin counter-measure); on by default like OpenSSH ≥ 9.6.</summary>
    public bool OfferStrictKex { get; init; } = true;

    public static ProbeOptions Default { get; } = new();
}
