// The web edition in a real browser (Debian's Chromium, driven by playwright-core): every
// page of a built site is checked with axe-core for the WCAG 2.1 A and AA and 2.2 AA rules, must make no
// request outside the site, and each kind of page is photographed at desktop and phone width.
//
//   node axe.mjs <site folder> <screenshot folder>
//
// Exit code 0 when every page has zero violations and no outside request.
import { chromium } from "playwright-core";
import { readFileSync, readdirSync, statSync, mkdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const site = resolve(process.argv[2] ?? "out/web");
const shots = resolve(process.argv[3] ?? "screenshots");
mkdirSync(shots, { recursive: true });

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

// One page of each kind gets its photograph taken: by the template its body was made with.
function kind(path) {
  const name = relative(site, path);
  if (name === "index.html") return "index";
  if (name === "zoeken.html") return "zoeken";
  if (name.endsWith("/index.html")) return "jaar";
  for (const k of ["raadsvoorstel", "raadsbesluit", "kadernota", "jaarverslag", "programmabegroting", "begrotingsboek"]) {
    if (name.includes(k)) return k;
  }
  return "document";
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
let failures = 0;
const photographed = new Set();
const all = pages(site).sort();
for (const path of all) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const outside = [];
  page.on("request", (request) => {
    if (!request.url().startsWith("file://")) outside.push(request.url());
  });
  // The page's Content-Security-Policy must block nothing of the site itself.
  const blocked = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) blocked.push(message.text());
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
  // Injected through the debugger, which the page's Content-Security-Policy rightly does not
  // govern (a script tag would be refused by it).
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
  const name = relative(site, path);
  for (const v of result.violations) {
    failures++;
    console.log(`FOUT ${name}: ${v.id} (${v.impact}) ${v.help}`);
    for (const node of v.nodes.slice(0, 3)) console.log(`     ${node.target.join(" ")}: ${node.failureSummary}`);
  }
  for (const url of outside) {
    failures++;
    console.log(`FOUT ${name}: verzoek buiten de site: ${url}`);
  }
  const csp = await page.evaluate(() =>
    document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "",
  );
  if (!csp.includes("script-src 'self'")) {
    failures++;
    console.log(`FOUT ${name}: geen Content-Security-Policy`);
  }
  for (const text of blocked) {
    failures++;
    console.log(`FOUT ${name}: door de Content-Security-Policy tegengehouden: ${text}`);
  }
  const k = kind(path);
  if (!photographed.has(k)) {
    photographed.add(k);
    await page.screenshot({ path: join(shots, `${k}-desktop.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(shots, `${k}-telefoon.png`), fullPage: true });
  }
  if (result.violations.length === 0 && outside.length === 0) console.log(`in orde ${name} (${result.passes.length} regels voldaan)`);
  await context.close();
}
// Search works from disk (file://) under the policy: a word of the site's first page finds it.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  const blocked = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) blocked.push(message.text());
  });
  await page.goto(pathToFileURL(join(site, "zoeken.html")).href + "?q=gemeente", { waitUntil: "load" });
  const kop = await page.evaluate(() => document.querySelector("#resultaten h2")?.textContent ?? "");
  const treffers = await page.evaluate(() => document.querySelectorAll("#resultaten li").length);
  if (treffers === 0 || blocked.length > 0) {
    failures++;
    console.log(`FOUT zoeken.html vanaf schijf: "${kop}", ${treffers} treffers; ${blocked.join(" ")}`);
  } else {
    console.log(`in orde zoeken.html vanaf schijf onder de Content-Security-Policy: ${kop}`);
  }
  await context.close();
}
await browser.close();
console.log(`${all.length} pagina's gecontroleerd, ${failures} problemen; foto's in ${shots}`);
process.exit(failures === 0 && all.length > 0 ? 0 : 1);
