/// The style sheets of the web pages: system fonts only (nothing fetched), light and dark by
/// `prefers-color-scheme`, one column on a phone, and a print sheet in black on white.
enum HTMLTheme {
    static func css(for flavor: HTMLRenderer.Flavor) -> String {
        base + (flavor == .homepage ? homepage : cv) + print
    }

    static let base = """
        :root {
          color-scheme: light dark;
          --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --rule: #d1d9e0; --accent: #0b5cad;
          --tag-bg: #e7f0fa; --tag-fg: #0b4a8b; --callout-bg: #fff8e1; --callout-rule: #e0a800;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #0f1419; --fg: #e6e8eb; --muted: #9aa4ae; --rule: #30363d; --accent: #6cb6ff;
            --tag-bg: #1c2f45; --tag-fg: #a8d1ff; --callout-bg: #2b2411; --callout-rule: #b38600;
          }
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--bg); color: var(--fg);
          font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
          overflow-wrap: anywhere;
        }
        a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
        a:hover { text-decoration-thickness: 2px; }
        h1, h2, h3 { line-height: 1.25; margin: 0; }
        h1 { font-size: 1.9rem; letter-spacing: -0.01em; }
        h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--rule); }
        h3 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
        p { margin: 0.4rem 0; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
        cite { font-style: normal; font-weight: 600; }
        address { font-style: normal; }
        .page { max-width: 60rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
        header .headline { font-size: 1.1rem; margin-top: 0.25rem; }
        header .affiliation, header address { color: var(--muted); }
        .contacts { list-style: none; padding: 0; margin: 0.75rem 0 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
        .contacts .label { color: var(--muted); }
        ul.entries { list-style: none; padding: 0; margin: 0.5rem 0; }
        ul.entries > li { margin: 0 0 0.7rem; }
        .line { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1rem; margin: 0.2rem 0; }
        .line > .what { flex: 1 1 20rem; min-width: 0; }
        .when { color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
        .line > .when { flex: 0 0 auto; }
        .detail, .role { margin: 0.1rem 0; }
        .role { color: var(--muted); }
        .position { margin: 0 0 1rem; }
        ul.bullets { margin: 0.25rem 0 0.5rem; padding-left: 1.25rem; }
        ul.bullets li { margin: 0.15rem 0; }
        ul.venues { margin: 0.1rem 0 0.25rem; padding-left: 1.25rem; }
        .owner { font-weight: 700; }
        .mark { color: var(--muted); }
        .tag { display: inline-block; padding: 0 0.45em; border-radius: 0.3em; background: var(--tag-bg); color: var(--tag-fg);
          font-size: 0.85em; font-weight: 600; white-space: nowrap; }
        .links .button { display: inline-block; padding: 0 0.5em; border: 1px solid var(--rule); border-radius: 0.3em;
          font-size: 0.85em; text-decoration: none; }
        .status { color: var(--muted); font-style: italic; }
        .callout { background: var(--callout-bg); border-left: 4px solid var(--callout-rule); padding: 0.6rem 0.8rem; border-radius: 0.25rem; }
        .legend { color: var(--muted); font-size: 0.9em; }
        li.news { display: flex; gap: 0 1rem; }
        li.news > .when { flex: 0 0 7.5rem; font-weight: 600; white-space: normal; }
        li.news > .what { flex: 1 1 auto; min-width: 0; }
        @media (max-width: 40rem) {
          .page { padding: 1rem 0.9rem 2rem; }
          h1 { font-size: 1.6rem; }
          li.news { display: block; }
          li.news > .when { display: block; }
          .when { white-space: normal; }
        }

        """

    static let cv = """
        body.cv header { padding-bottom: 0.5rem; }
        body.cv header .summary { margin-top: 1rem; }

        """

    static let homepage = """
        body.homepage .page { max-width: 72rem; }
        body.homepage header { text-align: left; }
        body.homepage header .contacts { flex-direction: column; gap: 0.2rem; font-size: 0.95em; }
        body.homepage main > section:first-child h2 { margin-top: 1rem; }
        @media (min-width: 56rem) {
          body.homepage .page { display: grid; grid-template-columns: 17rem minmax(0, 1fr); gap: 3rem; }
          body.homepage header { position: sticky; top: 1.5rem; align-self: start; padding-top: 1rem;
            border-right: 1px solid var(--rule); padding-right: 1.5rem; }
        }
        @media (max-width: 55.99rem) {
          body.homepage header { border-bottom: 1px solid var(--rule); padding-bottom: 1rem; }
          body.homepage header .contacts { flex-direction: row; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
        }

        """

    static let print = """
        @media print {
          :root { --bg: #ffffff; --fg: #000000; --muted: #333333; --rule: #999999; --accent: #000000;
            --tag-bg: #ffffff; --tag-fg: #000000; --callout-bg: #ffffff; --callout-rule: #000000; }
          body { font-size: 10.5pt; }
          .page { max-width: none; padding: 0; display: block !important; }
          body.homepage header { position: static; border: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          .tag { border: 1px solid #000; }
          h2 { break-after: avoid; }
          .position, ul.entries > li { break-inside: avoid; }
        }
        @page { margin: 1.6cm; }

        """
}
