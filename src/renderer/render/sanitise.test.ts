// The sanitiser needs a real DOM and a real CSS parser, so it runs in Chromium (the engine the
// workspace runs in), bundled as the app bundles it. Without a Chromium they fail: a skipped sanitiser test proves nothing.
// (No Node built-ins here: src/renderer may not import them, tests included.)
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser | undefined;
let page: Page;


interface Rendered {
  html: string;
  blockedImages: number;
  /** What the page looks like after inserting the html: anything that would act or load. */
  scripts: number;
  handlers: string[];
  hrefs: (string | null)[];
  targets: (string | null)[];
  rels: (string | null)[];
  images: string[];
  placeholders: string[];
  styles: string[];
  forbidden: string[];
  ran: boolean;
}

async function render(input: string, options: { markdown?: boolean; allowRemoteImages?: boolean } = {}): Promise<Rendered> {
  return page.evaluate(
    ([html, markdown, allowRemoteImages]) => {
      const api = (window as unknown as { Sanitiser: typeof import('./sanitise') }).Sanitiser;
      const opts = { allowRemoteImages, blockedImageText: (alt: string) => `[image: ${alt}]` };
      const out = markdown ? api.renderMarkdown(html, opts) : api.sanitiseHtml(html, opts);
      const host = document.createElement('div');
      document.body.appendChild(host);
      host.innerHTML = out.html;
      const all = Array.from(host.querySelectorAll('*'));
      const result = {
        html: out.html,
        blockedImages: out.blockedImages,
        scripts: host.querySelectorAll('script').length,
        handlers: all.flatMap((el) => el.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on'))),
        hrefs: Array.from(host.querySelectorAll('a')).map((a) => a.getAttribute('href')),
        targets: Array.from(host.querySelectorAll('a[href]')).map((a) => a.getAttribute('target')),
        rels: Array.from(host.querySelectorAll('a[href]')).map((a) => a.getAttribute('rel')),
        images: Array.from(host.querySelectorAll('img')).map((img) => img.getAttribute('src') ?? ''),
        placeholders: Array.from(host.querySelectorAll('.blocked-image')).map((el) => el.textContent ?? ''),
        styles: all.map((el) => el.getAttribute('style')).filter((s): s is string => s !== null),
        forbidden: all
          .map((el) => el.tagName.toLowerCase())
          .filter((tag) => ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'svg', 'math', 'textarea'].includes(tag)),
        ran: (window as unknown as { pwned?: boolean }).pwned === true,
      };
      host.remove();
      return result;
    },
    [input, options.markdown ?? false, options.allowRemoteImages ?? false] as const,
  );
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [decodeURIComponent(new URL('./sanitise.ts', import.meta.url).pathname)],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'Sanitiser',
    platform: 'browser',
    target: 'es2022',
  });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  page = await browser.newPage();
  // Any remote fetch would be a leak: fail it loudly instead of reaching the network.
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.setContent('<!doctype html><html><head></head><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('sanitiseHtml', () => {
  test('removes scripts and event handlers, and nothing runs', async () => {
    const out = await render(
      '<p>Hi</p><script>window.pwned = true</script><img src="x" onerror="window.pwned = true"><div onclick="window.pwned=true" onmouseover="x()">a</div><body onload="window.pwned=true">',
    );
    // Wait a tick so an onerror of a broken image would have fired.
    await page.waitForTimeout(50);
    expect({ scripts: out.scripts, handlers: out.handlers, ran: out.ran }).toEqual({ scripts: 0, handlers: [], ran: false });
    expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned === true)).toBe(false);
  });

  test('drops javascript:, data: and vbscript: links but keeps http(s), mailto and tel, opening them safely', async () => {
    const out = await render(
      '<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt&colon;alert(1)">b</a><a href=" javascript:alert(1)">c</a>' +
        '<a href="data:text/html,<script>alert(1)</script>">d</a><a href="vbscript:x">e</a><a href="/rpc/app/get-info">f</a>' +
        '<a href="https://example.com/x" target="_self" rel="opener">g</a><a href="mailto:a@b.c">h</a><a href="tel:+31201234567">i</a>',
    );
    expect(out.hrefs).toEqual([null, null, null, null, null, null, 'https://example.com/x', 'mailto:a@b.c', 'tel:+31201234567']);
    expect(out.targets).toEqual(['_blank', '_blank', '_blank']);
    expect(out.rels).toEqual(['noopener noreferrer', 'noopener noreferrer', 'noopener noreferrer']);
  });

  test('replaces remote images with a placeholder until they are allowed', async () => {
    const html = '<p><img src="https://tracker.example/pixel.gif" alt="logo"><img src="//cdn.example/a.png"><img src="http://x.example/b.png" alt="b"></p>';
    const blocked = await render(html);
    expect({ images: blocked.images, placeholders: blocked.placeholders, count: blocked.blockedImages }).toEqual({
      images: [],
      placeholders: ['[image: logo]', '[image: ]', '[image: b]'],
      count: 3,
    });
    const allowed = await render(html, { allowRemoteImages: true });
    expect({ images: allowed.images, count: allowed.blockedImages }).toEqual({
      images: ['https://tracker.example/pixel.gif', '//cdn.example/a.png', 'http://x.example/b.png'],
      count: 0,
    });
    expect(allowed.html).toContain('referrerpolicy="no-referrer"');
  });

  test('keeps inline data: images and replaces cid: and srcset images without counting them as remote', async () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const out = await render(`<img src="${pixel}" alt="pixel"><img src="cid:part1@mail" alt="inline"><img srcset="https://x.example/a.png 1x">`);
    expect({ images: out.images, placeholders: out.placeholders, count: out.blockedImages }).toEqual({
      images: [pixel],
      placeholders: ['[image: inline]', '[image: ]'],
      count: 0,
    });
  });

  test('removes iframes, forms, objects, style sheets, links, meta refresh, base and svg', async () => {
    const out = await render(
      '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="pw"><button>Go</button></form>' +
        '<object data="x.swf"></object><embed src="x.swf"><style>body{display:none}</style><link rel="stylesheet" href="https://evil.example/a.css">' +
        '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">' +
        '<svg><script>window.pwned=true</script><image href="https://evil.example/a.png"/></svg><math><mi>x</mi></math><textarea>t</textarea><p>kept</p>',
    );
    expect({ forbidden: out.forbidden, scripts: out.scripts, ran: out.ran }).toEqual({ forbidden: [], scripts: 0, ran: false });
    expect(out.html).toContain('<p>kept</p>');
  });

  test('keeps colours and type but drops styles that position, cover the app or load', async () => {
    const out = await render(
      '<div style="position:fixed; top:0; left:0; width:100%; z-index:9999; color: red">a</div>' +
        '<p style="background-image:url(https://tracker.example/x.png); font-weight: bold; margin-top:-500px">b</p>' +
        '<span style="display:none; transform: scale(9)">c</span>' +
        '<table style="border: 1px solid #ccc; border-collapse: collapse"><tr><td style="padding: 4px 8px; color: #a00; height: 100vh">d</td></tr></table>',
    );
    expect(out.styles).toEqual([
      'width: 100%; color: red;',
      'font-weight: bold;',
      // border-image (reset by the shorthand) is not allowed, so the border comes back as longhands.
      'border-width: 1px; border-style: solid; border-color: rgb(204, 204, 204); border-collapse: collapse;',
      'padding: 4px 8px; color: rgb(170, 0, 0);',
    ]);
  });

  test('strips ids, names and classes so an email cannot borrow or clobber the app', async () => {
    const out = await render('<p id="views-heading" class="visually-hidden ticket-row" name="api">x</p><a name="top" id="x">y</a>');
    expect(out.html).toBe('<p>x</p><a>y</a>');
  });

  test('survives nesting and mutation tricks', async () => {
    const out = await render(
      '<noscript><p title="</noscript><img src=x onerror=window.pwned=true>"></noscript>' +
        '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=window.pwned=true&gt;">' +
        '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=window.pwned=true src>">' +
        '"><svg/onload=window.pwned=true><a href="&#106;avascript:window.pwned=true">x</a>' + '<div>'.repeat(600) + 'deep' + '</div>'.repeat(600),
    );
    await page.waitForTimeout(50);
    expect({ scripts: out.scripts, handlers: out.handlers, ran: out.ran, jsLinks: out.hrefs.filter((href) => href !== null) }).toEqual({
      scripts: 0,
      handlers: [],
      ran: false,
      jsLinks: [],
    });
  });
});

describe('renderMarkdown', () => {
  test('renders markdown and sanitises the HTML it holds', async () => {
    const out = await render(
      '**Hi** [docs](https://example.com/docs) [bad](javascript:alert(1))\n\n<script>window.pwned=true</script>\n\n<img src=x onerror="window.pwned=true">\n\n![remote](https://tracker.example/p.gif)\nline two',
      { markdown: true },
    );
    await page.waitForTimeout(50);
    expect(out.html).toContain('<strong>Hi</strong>');
    expect(out.html).toContain('<br>line two');
    expect({ scripts: out.scripts, handlers: out.handlers, ran: out.ran, hrefs: out.hrefs, placeholders: out.placeholders }).toEqual({
      scripts: 0,
      handlers: [],
      ran: false,
      hrefs: ['https://example.com/docs', null],
      placeholders: ['[image: ]', '[image: remote]'],
    });
  });
});
