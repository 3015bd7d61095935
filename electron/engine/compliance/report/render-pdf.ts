import { existsSync } from 'node:fs';
import { RoutewiseError } from '../../../../shared/api/errors';

export interface PdfOptions {
  /** Chromium binary; default ROUTEWISE_CHROMIUM or Debian's /usr/bin/chromium. */
  executablePath?: string;
  title: string;
  timeoutMs?: number;
}

export function chromiumPath(): string | undefined {
  const candidates = [process.env.ROUTEWISE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/**
 * Print the self-contained report HTML to PDF with headless Chromium (the CLI and browser hosts; the Electron
 * app uses webContents.printToPDF). Page numbers come from Chromium's footer template (pageNumber/totalPages
 * classes): Chromium implements counter(page) only in its own header/footer, not in @page margin boxes.
 * The page loads no network resources (CSP default-src 'none'), and requests are refused outright.
 */
export async function renderPdf(html: string, opts: PdfOptions): Promise<Buffer> {
  const executablePath = opts.executablePath ?? chromiumPath();
  if (!executablePath) throw new RoutewiseError('unavailable', 'PDF export needs Chromium (apt-get install chromium, or set ROUTEWISE_CHROMIUM)');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(opts.timeoutMs ?? 300_000);
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout: opts.timeoutMs ?? 300_000 });
    const esc = opts.title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:7pt;width:100%;padding:0 14mm;color:#555">${esc}</div>`,
      footerTemplate: '<div style="font-size:8pt;width:100%;text-align:center;color:#333">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
      margin: { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' },
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
