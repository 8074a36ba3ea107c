use annales::content::{LoadOptions, load_dir};
use annales::events::{mentions, similarity, tagging};
use annales::time::Lang;
fn main() {
    let loaded = load_dir(
        std::path::Path::new("."),
        LoadOptions {
            default_lang: Lang::Fr,
            drafts: false,
        },
    )
    .unwrap();
    let days = [
        "2023-09-21",
        "2023-09-20",
        "2023-09-21",
        "2023-09-21",
        "2023-09-20",
    ];
    let mut all = vec![];
    for (a, d) in loaded.articles.iter().zip(days) {
        let d = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        for m in mentions::extract(a, &tagging::tag_body(a, Some(d))) {
            all.push((a.id[..3].to_string(), m));
        }
    }
    let matcher = similarity::Matcher::build(all.iter().map(|x| &x.1));
    let vs: Vec<_> = all.iter().map(|x| matcher.vector(&x.1)).collect();
    let filter = std::env::args().nth(1).unwrap_or_default();
    if let Some(q) = std::env::args().nth(2) {
        for (i, (src, m)) in all.iter().enumerate() {
            if m.quote.contains(&q) && m.value.starts_with(&filter) {
                println!("{src} {} {}", m.value, m.time_text);
                let mut v: Vec<_> = m.terms.clone();
                v.sort_by(|a, b| b.1.total_cmp(&a.1));
                println!(
                    "  terms {:?}",
                    v.iter()
                        .map(|(t, w)| format!("{t}:{w:.2}"))
                        .collect::<Vec<_>>()
                );
                let _ = &vs[i];
            }
        }
        return;
    }
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            let (a, b) = (&all[i], &all[j]);
            if a.0 == b.0
                || (std::env::var_os("CROSS").is_none()
                    && a.1.value.get(..10) != b.1.value.get(..10))
            {
                continue;
            }
            if !a.1.value.starts_with(&filter) {
                continue;
            }
            let s = similarity::cosine(&vs[i], &vs[j]);
            if s < 0.08 {
                continue;
            }
            println!(
                "{:.3} {} {}|{} :: {} :: {}",
                s,
                a.1.value,
                a.0,
                b.0,
                &a.1.headline.chars().take(60).collect::<String>(),
                &b.1.headline.chars().take(60).collect::<String>()
            );
        }
    }
}
#[allow(dead_code)]
fn unused() {}
