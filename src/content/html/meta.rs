//! What a saved page says about itself, read from its parsed DOM, in order of trust: JSON-LD
//! (`NewsArticle` first, then any other kind of article), Open Graph and `article:*`
//! properties, `<meta name="date">` and its synonyms, a `<time datetime>` in the article's
//! header, the canonical link.

use dom_query::Document;
use serde_json::Value;

use crate::content::PartialDate;

/// Longest metadata value kept, in characters (a title, an outlet or an author).
const MAX_VALUE_CHARS: usize = 300;
/// JSON-LD blocks read per page, and objects looked at in them.
const MAX_JSON_LD: usize = 32;
const MAX_JSON_NODES: usize = 10_000;

/// Where the publication date of a page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateSource {
    /// `datePublished` of a JSON-LD article.
    JsonLd,
    /// `article:published_time` (Open Graph).
    OpenGraph,
    /// `<meta name="date">` (or `pubdate`, `dc.date`…).
    MetaDate,
    /// A `<time datetime>` of the article's header, or an `itemprop="datePublished"`.
    TimeElement,
}

/// The metadata of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Meta {
    /// The headline.
    pub title: Option<String>,
    /// The publication date and where it came from.
    pub published: Option<(PartialDate, DateSource)>,
    /// A modification date, used only when nothing else dates the page.
    pub modified: Option<PartialDate>,
    /// `og:site_name`, else the JSON-LD publisher.
    pub outlet: Option<String>,
    /// Author(s), joined with `, `.
    pub author: Option<String>,
    /// Canonical link, else `og:url` (http(s) only).
    pub url: Option<String>,
    /// Language code as the page gives it (`en-GB`).
    pub lang: Option<String>,
}

/// What JSON-LD says of the page's article.
#[derive(Default)]
struct LdArticle {
    news: bool,
    headline: Option<String>,
    published: Option<PartialDate>,
    modified: Option<PartialDate>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

/// Reads the metadata of a parsed page.
pub(crate) fn read(doc: &Document) -> Meta {
    let ld = json_ld(doc);
    let metas = meta_tags(doc);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| metas.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
            .and_then(|v| clean(&v))
    };
    let date = |keys: &[&str]| -> Option<PartialDate> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .filter(|(n, _)| n == k)
                .find_map(|(_, v)| parse_date(v))
        })
    };
    let published = ld
        .as_ref()
        .and_then(|a| a.published)
        .map(|d| (d, DateSource::JsonLd))
        .or_else(|| {
            date(&["article:published_time", "og:article:published_time"])
                .map(|d| (d, DateSource::OpenGraph))
        })
        .or_else(|| {
            date(&[
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "publish_date",
                "dc.date",
                "dc.date.issued",
                "dcterms.date",
                "dcterms.issued",
                "dcterms.created",
            ])
            .map(|d| (d, DateSource::MetaDate))
        })
        .or_else(|| time_element(doc).map(|d| (d, DateSource::TimeElement)));
    let modified = ld.as_ref().and_then(|a| a.modified).or_else(|| {
        date(&[
            "article:modified_time",
            "og:updated_time",
            "last-modified",
            "dcterms.modified",
        ])
    });
    let outlet = get(&["og:site_name"]).or_else(|| ld.as_ref().and_then(|a| a.publisher.clone()));
    let author = ld
        .as_ref()
        .and_then(|a| a.author.clone())
        .or_else(|| get(&["author", "article:author", "dc.creator", "byl"]))
        .filter(|a| !a.starts_with("http://") && !a.starts_with("https://"));
    let canonical = doc.try_select("link[rel~=canonical][href]").and_then(|s| {
        s.iter()
            .find_map(|l| l.attr("href").and_then(|h| http_url(&h)))
    });
    let url = canonical
        .or_else(|| get(&["og:url"]).and_then(|u| http_url(&u)))
        .or_else(|| ld.as_ref().and_then(|a| a.url.clone()));
    let title = ld
        .as_ref()
        .and_then(|a| a.headline.clone())
        .or_else(|| get(&["og:title", "twitter:title"]))
        .or_else(|| {
            let t = clean(&doc.try_select("title")?.text())?;
            // `Headline - Outlet` with an outlet the page names nowhere else: its `h1`, when
            // the title starts with it.
            let h1 = doc
                .try_select("h1")
                .and_then(|h| clean(&h.first().text()))
                .filter(|h| t.starts_with(h.as_str()) && t.len() > h.len());
            h1.or_else(|| clean(&strip_site_suffix(&t, outlet.as_deref())))
        })
        .or_else(|| clean(&doc.try_select("h1")?.first().text()));
    let lang = doc
        .try_select("html[lang]")
        .and_then(|s| s.attr("lang"))
        .and_then(|l| clean(&l))
        .or_else(|| ld.as_ref().and_then(|a| a.lang.clone()))
        .or_else(|| get(&["og:locale", "content-language", "language", "dc.language"]));
    Meta {
        title,
        published,
        modified,
        outlet,
        author,
        url,
        lang,
    }
}

