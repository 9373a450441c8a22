using CsCheck;
using SshDoctor.Reporting;

namespace SshDoctor.Tests.Reporting;

/// <summary>
/// Redaction skips most lines with a cheap test before its patterns; the test may let a harmless line through to the
/// patterns, never skip one they would change.
/// </summary>
public sealed class RedactionTests
{
    private static readonly Gen<string> Piece = Gen.OneOfConst(
        "password", "PassWd", "passphrase", "SECRET", "token", "db_password", "Passwords", "pass", "tok",
        " ", "\t", "\u00a0", "  ", ":", "=", "://", "@", "/", "-", "-----", "PRIVATE KEY-----", "PRIVATE KEY",
        "user", "hunter2", "x", "12:34:56", "https", "bob", "é", "Failed password for root from 192.0.2.1 port 22 ssh2");

    [Fact]
    public void The_cheap_test_never_skips_a_line_the_patterns_would_change()
    {
        Piece.Array[0, 12].Select(pieces => string.Concat(pieces))
            .Sample(text => Assert.Equal(Redaction.RedactAlways(text), Redaction.Redact(text)), iter: 20_000);
    }

    [Fact]
    public void The_test_of_ascii_bytes_says_what_the_test_of_characters_says()
    {
        var asciiPiece = Gen.OneOf(Piece.Where(p => p.All(char.IsAscii)), Gen.String[Gen.Char[' ', '~'], 0, 6], Gen.OneOfConst("\u000b", "\r", "\n", "\u001f"));
        asciiPiece.Array[0, 12].Select(pieces => string.Concat(pieces))
            .Sample(text => Assert.Equal(Redaction.MayHoldSecret(text.AsSpan()), Redaction.MayHoldSecret(System.Text.Encoding.ASCII.GetBytes(text).AsSpan())), iter: 20_000);
    }

    [Theory]
    [InlineData("pasted: password = hunter2", "pasted: password = [redacted]")]
    [InlineData("token:abc", "token:[redacted]")]
    [InlineData("passphrase\u00a0=\u00a0x", "passphrase\u00a0=\u00a0[redacted]")]
    [InlineData("curl https://bob:hunter2@proxy/x", "curl https://bob:[redacted]@proxy/x")]
    [InlineData("Failed password for root from 192.0.2.1 port 22 ssh2", "Failed password for root from 192.0.2.1 port 22 ssh2")]
    public void Secrets_are_redacted_and_ordinary_lines_kept(string line, string expected)
    {
        Assert.Equal(expected, Redaction.Redact(line));
    }
}
