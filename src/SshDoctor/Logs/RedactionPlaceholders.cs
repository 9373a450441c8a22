using System.Text.RegularExpressions;

namespace SshDoctor.Logs;

/// <summary>
/// What people type over an address, port or name before they paste (<c>&lt;ip&gt;</c>, <c>&lt;port&gt;</c>,
/// <c>x.x.x.x</c>, <c>192.168.xx.xx</c>, <c>***</c>, <c>[redacted]</c>, <c>port XXXX</c>): one table of shapes. A line
/// no signature knows is read again with each placeholder replaced by a stand-in of the same length that fits where
/// the value stood (zeros: a number fits <c>\d+</c>, an address <c>[\w.:]+</c>), so the message is recognised; the
/// match is then laid back on the text as written, so the evidence and the values keep the placeholder and nothing
/// invented (no "port 0") reaches a report.
/// </summary>
internal static partial class RedactionPlaceholders
{
    /// <summary>The text with every placeholder replaced by its same-length stand-in, or null when it holds none.</summary>
    public static string? StandIn(string message)
    {
        if (message.Length == 0 || message.Length > Signatures.SignatureReader.MaxLength)
        {
            return null;
        }

        try
        {
            var replaced = false;
            var standIn = Placeholder().Replace(message, m =>
            {
                replaced = true;
                return StandInFor(m.Value);
            });
            return replaced ? standIn : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Zeros for the placeholder's characters, its dots and digits kept (<c>x.x.x.x</c> → <c>0.0.0.0</c>, <c>10.x.x.5</c> → <c>10.0.0.5</c>).</summary>
    private static string StandInFor(string placeholder) =>
        string.Create(placeholder.Length, placeholder, (span, text) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = text[i] == '.' || char.IsAsciiDigit(text[i]) ? text[i] : '0';
            }
        });

    /// <summary>
    /// The shapes: a name in angle brackets (<c>&lt;ip&gt;</c>, <c>&lt;your server ip&gt;</c>, <c>&lt;port&gt;</c>); a
    /// redaction word in square brackets (<c>[redacted]</c>, <c>[hidden ip]</c>: ssh's own brackets hold an address); a dotted address with x or * for some parts (<c>x.x.x.x</c>,
    /// <c>10.0.xx.xx</c>, <c>***.***.***.***</c>); a run of three or more stars; x's standing for a port's digits
    /// (<c>port XXXX</c>, <c>HOST:XXXX</c>).
    /// </summary>
    [GeneratedRegex(
        @"<(?:(?:my|your|the|client|local|server|remote|public|private|target|host|vm|ec2|some|real|redacted|hidden)[ _-]){0,2}(?:ip(?:v[46])?(?:[ _-]?addr(?:ess)?)?|addr(?:ess)?|host(?:[ _-]?name)?|server(?:[ _-]?(?:ip|name|address))?|port(?:[ _-]?(?:number|no))?|user(?:[ _-]?name)?|domain|fqdn|redacted|hidden|removed|masked|censored|snip)>"
        + @"|\[(?:redacted|hidden|removed|masked|censored|snip)(?:[ _-](?:ip|host|hostname|address|port|user))?\]"
        + @"|(?<![\w.])(?=[\d.]*[xX*])(?:\d{1,3}|[xX*]{1,3})(?:\.(?:\d{1,3}|[xX*]{1,3})){3}(?![\w.])"
        + @"|\*{3,}"
        + @"|(?<=\bport |[\w\]>]:)[xX#]{2,5}\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        500)]
    private static partial Regex Placeholder();
}
