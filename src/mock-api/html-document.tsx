import type { Child } from 'hono/jsx';

/**
 * The document every server-rendered page of the sandbox starts with (the collection form's
 * shell, its stand-in pages, the theme preview, the dashboard): one place for the doctype,
 * language, charset and viewport, so a page cannot quietly lose one of them. Each page family
 * keeps its own response headers (CSP, Referrer-Policy), which differ on purpose.
 */
export function htmlDocument(p: {
  title: string;
  /** A `<meta name="referrer">` for browsers that ignore the Referrer-Policy header on some requests. */
  referrer?: 'no-referrer' | 'same-origin';
  /** Stylesheets and scripts, after the title. */
  head?: Child;
  /** Attributes of `<body>`; undefined ones are left out. */
  body?: Record<string, string | undefined>;
  children: Child;
}): string {
  return (
    '<!DOCTYPE html>' +
    (
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {p.referrer ? <meta name="referrer" content={p.referrer} /> : null}
          <title>{p.title}</title>
          {p.head}
        </head>
        <body {...p.body}>{p.children}</body>
      </html>
    ).toString()
  );
}
