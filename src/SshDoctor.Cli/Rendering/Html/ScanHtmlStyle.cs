namespace SshDoctor.Cli.Rendering.Html;

/// <summary>The report page's style sheet (inline: the page needs nothing from the network).</summary>
internal static class ScanHtmlStyle
{
    public const string Text = """
        :root { color-scheme: light dark; --ok: #2e7d32; --bad: #c62828; --bar: #1565c0; --muted: #757575; }
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; }
        h1 { font-size: 1.4em; margin: 0 0 .2em; }
        h2 { font-size: 1.1em; margin: 1.2em 0 .4em; }
        .meta { color: var(--muted); margin: 0; }
        .charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
        figure { margin: 0; min-width: 22em; }
        figcaption { font-weight: 600; margin-bottom: .3em; }
        svg text { font: 12px system-ui, sans-serif; fill: currentColor; }
        svg rect { fill: var(--bar); }
        svg .ok rect { fill: var(--ok); }
        svg .bad rect, svg .legacy rect { fill: var(--bad); }
        svg [data-outcome-filter] { cursor: pointer; }
        .none { color: var(--muted); }
        .controls { display: flex; gap: .8em; align-items: center; margin-bottom: .5em; }
        input[type=search] { min-width: 20em; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #8884; padding: .25em .5em; text-align: left; vertical-align: top; }
        th { cursor: pointer; user-select: none; white-space: nowrap; }
        th[aria-sort=ascending]::after { content: " \25B2"; }
        th[aria-sort=descending]::after { content: " \25BC"; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        td.outcome-ok { color: var(--ok); }
        td.outcome-bad { color: var(--bad); font-weight: 600; }
        code, .mono { font-family: ui-monospace, monospace; font-size: 12px; overflow-wrap: anywhere; }
        td:first-child { white-space: nowrap; }
        .legacy { color: var(--bad); }
        """;
}
