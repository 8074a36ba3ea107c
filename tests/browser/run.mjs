// Browser test: serves a built site from a sub-path, opens its home page in headless Chromium
// (Debian's /usr/bin/chromium, never a downloaded browser), checks that the core events of
// expected.json appear in date order, follows a citation to its highlighted quote, runs axe-core
// (no serious or critical violation, light and dark), opens the busiest month page from the
// month navigation and checks the filter there, and saves screenshots in out/.
//
// With ANNALES and SITE_ROOT it also builds SITE_ROOT with a base_url under a second sub-path
// and checks that a missing page there gets the 404 page, whose link leads back home, as on a
// static host that serves 404.html for every missing path.
//
// Usage: node run.mjs PUBLIC_DIR [ANNALES SITE_ROOT]
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { readFile, stat, mkdtemp, rm, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const publicDir = path.resolve(process.argv[2] || path.join(here, "../../public"));
const expected = JSON.parse(await readFile(path.join(here, "expected.json"), "utf8"));
const subPath = expected.sub_path;
const [annalesBin, siteRoot] = [process.argv[3], process.argv[4]];
// The second copy, built with its base_url, is served here.
const basePath = "/hosted/annales-demo/";
const sites = [{ prefix: subPath, dir: publicDir }];
const outDir = path.join(here, "out");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";

const results = [];
function check(name, ok, detail = "") {
  results.push({ name, ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
}
function skip(name, why) {
  results.push({ name, ok: true, skipped: true });
  console.log(`skip ${name}: ${why}`);
}

const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json",
  ".xml": "application/xml", ".ics": "text/calendar", ".png": "image/png", ".svg": "image/svg+xml",
};

// A tiny static server that serves the site only under the sub-path, like a shared host would.
const requests = [];
const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  requests.push(url.pathname);
  let file = null;
  const site = sites.find((s) => url.pathname.startsWith(s.prefix));
  if (site) {
    const rel = decodeURIComponent(url.pathname.slice(site.prefix.length));
    const candidate = path.join(site.dir, rel);
    if (candidate.startsWith(site.dir)) {
      try {
        const s = await stat(candidate);
        file = s.isDirectory() ? path.join(candidate, "index.html") : candidate;
        await stat(file);
      } catch { file = null; }
    }
  }
  if (!file) {
    // Like GitHub Pages or Netlify: the site's own 404.html, with a 404 status (only for the
    // copy built with its base_url; the first copy keeps the bare answer).
    const page = site && site.dir !== publicDir ? await readFile(path.join(site.dir, "404.html")).catch(() => null) : null;
    res.writeHead(404, { "content-type": page ? types[".html"] : "text/plain" });
    res.end(page || "not found");
    return;
  }
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  res.end(await readFile(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}${subPath}`;

const profile = await mkdtemp(path.join(os.tmpdir(), "annales-chromium-"));
let context;
let failed = false;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // Nothing may leave the local server: no CDN, font or tracker.
  const external = [];
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(`http://127.0.0.1:${server.address().port}/`) || u.startsWith("file://")) return route.continue();
    external.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

  const resp = await page.goto(base, { waitUntil: "load" });
  check("home page served from a sub-path", resp.ok(), base);
  const cssOk = await page.evaluate(() => getComputedStyle(document.body).fontFamily !== "" &&
    [...document.styleSheets].some((s) => { try { return s.cssRules.length > 0; } catch { return false; } }));
  check("stylesheet loads through a relative link", cssOk);

  // The story's chronology as a reader sees it, in document order (background events, dated
  // long before or after the story, have their own "Contexte" section after it).
  const events = await page.$$eval("#chronology .events > li", (lis) => lis.map((li) => ({
    id: li.id,
    day: li.closest(".day")?.querySelector(".day-label time")?.getAttribute("datetime") || "",
    time: li.querySelector(".event-when time")?.getAttribute("datetime") || "",
    text: `${li.querySelector(".event-headline")?.textContent || ""} ${li.querySelector(".event-summary")?.textContent || ""}`,
  })));
  console.log(`     ${events.length} events on the home page`);
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const timeline = JSON.parse(await readFile(path.join(publicDir, "timeline.json"), "utf8"));
  if (timeline.events.length === 0) {
    // Only while the events stage is not merged: a site with any event must show all four.
    for (const want of expected.core_events) skip(`core event: ${want.label}`, "the site has no events at all");
  } else {
    const used = new Set();
    const found = expected.core_events.map((want) => {
      const re = new RegExp(want.match, "i");
      const i = events.findIndex((e, i) => !used.has(i) && e.day.startsWith(want.date) &&
        (!want.time || e.time.includes(`T${want.time}`)) && re.test(fold(e.text)));
      if (i >= 0) used.add(i);
      check(`core event: ${want.label} (${want.date}${want.time ? " " + want.time : ""})`, i >= 0,
        i >= 0 ? `#${events[i].id}` : "not found");
      return { want, i };
    });
    const placed = found.filter((f) => f.i >= 0).sort((a, b) => a.i - b.i);
    const inOrder = placed.every((f, k) => k === 0 || placed[k - 1].want.date <= f.want.date);
    check("core events appear in date order", placed.length === found.length && inOrder,
      placed.map((f) => f.want.date).join(" → "));
  }
  const days = events.map((e) => e.day);
  check("days never go backwards", days.every((d, k) => k === 0 || days[k - 1].slice(0, d.length) <= d),
    [...new Set(days)].join(", "));

  await mkdir(outDir, { recursive: true });
  await page.screenshot({ path: path.join(outDir, "home.png"), fullPage: true });

  // The coverage chart: an SVG picture with a title, described by the summary under it, one
  // bar per day, the key days marked; drawn without any script.
  const chart = await page.evaluate(() => {
    const svg = document.querySelector("figure.coverage svg[role=img]");
    if (!svg) return null;
    const desc = document.getElementById(svg.getAttribute("aria-describedby") || "");
    const box = svg.getBoundingClientRect();
    return {
      title: svg.querySelector("title")?.textContent || "",
      summary: desc ? desc.textContent : "",
      bars: svg.querySelectorAll("g > rect.e").length,
      keys: svg.querySelectorAll("circle.key-mark").length,
      visible: box.width > 200 && box.height > 50,
    };
  });
  check("the home page has a coverage chart with a title and a text alternative",
    !!chart && chart.title.length > 0 && chart.summary.length > 20 && chart.visible, JSON.stringify(chart));
  if (chart) {
    check("the chart draws the story's days and marks its key days", chart.bars > 0 && chart.keys > 0,
      `${chart.bars} bars, ${chart.keys} key days`);
    const fig = await page.$("figure.coverage");
    if (fig) await fig.screenshot({ path: path.join(outDir, "coverage.png") });
  }

  // Accessibility: axe-core, light then dark.
  const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate(axeSource);
    const res = await page.evaluate(async () =>
      await window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    for (const v of res.violations) {
      console.log(`     axe (${scheme}) ${v.impact}: ${v.id} — ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    }
    check(`axe-core: no serious or critical violation (${scheme})`, bad.length === 0,
      bad.map((v) => v.id).join(", "));
  }
  await page.screenshot({ path: path.join(outDir, "home-dark.png"), fullPage: false });
  await page.emulateMedia({ colorScheme: "light" });

  // A phone-sized view.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(outDir, "home-phone.png"), fullPage: false });
  await page.setViewportSize({ width: 1100, height: 900 });

  // Keyboard: the first Tab reaches the skip link, which is visible when focused.
  await page.keyboard.press("Tab");
  const skipLink = await page.evaluate(() => {
    const a = document.activeElement;
    return a && a.classList.contains("skip-link") && a.getBoundingClientRect().top >= 0;
  });
  check("skip link is the first focusable element and shows on focus", skipLink);

  // The optional filter narrows the chronology by a name or place, accents ignored.
  if (events.length > 1) {
    const word = (expected.filter_word || "").trim();
    const visibleBefore = await page.$$eval(".chronology .events > li", (l) => l.filter((x) => !x.hidden).length);
    await page.fill("#filter-input", word);
    const visible = await page.$$eval(".chronology .events > li", (l) => l.filter((x) => !x.hidden).length);
    check(`filter "${word}" narrows the chronology`, visible > 0 && visible < visibleBefore, `${visibleBefore} → ${visible}`);
    // The live count says how many are left, out of how many.
    const said = await page.$eval(".filter-count", (p) => (p.hidden ? "" : p.textContent));
    check("the filter says how many events are left", said.includes(String(visible)) && said.includes(String(visibleBefore)), said);
    await page.fill("#filter-input", "");
    const hiddenAgain = await page.$eval(".filter-count", (p) => p.hidden);
    check("the count goes away with the filter", hiddenAgain);
  }

  // The full chronology: the month navigation leads to a month page, whose filter works the
  // same way (the month with the most events, so that the filter has something to narrow).
  const monthHref = await page.$$eval(".months a", (as) => {
    const withCount = as.map((a) => ({ href: a.getAttribute("href"),
      n: Number(a.parentElement?.querySelector(".count")?.textContent || 0) }));
    withCount.sort((a, b) => b.n - a.n);
    return withCount.length ? withCount[0].href : "";
  });
  if (monthHref) {
    await page.goto(new URL(monthHref, page.url()).href, { waitUntil: "load" });
    check("the month navigation opens a month page", /\/chronology\/[^/]+\/index\.html$/.test(new URL(page.url()).pathname), page.url());
    const monthCards = await page.$$eval(".chronology .events > li", (l) => l.length);
    const boxShown = await page.$eval(".filter", (b) => !b.hidden).catch(() => false);
    check("the month page shows its events and the filter", monthCards > 0 && boxShown, `${monthCards} events`);
    const period = await page.$eval("figure.coverage svg rect.period", (r) => Number(r.getAttribute("width"))).catch(() => 0);
    check("the month page's chart highlights its month", period > 0, `width ${period}`);
    const word = (expected.filter_word || "").trim();
    if (monthCards > 1 && word) {
      await page.fill("#filter-input", word);
      const shown = await page.$$eval(".chronology .events > li", (l) => l.filter((x) => !x.hidden).length);
      const daysShown = await page.$$eval(".chronology .day", (d) => d.filter((x) => !x.hidden).length);
      check(`filter "${word}" narrows the month page`, shown > 0 && shown < monthCards && daysShown > 0, `${monthCards} → ${shown}`);
      await page.fill("#filter-input", "zzzz-nothing-matches");
      const none = await page.$eval(".filter-empty", (p) => !p.hidden);
      check("the month page says when nothing matches", none);
      await page.fill("#filter-input", "");
    }
    await page.screenshot({ path: path.join(outDir, "month.png"), fullPage: false });
    await page.evaluate(axeSource);
    const res = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    for (const v of res.violations) console.log(`     axe (month) ${v.impact}: ${v.id} — ${v.help}`);
    check("axe-core: no serious or critical violation (month page)", bad.length === 0, bad.map((v) => v.id).join(", "));
    await page.goto(base, { waitUntil: "load" });
  } else {
    check("the home page links the months of the chronology", false, "no .months link");
  }

  // A citation leads to its highlighted, anchored quote.
  const cite = await page.$(".chronology a.cite");
  if (cite) {
    await Promise.all([page.waitForEvent("load"), cite.click()]);
    const target = await page.evaluate(() => {
      const id = decodeURIComponent(location.hash.slice(1));
      const el = id && document.getElementById(id);
      return el ? el.tagName : "";
    });
    check("a citation opens its highlighted quote", target === "MARK", page.url());
    await page.screenshot({ path: path.join(outDir, "source.png"), fullPage: false });
    await page.evaluate(axeSource);
    const res = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    check("axe-core: no serious or critical violation (source page)", bad.length === 0, bad.map((v) => v.id).join(", "));
  } else if (events.length === 0) {
    skip("a citation opens its highlighted quote", "the site has no events at all");
  } else {
    check("a citation opens its highlighted quote", false, "no citation link on the home page");
  }

  // An event page (permalink) passes axe too.
  const eventLink = await page.goto(base).then(() => page.$(".chronology .event-headline a"));
  if (eventLink) {
    await Promise.all([page.waitForEvent("load"), eventLink.click()]);
    check("an event permalink opens", /\/events\/[^/]+\/index\.html$/.test(new URL(page.url()).pathname), page.url());
    await page.evaluate(axeSource);
    const res = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    check("axe-core: no serious or critical violation (event page)", bad.length === 0, bad.map((v) => v.id).join(", "));
  }

  // Opened straight from disk: styles apply and links lead to files.
  const fromDisk = await context.newPage();
  await fromDisk.goto(pathToFileURL(path.join(publicDir, "index.html")).href);
  const diskStyled = await fromDisk.evaluate(() =>
    getComputedStyle(document.querySelector(".site-header")).borderBottomStyle === "solid");
  check("works opened from disk (styles load)", diskStyled);
  const diskLink = await fromDisk.$(".site-header nav a[href*='sources']");
  if (diskLink) {
    await Promise.all([fromDisk.waitForEvent("load"), diskLink.click()]);
    const title = await fromDisk.title();
    check("works opened from disk (links name their file)", fromDisk.url().endsWith("/sources/index.html") && title.length > 0, fromDisk.url());
  }
  await fromDisk.close();

  // A missing page of a site hosted under a sub-path, with its base_url: the host answers with
  // the site's 404 page, whose link leads back to the chronology (not to another 404).
  if (annalesBin && siteRoot) {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const baseDir = await mkdtemp(path.join(os.tmpdir(), "annales-hosted-"));
    execFileSync(annalesBin, ["build", "--quiet", "--root", siteRoot, "--output", path.join(baseDir, "public"),
      "--base-url", `${origin}${basePath}`]);
    sites.push({ prefix: basePath, dir: path.join(baseDir, "public") });
    const seen = errors.length;
    const missing = await page.goto(`${origin}${basePath}no/such/page/`, { waitUntil: "load" });
    // The browser logs the 404 status of the page itself: that one is what is being tested.
    const logged = errors.splice(seen);
    errors.push(...logged.filter((m) => !/status of 404/.test(m)));
    const back = await page.$("main a[href]");
    check("a missing page under the sub-path gets the site's 404 page", missing.status() === 404 && !!back,
      `${missing.status()}`);
    if (back) {
      await Promise.all([page.waitForEvent("load"), back.click()]);
      const home = await page.$$eval(".chronology .events > li, .summary .brief", (l) => l.length).catch(() => 0);
      check("the 404 page's link leads back to the chronology", new URL(page.url()).pathname.startsWith(basePath) && home > 0,
        page.url());
    }
    await page.screenshot({ path: path.join(outDir, "hosted-home.png"), fullPage: false });
    await rm(baseDir, { recursive: true, force: true });
  } else {
    skip("a missing page under the sub-path gets the site's 404 page", "no annales binary given");
  }

  check("no request left the local server", external.length === 0, external.join(", "));
  check("no script error", errors.length === 0, errors.join(" | "));
  const under = (r) => sites.some((s) => r.startsWith(s.prefix));
  check("every request stayed under the sub-path", requests.every(under),
    requests.filter((r) => !under(r)).join(", "));
} catch (e) {
  check("browser test ran", false, e && e.stack ? e.stack : String(e));
} finally {
  if (context) await context.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
const skipped = results.filter((r) => r.skipped).length;
const passed = results.filter((r) => r.ok && !r.skipped).length;
failed = results.length - passed - skipped;
console.log(`screenshots in ${outDir}`);
console.log(`browser: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 ? 0 : 1);
