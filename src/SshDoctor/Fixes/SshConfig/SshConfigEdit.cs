using SshDoctor.Fixes.Text;

namespace SshDoctor.Fixes.SshConfig;

/// <summary>
/// Adds options for one host to a user's ssh configuration, touching nothing else: into the existing <c>Host</c> block
/// for exactly that name (in whichever file, main or included, it lives), right after its <c>Host</c> line so the new
/// values come first (ssh keeps the first value); otherwise a new block placed before the first <c>Host *</c> /
/// <c>Match all</c> of the main file (or at its end). Comments, indentation, CRLF and Includes stay as they are.
/// </summary>
public static class SshConfigEdit
{
    /// <summary>The file to change and its new content; null when every option is already in the host's block.</summary>
    public static (string Path, byte[]? Before, byte[] After)? Plan(SshConfigSet set, string host, IReadOnlyList<(string Keyword, string Value)> options, string? comment)
    {
        foreach (var (keyword, value) in options)
        {
            if (value.Contains('"', StringComparison.Ordinal) || value.Contains("${", StringComparison.Ordinal) || value.Any(char.IsControl))
            {
                throw new FixInputException($"{keyword} {value}: cannot be written into an ssh_config safely (a quote, '${{' or a control character)");
            }
        }

        foreach (var file in set.Files)
        {
            var header = file.Lines.FirstOrDefault(l => l.Keyword == "host" && l.Arguments.Count == 1 && l.Arguments[0].Equals(host, StringComparison.OrdinalIgnoreCase));
            if (header is null)
            {
                continue;
            }

            var block = file.Block(header).ToList();
            var missing = options.Where(o => !block.Any(l => l.Keyword.Equals(o.Keyword, StringComparison.OrdinalIgnoreCase) && l.Arguments.Count == 1 && l.Arguments[0] == Unescaped(o.Keyword, o.Value))).ToList();
            if (missing.Count == 0)
            {
                return null;
            }

            var indent = block.FirstOrDefault(l => !l.IsBlankOrComment)?.Indent ?? file.UsualIndent;
            var newLine = file.Text.NewLine;
            var lines = Options(indent, missing, comment).Select(text => TextLines.NewLineOf(text, newLine)).ToList();
            var edited = TextLines.Parse(file.Content ?? []);
            if (!edited.Lines[header.Index].Terminated)
            {
                edited.TerminateLast();
            }

            edited.Lines.InsertRange(header.Index + 1, lines);
            return (file.Path, file.Content, edited.ToBytes());
        }

        var main = set.Main;
        var mainNewLine = main.Content is null ? "\n" : main.Text.NewLine;
        var block2 = new List<string> { "Host " + host };
        block2.AddRange(Options(main.UsualIndent, options, comment));
        var result = TextLines.Parse(main.Content ?? []);
        var catchAll = main.Lines.FirstOrDefault(l => l.IsCatchAll);
        if (catchAll is not null)
        {
            // Comments written just above "Host *" belong to it: the new block goes above them.
            var at = catchAll.Index;
            while (at > 0 && main.Lines[at - 1].Keyword.Length == 0 && main.Text.Lines[at - 1].Text.TrimStart().StartsWith('#'))
            {
                at--;
            }

            block2.Add(string.Empty);
            result.Lines.InsertRange(at, block2.Select(text => TextLines.NewLineOf(text, mainNewLine)));
        }
        else
        {
            result.TerminateLast();
            if (result.Lines.Count > 0 && result.Lines[^1].Text.Trim().Length > 0)
            {
                result.Lines.Add(TextLines.NewLineOf(string.Empty, mainNewLine));
            }

            result.Lines.AddRange(block2.Select(text => TextLines.NewLineOf(text, mainNewLine)));
        }

        return (main.Path, main.Content, result.ToBytes());
    }

    /// <summary>The option lines as written: a value with spaces in double quotes, '%' doubled where ssh expands tokens.</summary>
    private static IEnumerable<string> Options(string indent, IEnumerable<(string Keyword, string Value)> options, string? comment)
    {
        if (comment is not null)
        {
            yield return indent + "# " + comment;
        }

        foreach (var (keyword, value) in options)
        {
            var written = Escaped(keyword, value);
            yield return $"{indent}{keyword} {(written.AsSpan().IndexOfAny(" \t#'") >= 0 ? "\"" + written + "\"" : written)}";
        }
    }

    private static bool ExpandsTokens(string keyword) => keyword.Equals("IdentityFile", StringComparison.OrdinalIgnoreCase) || keyword.Equals("CertificateFile", StringComparison.OrdinalIgnoreCase);

    private static string Escaped(string keyword, string value) => ExpandsTokens(keyword) ? value.Replace("%", "%%", StringComparison.Ordinal) : value;

    private static string Unescaped(string keyword, string value) => Escaped(keyword, value);
}
