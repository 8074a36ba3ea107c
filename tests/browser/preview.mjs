// Browser test of the live preview: `annales serve` on a copy of the demo site, opened in headless
// Chromium (Debian's /usr/bin/chromium). The preview sends a strict Content-Security-Policy, so
// this checks in a real browser that nothing of the page or of the preview's own client is
// blocked by it: no policy violation, the reload stream connects, the theme's filter script
// works, a broken article shows the error overlay (with a path relative to the site, never an
// absolute one), and removing it reloads the page without the overlay.
//
// Usage: node preview.mjs ANNALES_BINARY SITE_DIR
import { spawn } from "node:child_process";
import { mkdtemp, rm, cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import os from "node:os";
import { chromium } from "playwright-core";

const [binary, siteDir] = process.argv.slice(2);
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const results = [];
function check(name, ok, detail = "") {
  results.push(ok);
  console.log(`${ok ? "ok  " : "FAIL"} preview: ${name}${detail ? `: ${detail}` : ""}`);
}
// Every wait is bounded: a preview that never answers fails the test instead of stalling CI.
function within(ms, promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, no) => { timer = setTimeout(() => no(new Error(`timed out: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

const work = await mkdtemp(path.join(os.tmpdir(), "annales-preview-"));
const site = path.join(work, "site");
for (const part of ["site.toml", "content", "themes"]) {
  await cp(path.join(siteDir, part), path.join(site, part), { recursive: true }).catch(() => {});
}
const server = spawn(binary, ["serve", "--root", site, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
let log = "";
server.stderr.on("data", (d) => { log += d; });
let context;
try {
  const base = await within(120000, new Promise((ok, no) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/[^\s]+/);
      if (m) ok(m[0].replace(/\/?$/, "/"));
    });
    server.on("exit", (code) => no(new Error(`annales serve exited (${code}): ${log}`)));
  }), "the preview's address");

  const profile = path.join(work, "profile");
  context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  const streams = [];
  page.on("request", (r) => { if (r.url().includes("/__annales/events")) streams.push(r.url()); });
  const violations = () => page.evaluate(() => window.__violations || []);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

  const resp = await within(60000, page.goto(base, { waitUntil: "load" }), "the home page");
  const csp = resp.headers()["content-security-policy"] || "";
  check("pages carry a Content-Security-Policy", csp.includes("default-src"), csp.slice(0, 60));
  await within(30000, (async () => { while (streams.length === 0) await page.waitForTimeout(50); })(),
    "the reload stream");
  check("the reload client connects to its event stream", streams.length > 0);
  const styled = await page.evaluate(() =>
    getComputedStyle(document.querySelector(".site-header")).borderBottomStyle === "solid");
  check("the theme's stylesheet applies under the policy", styled);
  const items = await page.$$eval(".chronology .events > li", (l) => l.length);
  if (items > 1) {
    const word = JSON.parse(await readFile(new URL("./expected.json", import.meta.url), "utf8")).filter_word;
    await page.fill("#filter-input", word);
    const visible = await page.$$eval(".chronology .events > li", (l) => l.filter((x) => !x.hidden).length);
    check("the theme's filter script runs under the policy", visible > 0 && visible < items, `${items} → ${visible}`);
    await page.fill("#filter-input", "");
  }

  // Add a broken article: the overlay shows the error, with the article's path as the site
  // sees it. (Markdown, so that its front matter is parsed; the demo's articles are .txt.)
  const broken = path.join(site, "content", "zz-broken.md");
  await writeFile(broken, "+++\ntitle = \n+++\n\nUn texte.\n");
  const overlay = await within(60000, page.waitForSelector("[role=alert]"), "the error overlay")
    .catch(() => null);
  const overlayText = overlay ? await overlay.textContent() : "";
  check("a broken article shows the error overlay", overlay !== null && overlayText.includes("zz-broken.md"),
    overlayText.slice(0, 100));
  check("the overlay shows no absolute path", overlay !== null && !overlayText.includes(work),
    overlayText.slice(0, 100));
  // Remove it: the page reloads by itself and the overlay is gone.
  const reloaded = page.waitForEvent("load");
  await rm(broken);
  await within(60000, reloaded, "the reload after the fix").catch(() => null);
  await page.waitForLoadState("load");
  check("removing the broken article reloads the page without the overlay", (await page.$("[role=alert]")) === null);

  const blocked = await violations();
  check("nothing is blocked by the policy", blocked.length === 0 &&
    !problems.some((p) => /Content Security Policy/i.test(p)), [...blocked, ...problems].join(" | "));
} catch (e) {
  check("preview test ran", false, `${e && e.stack ? e.stack : e}\n${log}`);
} finally {
  if (context) await context.close();
  server.kill("SIGINT");
  await new Promise((ok) => { if (server.exitCode !== null) ok(); else server.on("exit", ok); setTimeout(ok, 5000); });
  await rm(work, { recursive: true, force: true });
}
const failed = results.filter((ok) => !ok).length;
console.log(`preview: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
