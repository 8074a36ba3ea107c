//! The data formats: each one file of the site made from the whole timeline (`timeline.json`,
//! an Atom feed, an iCalendar file, a TimelineJS document, a sitemap), one unit each behind
//! [`Format`]. A new output is one file here and one entry of [`ALL`].

pub(crate) mod atom;
pub(crate) mod ics;
pub(crate) mod json;
pub(crate) mod sitemap;
pub(crate) mod timelinejs;

use std::collections::BTreeMap;

use anyhow::Context as _;
use chrono::{DateTime, TimeZone, Utc};

use super::RenderInput;
use super::chronology::Plan;
use super::links::Env;
use crate::timeline::DateValue;
use crate::timeline::{Event, Source};

/// What a data format is made from.
pub struct FormatInput<'a> {
    /// The render input (timeline, articles, configuration, theme).
    pub input: &'a RenderInput<'a>,
    /// The link policy and display locale of the site.
    pub env: &'a Env,
    /// Where the chronology pages are, when the theme has them.
    pub plan: Option<&'a Plan>,
    /// The site-relative paths of the HTML pages, in page order.
    pub pages: &'a [&'a str],
}

/// One data file of the site.
pub trait Format: Sync {
    /// Its site-relative path.
    fn path(&self) -> &'static str;
    /// Its bytes, or `None` when this site has no such file (a sitemap without `base_url`).
    fn render(&self, cx: &FormatInput) -> anyhow::Result<Option<Vec<u8>>>;
    /// Writes its bytes into `out` (nothing when this site has no such file). A format that
    /// can write as it goes does, instead of making its bytes first.
    fn write_into(&self, cx: &FormatInput, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
        if let Some(bytes) = self.render(cx)? {
            out.write_all(&bytes)?;
        }
        Ok(())
    }
}

/// Writes `value` as the JSON data files are written: pretty, with a final newline.
fn write_pretty_json(
    out: &mut dyn std::io::Write,
    value: &impl serde::Serialize,
) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The bytes of a format that writes as it goes, made by its [`Format::write_into`].
fn written(f: &dyn Format, cx: &FormatInput) -> anyhow::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    f.write_into(cx, &mut out)?;
    Ok(Some(out))
}

/// Every data format, in the order they are made (the files are sorted by path afterwards).
pub const ALL: &[&dyn Format] = &[
    &json::Json,
    &atom::Atom,
    &ics::Ics,
    &timelinejs::TimelineJs,
    &sitemap::Sitemap,
];

/// Renders every format of [`ALL`], in parallel (they read the same site and write apart), in
/// the order of [`ALL`].
pub fn render_all(cx: &FormatInput) -> anyhow::Result<Vec<super::OutputFile>> {
    use rayon::prelude::*;
    let made: Vec<anyhow::Result<Option<Vec<u8>>>> = ALL
        .par_iter()
        .map(|f| {
            f.render(cx)
                .with_context(|| format!("writing {}", f.path()))
        })
        .collect();
    let mut out = Vec::new();
    for (f, bytes) in ALL.iter().zip(made) {
        if let Some(bytes) = bytes? {
            out.push(super::OutputFile {
                path: f.path().into(),
                bytes,
            });
        }
    }
    Ok(out)
}

/// Writes every format of [`ALL`] into `sink`, one after the other, each as it is made (a large
/// site's data files are its largest files: none is held whole in memory when its format can
/// write as it goes). Returns the paths of the files written.
pub fn write_each(cx: &FormatInput, sink: &dyn super::Sink) -> anyhow::Result<Vec<&'static str>> {
    let mut written = Vec::new();
    for f in ALL {
        if sink
            .put_stream(f.path(), &mut |out| f.write_into(cx, out))
            .with_context(|| format!("writing {}", f.path()))?
        {
            written.push(f.path());
        }
    }
    Ok(written)
}

/// Escapes text for XML content and attribute values; drops characters XML 1.0 forbids.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML (used for HTML carried inside feeds and JSON).
pub fn escape_html(s: &str) -> String {
    escape_xml(s).replace("&apos;", "&#39;")
}

/// A deterministic name-based UUID (`urn:uuid:…`) for ids when there is no `base_url`.
pub fn stable_uuid(name: &str) -> String {
    let a = crate::content::fnv1a(format!("annales-a:{name}").as_bytes());
    let b = crate::content::fnv1a(format!("annales-b:{name}").as_bytes());
    // Version 8 (custom) and the RFC 4122 variant bits.
    let a = (a & !0xF000) | 0x8000;
    let b = (b & !(0xC000 << 48)) | (0x8000 << 48);
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFFF,
        b >> 48,
        b & 0xFFFF_FFFF_FFFF
    )
}

/// The instant a date value starts, in UTC, reading clock times in the site's time zone.
pub fn instant(value: &DateValue, tz: chrono_tz::Tz) -> Option<DateTime<Utc>> {
    let local = value.start()?;
    tz.from_local_datetime(&local)
        .earliest()
        .map(|d| d.with_timezone(&Utc))
}

/// When an event was last known to change: the latest of its own start and the publication
/// dates of the sources citing it.
pub fn event_updated(
    event: &Event,
    sources: &BTreeMap<&str, &Source>,
    tz: chrono_tz::Tz,
) -> DateTime<Utc> {
    let own = instant(&event.date, tz);
    let published = event
        .citations
        .iter()
        .filter_map(|c| sources.get(c.source.as_str()))
        .filter_map(|s| s.published.as_ref())
        .filter_map(|p| instant(p, tz));
    own.into_iter()
        .chain(published)
        .max()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}
