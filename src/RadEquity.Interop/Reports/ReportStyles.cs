namespace RadEquity.Interop.Reports;

/// <summary>
/// The report's only style sheet, inlined so that the file works offline and carries nothing from outside. System
/// fonts only. Colours meet WCAG 2.1 AA contrast on white (text at least 4.5:1, chart marks at least 3:1), and
/// nothing is told by colour alone: the chart's marks differ in shape and the tables say the same in words.
/// </summary>
internal static class ReportStyles
{
    public const string Css = """
        :root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #b0b0b0; --accent: #1f4e79; --warn-bg: #fff4d6; --warn-line: #8a5a00; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
        .skip { position: absolute; left: -10000px; top: 0; padding: .5rem 1rem; background: var(--accent); color: #fff; }
        .skip:focus { left: 0; z-index: 10; }
        a { color: var(--accent); }
        a:focus, [tabindex]:focus { outline: 3px solid #b35900; outline-offset: 2px; }
        header, main, footer { max-width: 90rem; margin: 0 auto; padding: 0 1.25rem; }
        header { padding-top: 1.25rem; }
        h1 { font-size: 1.9rem; margin: .5rem 0; }
        h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; border-bottom: 2px solid var(--accent); padding-bottom: .25rem; }
        h3 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
        h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        .notice { border: 2px solid var(--warn-line); background: var(--warn-bg); padding: .75rem 1rem; margin: 1rem 0; font-weight: 600; }
        .warning { border-left: 6px solid var(--warn-line); background: var(--warn-bg); padding: .5rem 1rem; margin: .75rem 0; }
        .spec, .note { color: var(--muted); }
        .pair { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
        figure { flex: 1 1 26rem; max-width: 44rem; margin: 0; }
        figure svg { width: 100%; height: auto; display: block; }
        figcaption { font-size: .875rem; color: var(--muted); margin-top: .25rem; }
        .table-wrap { flex: 1 1 36rem; overflow-x: auto; }
        table { border-collapse: collapse; font-size: .875rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; caption-side: top; }
        th, td { border: 1px solid var(--line); padding: .25rem .5rem; vertical-align: top; }
        thead th { background: #eef2f6; text-align: left; }
        td.num { text-align: right; white-space: nowrap; }
        tr.ref th, tr.ref td { background: #eef2f6; font-weight: 600; }
        tr.notgroup th, tr.notgroup td { color: var(--muted); font-style: italic; }
        .flag { font-weight: 700; }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1a1a1a; }
        svg .grid { stroke: #d9d9d9; stroke-width: 1; }
        svg .axis { stroke: #4a4a4a; stroke-width: 1; }
        svg .whisker { stroke: #1a1a1a; stroke-width: 1.5; }
        svg .refline { stroke: #8a3b00; stroke-width: 1.5; stroke-dasharray: 5 3; }
        svg .pt { fill: #1f4e79; stroke: #1f4e79; }
        svg .pt.reference { fill: #8a3b00; stroke: #8a3b00; }
        svg .pt.same { fill: #fff; stroke-width: 2; }
        ul.findings li { margin: .25rem 0; }
        footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .875rem; }
        @media print {
          body { font-size: 10pt; }
          .skip, nav.contents { display: none; }
          header, main, footer { max-width: none; padding: 0; }
          section.measure { break-before: page; }
          figure, .summary, tr, .notice, .warning { break-inside: avoid; }
          h2, h3, h4 { break-after: avoid; }
          .table-wrap { overflow: visible; }
          * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        }
        """;
}