/// `(name, content)` of every `<meta>` with a `name`, `property` or `http-equiv`, names
/// lowercased, in document order.
fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    let Some(sel) = doc.try_select("meta[content]") else {
        return Vec::new();
    };
    sel.iter()
        .filter_map(|m| {
            let name = m
                .attr("property")
                .or_else(|| m.attr("name"))
                .or_else(|| m.attr("itemprop"))
                .or_else(|| m.attr("http-equiv"))?;
            Some((name.trim().to_lowercase(), m.attr("content")?.to_string()))
        })
        .collect()
}

/// The date of the article's own `<time>`: an `itemprop="datePublished"`, then the first
/// `<time datetime>` of the article's header, of the article, of the main content.
fn time_element(doc: &Document) -> Option<PartialDate> {
    for sel in [
        "[itemprop=datePublished]",
        "article header time[datetime]",
        "time[pubdate][datetime]",
        "article time[datetime]",
        "main time[datetime]",
    ] {
        let found = doc.try_select(sel).and_then(|s| {
            s.iter().find_map(|t| {
                let v = t.attr("datetime").or_else(|| t.attr("content"))?;
                parse_date(&v)
            })
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Reads a metadata date: RFC 3339 or ISO 8601 (`2031-03-14T09:30:00.000+0100`,
/// `2031-03-14 09:30`, `2031-03-14`), else the `YYYY-MM-DD` it starts with.
pub(crate) fn parse_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.len() > 64 {
        return None;
    }
    PartialDate::parse(s)
        .or_else(|| PartialDate::parse(&s.replacen(' ', "T", 1)))
        .or_else(|| {
            // `+0100` without its colon.
            let t = s.replacen(' ', "T", 1);
            let b = t.as_bytes();
            let n = b.len();
            (n > 5
                && (b[n - 5] == b'+' || b[n - 5] == b'-')
                && b[n - 4..].iter().all(u8::is_ascii_digit))
            .then(|| format!("{}:{}", &t[..n - 2], &t[n - 2..]))
            .and_then(|t| PartialDate::parse(&t))
        })
        .or_else(|| PartialDate::parse(s.get(..10)?).filter(|d| d.day.is_some()))
}

/// An absolute http(s) URL with a host, or nothing.
fn http_url(s: &str) -> Option<String> {
    let s = s.trim();
    let u = url::Url::parse(s).ok()?;
    (matches!(u.scheme(), "http" | "https") && u.host().is_some() && s.len() <= 2000)
        .then(|| s.to_string())
}

/// A metadata value with whitespace collapsed and control characters dropped, at most
/// [`MAX_VALUE_CHARS`]; nothing when empty.
fn clean(s: &str) -> Option<String> {
    let v: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_VALUE_CHARS)
        .collect();
    (!v.is_empty()).then_some(v)
}

/// `Headline | Outlet` (or ` - `, ` — `, ` – `) without the outlet.
fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(outlet) = outlet {
        for sep in [" | ", " - ", " — ", " – ", " · ", " :: "] {
            if let Some((head, tail)) = title.rsplit_once(sep)
                && tail.trim().eq_ignore_ascii_case(outlet.trim())
                && !head.trim().is_empty()
            {
                return head.trim().to_string();
            }
        }
    }
    title
}

/// The article JSON-LD describes: a `NewsArticle` (or one of its kinds) first, then any other
/// article.
fn json_ld(doc: &Document) -> Option<LdArticle> {
    let scripts = doc.try_select("script[type]")?;
    let mut best: Option<LdArticle> = None;
    for s in scripts
        .iter()
        .filter(|s| {
            s.attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .take(MAX_JSON_LD)
    {
        let text = s.text();
        let text = text.trim();
        let text = text.strip_prefix("<!--").unwrap_or(text);
        let text = text.strip_suffix("-->").unwrap_or(text);
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let mut stack = vec![&v];
        let mut seen = 0;
        while let Some(v) = stack.pop() {
            seen += 1;
            if seen > MAX_JSON_NODES {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(o) => {
                    if let Some(g) = o.get("@graph") {
                        stack.push(g);
                    }
                    if let Some(a) = ld_article(o) {
                        let better = match &best {
                            None => true,
                            Some(b) => a.news && !b.news,
                        };
                        if better {
                            best = Some(a);
                        }
                    }
                }
                _ => {}
            }
        }
        if best.as_ref().is_some_and(|b| b.news) {
            break;
        }
    }
    best
}

/// One JSON-LD object, when it is an article.
fn ld_article(o: &serde_json::Map<String, Value>) -> Option<LdArticle> {
    let types: Vec<&str> = match o.get("@type")? {
        Value::String(t) => vec![t.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    let short = |t: &&str| t.rsplit(['/', ':']).next().unwrap_or(t).to_string();
    let types: Vec<String> = types.iter().map(short).collect();
    let news = types
        .iter()
        .any(|t| t.ends_with("NewsArticle") || t == "LiveBlogPosting");
    let article = news
        || types
            .iter()
            .any(|t| t.ends_with("Article") || t == "BlogPosting" || t == "Report");
    if !article {
        return None;
    }
    let text = |k: &str| o.get(k).and_then(Value::as_str).and_then(clean);
    Some(LdArticle {
        news,
        headline: text("headline").or_else(|| text("name")),
        published: o
            .get("datePublished")
            .and_then(Value::as_str)
            .and_then(parse_date),
        modified: o
            .get("dateModified")
            .and_then(Value::as_str)
            .and_then(parse_date),
        author: o.get("author").and_then(names),
        publisher: o.get("publisher").and_then(names),
        url: o
            .get("url")
            .and_then(Value::as_str)
            .and_then(http_url)
            .or_else(|| match o.get("mainEntityOfPage") {
                Some(Value::String(u)) => http_url(u),
                Some(Value::Object(m)) => m.get("@id").and_then(Value::as_str).and_then(http_url),
                _ => None,
            }),
        lang: text("inLanguage"),
    })
}

/// The names of a JSON-LD person or organisation, or a list of them.
fn names(v: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").and_then(Value::as_str).and_then(clean),
        _ => None,
    };
    let all: Vec<String> = match v {
        Value::Array(a) => a.iter().take(20).filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    };
    let mut unique: Vec<String> = Vec::new();
    for n in all {
        if !unique.contains(&n) {
            unique.push(n);
        }
    }
    clean(&unique.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> Meta {
        read(&Document::from(html))
    }

    #[test]
    fn json_ld_comes_first_then_open_graph_then_meta_date_then_time() {
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2031-03-14T09:30:00+00:00","headline":"H","author":{"name":"A B"},"publisher":{"name":"P"}}</script>"#;
        let og = r#"<meta property="article:published_time" content="2031-03-12T08:00:00+01:00">"#;
        let md = r#"<meta name="date" content="2031-03-11">"#;
        let time =
            r#"<article><header><time datetime="2031-03-10">10 March</time></header></article>"#;
        let all = format!("<head>{ld}{og}{md}</head><body>{time}</body>");
        let m = meta(&all);
        assert_eq!(m.published.unwrap().1, DateSource::JsonLd);
        assert_eq!(m.published.unwrap().0.value(), "2031-03-14T09:30");
        assert_eq!(m.author.as_deref(), Some("A B"));
        assert_eq!(m.outlet.as_deref(), Some("P"));
        let m = meta(&format!("<head>{og}{md}</head><body>{time}</body>"));
        assert_eq!(
            m.published.unwrap(),
            (
                PartialDate::parse("2031-03-12T08:00").unwrap(),
                DateSource::OpenGraph
            )
        );
        let m = meta(&format!("<head>{md}</head><body>{time}</body>"));
        assert_eq!(m.published.unwrap().1, DateSource::MetaDate);
        assert_eq!(m.published.unwrap().0.value(), "2031-03-11");
        let m = meta(&format!("<body>{time}</body>"));
        assert_eq!(m.published.unwrap().1, DateSource::TimeElement);
        assert_eq!(meta("<body><p>nothing</p></body>").published, None);
    }

    #[test]
    fn json_ld_in_a_graph_with_a_list_of_authors_and_types() {
        let m = meta(
            r#"<script type="application/ld+json">[{"@type":"WebSite","name":"W"},{"@graph":[{"@type":["Article","ReportageNewsArticle"],"headline":" Big   news ","datePublished":"2031-01-02","author":[{"@type":"Person","name":"X"},"Y",{"name":"X"}],"publisher":"Z"}]}]</script>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Big news"));
        assert_eq!(m.author.as_deref(), Some("X, Y"));
        assert_eq!(m.outlet.as_deref(), Some("Z"));
        assert_eq!(m.published.unwrap().0.value(), "2031-01-02");
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle", oops</script><meta property="og:site_name" content="S"><title>T | S</title>"#,
        );
        assert_eq!(m.published, None);
        assert_eq!(m.outlet.as_deref(), Some("S"));
        assert_eq!(m.title.as_deref(), Some("T"));
    }

    #[test]
    fn a_title_with_an_unnamed_outlet_gives_way_to_the_h1_it_starts_with() {
        let m = meta("<title>Reabre el puente - Diario X</title><h1>Reabre el puente</h1>");
        assert_eq!(m.title.as_deref(), Some("Reabre el puente"));
        let m = meta("<title>Reabre el puente - Diario X</title><h1>Otra cosa</h1>");
        assert_eq!(m.title.as_deref(), Some("Reabre el puente - Diario X"));
    }

    #[test]
    fn the_url_is_canonical_then_og_url_and_only_http() {
        let m = meta(
            r#"<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://e.example/a">"#,
        );
        assert_eq!(m.url.as_deref(), Some("https://e.example/a"));
        let m = meta(
            r#"<link rel="canonical" href="https://e.example/c"><meta property="og:url" content="https://e.example/a">"#,
        );
        assert_eq!(m.url.as_deref(), Some("https://e.example/c"));
    }

    #[test]
    fn dates_in_the_forms_pages_write_them() {
        for (s, v) in [
            ("2031-03-14T09:30:00.000Z", "2031-03-14T09:30"),
            ("2031-03-14T09:30:00+0100", "2031-03-14T09:30"),
            ("2031-03-14 09:30:00", "2031-03-14T09:30"),
            ("2031-03-14", "2031-03-14"),
            ("2031-03-14Tnonsense", "2031-03-14"),
        ] {
            assert_eq!(
                parse_date(s).map(|d| d.value().to_string()).as_deref(),
                Some(v),
                "{s}"
            );
        }
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2031-13-45"), None);
    }

    #[test]
    fn a_modified_date_is_kept_apart_and_an_author_url_is_not_a_name() {
        let m = meta(
            r#"<meta property="article:modified_time" content="2031-02-03T10:00:00Z"><meta property="article:author" content="https://facebook.example/x">"#,
        );
        assert_eq!(m.published, None);
        assert_eq!(m.modified.unwrap().value(), "2031-02-03T10:00");
        assert_eq!(m.author, None);
    }
}
