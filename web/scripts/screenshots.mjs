// Renders the pre-join screen and a demo meeting (?demo=1, fake participants) in headless
// Chromium and saves PNGs: node scripts/screenshots.mjs [outDir]   (after `npm run build`).
import { launchChromium, serveStatic } from '../../tests/support/browser/launch.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || path.join(here, '..', 'docs');
const server = await serveStatic(path.join(here, '..', 'dist'));
const browser = await launchChromium({ consoleLevels: ['error', 'warning'] });
try {
  const page = browser.page;
  await page.setViewportSize({ width: 1200, height: 700 });
  await page.goto(`${server.url}index.html?room=weekly-sync&name=Sam%20Rivera`, { waitUntil: 'load' });
  await page.waitForSelector('.prejoin-card');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(out, 'prejoin.png') });
  await page.goto(`${server.url}index.html?demo=1&name=Sam%20Rivera`, { waitUntil: 'load' });
  await page.waitForSelector('.tile');
  await page.click('button[title="Chat"]');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(out, 'meeting.png') });
  console.log(JSON.stringify(await page.evaluate(() => window.meetTest.state())).slice(0, 300));
} finally {
  await browser.close();
  await server.close();
}
