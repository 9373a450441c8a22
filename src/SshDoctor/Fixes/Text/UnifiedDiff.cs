using System.Globalization;
using System.Text;

namespace SshDoctor.Fixes.Text;

/// <summary>
/// A unified diff (diff -u) of two versions of a text file, with three lines of context. Lines are compared byte for
/// byte (a changed line ending is a changed line); a missing final newline is marked as diff marks it.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    public static string Of(string path, byte[]? before, byte[] after)
    {
        var a = before is null ? [] : TextLines.Parse(before).Lines;
        var b = TextLines.Parse(after).Lines;
        var edits = Edits(a, b);
        var text = new StringBuilder();
        text.Append("--- ").Append(before is null ? "/dev/null" : path).Append('\n');
        text.Append("+++ ").Append(path).Append('\n');
        foreach (var hunk in Hunks(edits))
        {
            var oldStart = hunk[0].OldIndex;
            var newStart = hunk[0].NewIndex;
            var oldCount = hunk.Count(e => e.Kind != '+');
            var newCount = hunk.Count(e => e.Kind != '-');
            text.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            foreach (var edit in hunk)
            {
                var line = edit.Kind == '+' ? b[edit.NewIndex] : a[edit.OldIndex];
                text.Append(edit.Kind).Append(Encoding.UTF8.GetString(line.Content)).Append('\n');
                if (!line.Terminated)
                {
                    text.Append("\\ No newline at end of file\n");
                }
            }
        }

        return text.ToString();
    }

    private static string Range(int start, int count) =>
        count == 1 ? (start + 1).ToString(CultureInfo.InvariantCulture)
        : $"{(count == 0 ? start : start + 1).ToString(CultureInfo.InvariantCulture)},{count.ToString(CultureInfo.InvariantCulture)}";

    private static List<List<Edit>> Hunks(List<Edit> edits)
    {
        var hunks = new List<List<Edit>>();
        var changed = edits.Select((e, i) => (e, i)).Where(x => x.e.Kind != ' ').Select(x => x.i).ToList();
        var k = 0;
        while (k < changed.Count)
        {
            var from = Math.Max(0, changed[k] - Context);
            var to = changed[k];
            while (k + 1 < changed.Count && changed[k + 1] - to <= 2 * Context)
            {
                to = changed[++k];
            }

            k++;
            to = Math.Min(edits.Count - 1, to + Context);
            hunks.Add(edits.GetRange(from, to - from + 1));
        }

        return hunks;
    }

    /// <summary>The edit script by longest common subsequence; prefixes and suffixes that agree are skipped first.</summary>
    private static List<Edit> Edits(List<Line> a, List<Line> b)
    {
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && Same(a[prefix], b[prefix]))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && Same(a[^(suffix + 1)], b[^(suffix + 1)]))
        {
            suffix++;
        }

        var n = a.Count - prefix - suffix;
        var m = b.Count - prefix - suffix;
        var edits = new List<Edit>();
        for (var i = 0; i < prefix; i++)
        {
            edits.Add(new Edit(' ', i, i));
        }

        if ((long)n * m > 4_000_000)
        {
            // Too large to align: show it as replaced (fixes never produce this; a sane plan touches a few lines).
            edits.AddRange(Enumerable.Range(0, n).Select(i => new Edit('-', prefix + i, prefix)));
            edits.AddRange(Enumerable.Range(0, m).Select(j => new Edit('+', prefix + n, prefix + j)));
        }
        else
        {
            var lcs = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
            {
                for (var j = m - 1; j >= 0; j--)
                {
                    lcs[i, j] = Same(a[prefix + i], b[prefix + j]) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && Same(a[prefix + x], b[prefix + y]))
                {
                    edits.Add(new Edit(' ', prefix + x++, prefix + y++));
                }
                else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
                {
                    edits.Add(new Edit('-', prefix + x++, prefix + y));
                }
                else
                {
                    edits.Add(new Edit('+', prefix + x, prefix + y++));
                }
            }
        }

        for (var i = 0; i < suffix; i++)
        {
            edits.Add(new Edit(' ', a.Count - suffix + i, b.Count - suffix + i));
        }

        return edits;
    }

    private static bool Same(Line x, Line y) => x.Terminated == y.Terminated && x.Content.AsSpan().SequenceEqual(y.Content);

    private readonly record struct Edit(char Kind, int OldIndex, int NewIndex);
}
