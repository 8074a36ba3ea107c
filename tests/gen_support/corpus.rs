//! The generated French news collection of the build benchmark and of `examples/gen_corpus.rs`:
//! about twenty articles a day, five happenings a day, each article retelling some of them with a
//! weekday ("mardi") that the tagger resolves against the publication date. One article in twenty
//! is an undated `.txt` file, dated from the others. Deterministic: the same arguments always
//! write the same bytes.

use super::Lcg;
use chrono::{Datelike, Days, NaiveDate};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Sentences per article of the build benchmark (about 1 KB an article).
pub const BENCH_SENTENCES: usize = 6;

/// Sentences per article that make about 2.2 KB an article, the size of the French articles the
/// comparison with Hugo was first measured on (10,000 articles, 22 MB of text).
pub const COMPARISON_SENTENCES: usize = 13;

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const ACTORS: [&str; 8] = [
    "Le ministre Albrecht Vauquelin",
    "La présidente Oriane Malbec",
    "Le maire Théodore Quintal",
    "La préfète Iris Dalloz",
    "Le syndicat des cheminots",
    "L'agence Norvane",
    "Le conseil régional",
    "La société Ferrandis",
];
const HAPPENINGS: [&str; 10] = [
    "a annoncé un plan d'investissement pour le port",
    "a signé un accord de coopération avec les transporteurs",
    "a ouvert une enquête sur l'incendie de l'entrepôt",
    "a inauguré le nouveau pont sur la rivière",
    "a présenté sa démission au conseil",
    "a lancé une grève dans les dépôts",
    "a rencontré les représentants des agriculteurs",
    "a évacué le quartier après une fuite de gaz",
    "a publié le bilan des inondations",
    "a voté le budget de l'année",
];

/// The `k`-th happening of day `d`: who did what where.
fn happening(d: usize, k: usize) -> String {
    format!(
        "{} {} à Vallombre-{}",
        ACTORS[(d * 3 + k) % ACTORS.len()],
        HAPPENINGS[(d * 7 + k * 3) % HAPPENINGS.len()],
        (d + k) % 40
    )
}

/// Writes a site of `n` articles into `root`: `site.toml` and `content/NNNNN.md` (TOML front
/// matter with title and date) or, one in twenty, `content/NNNNN.txt` (a title line, no date).
/// Each article has `sentences_per_article` sentences ([`BENCH_SENTENCES`] for the benchmark).
pub fn generate(root: &Path, n: usize, sentences_per_article: usize) -> io::Result<()> {
    std::fs::create_dir_all(root.join("content"))?;
    std::fs::write(
        root.join("site.toml"),
        "title = \"Banc d'essai\"\nlanguage = \"fr\"\n",
    )?;
    let start = NaiveDate::from_ymd_opt(2022, 1, 3).unwrap();
    // About twenty articles a day, five happenings a day.
    let days = (n / 20).max(1);
    let mut rng = Lcg(42);
    for i in 0..n {
        let d = i * days / n;
        let published = start.checked_add_days(Days::new(d as u64)).unwrap();
        let mut text = String::new();
        let undated = i % 20 == 7;
        if !undated {
            let _ = writeln!(
                text,
                "+++\ntitle = \"Dépêche {i}\"\ndate = \"{published}\"\n+++\n"
            );
        } else {
            let _ = writeln!(text, "Dépêche {i} sans date\n");
        }
        for _ in 0..sentences_per_article {
            let back = rng.next(3).min(d);
            let day = published.checked_sub_days(Days::new(back as u64)).unwrap();
            let wd = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
            let k = rng.next(5);
            let _ = writeln!(
                text,
                "{}, {wd}, selon plusieurs témoins. La situation reste tendue dans la région.\n",
                happening(d - back, k)
            );
        }
        let _ = writeln!(text, "Rédaction\n");
        let ext = if undated { "txt" } else { "md" };
        std::fs::write(root.join(format!("content/{i:05}.{ext}")), text)?;
    }
    Ok(())
}
