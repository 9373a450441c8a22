namespace SshDoctor.Diagnosis.Rules;

/// <summary>Names the protocol a non-SSH peer speaks from the first text it sent.</summary>
public static class ProtocolGuess
{
    public static string? FromText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text switch
        {
            _ when text.StartsWith("HTTP/", StringComparison.Ordinal) || text.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase) => "HTTP",
            _ when text.StartsWith("SSH-1.", StringComparison.Ordinal) => "SSH protocol 1",
            _ when text.StartsWith("220", StringComparison.Ordinal) && text.Contains("FTP", StringComparison.OrdinalIgnoreCase) => "FTP",
            _ when text.StartsWith("220", StringComparison.Ordinal) => "SMTP (or FTP)",
            _ when text.StartsWith("+OK", StringComparison.Ordinal) => "POP3",
            _ when text.StartsWith("* OK", StringComparison.Ordinal) => "IMAP",
            _ when text.StartsWith("RFB ", StringComparison.Ordinal) => "VNC",
            _ when text.Contains("mysql", StringComparison.OrdinalIgnoreCase) => "MySQL",
            _ when text.Length > 0 && (text[0] == '\u0015' || text[0] == '\u0016') => "TLS",
            _ when text.Contains("\\025\\003", StringComparison.Ordinal) || text.Contains("\\026\\003", StringComparison.Ordinal) => "TLS",
            _ => null,
        };
    }
}
