using System.Security.Cryptography;

namespace SshDoctor.Fixes.Files;

/// <summary>A file as it was read for a plan: its bytes (null when it does not exist) and what a rewrite must keep.</summary>
public sealed record FileSnapshot(string Path, byte[]? Content, FileMeta? Meta)
{
    public bool Exists => Content is not null;

    /// <summary>SHA-256 of the content in hex, or "absent".</summary>
    public string Checksum => Checksums.Of(Content);
}

/// <summary>The checksums records and undo compare.</summary>
public static class Checksums
{
    public const string Absent = "absent";

    public static string Of(byte[]? content) => content is null ? Absent : Convert.ToHexStringLower(SHA256.HashData(content));
}
