//! jusText's block classes and its context-sensitive smoothing (Pomikálek 2011), plus the two
//! rules of scraped news pages that jusText misses: a run of short unpunctuated lines is a menu
//! or a headline list, and everything from a comment section or past the article's last good
//! paragraph to the end of the page is furniture (after trafilatura).

use super::features::Features;

/// jusText's classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Article text.
    Good,
    /// Probably text: good unless both neighbours are bad.
    NearGood,
    /// Too short to judge alone: its neighbours decide.
    Short,
    /// Furniture.
    Bad,
}

/// Below this many characters a block is too short to judge alone (jusText's `length_low`).
pub const LENGTH_LOW: usize = 70;
/// Above this many characters a block with enough stopwords is good (jusText's `length_high`,
/// 200, lowered: a scraped news page has one paragraph per line, rarely longer).
pub const LENGTH_HIGH: usize = 150;
/// Stopword density below which a block is bad (jusText's `stopwords_low`, scaled to the
/// shorter stoplists of `structure-<lang>.toml`).
pub const STOPWORDS_LOW: f64 = 0.22;
/// Stopword density above which a long block is good (jusText's `stopwords_high`).
pub const STOPWORDS_HIGH: f64 = 0.28;
/// Link density above which a block is bad (jusText's `max_link_density`).
pub const MAX_LINK_DENSITY: f64 = 0.2;
/// How far after a subhead, in characters, a good block makes it good (jusText's
/// `max_heading_distance`).
pub const MAX_HEADING_DISTANCE: usize = 200;
/// Shortest run of furniture that, with less text after it than before, ends the article.
pub const MIN_END_RUN: usize = 3;
/// Below this stopword density over the whole page, the stoplist is not the page's language.
pub const MIN_PAGE_STOPWORDS: f64 = 0.10;
/// Fewest words of a short block that reads as a sentence of prose.
pub const MIN_SENTENCE_WORDS: usize = 4;
/// Shortest run of short unpunctuated lines that is a menu or a headline list.
pub const MIN_MENU_RUN: usize = 2;

/// One block as the smoother sees it.
#[derive(Debug, Clone)]
pub struct Item {
    /// Its features.
    pub f: Features,
    /// It is a heading in the source (Markdown `#`) or looks like one (short, unpunctuated).
    pub heading: bool,
}

/// The context-free class of a block (jusText's `classify_paragraphs`).
pub fn initial(f: &Features) -> Class {
    if f.furniture.is_some() || f.comment_marker || f.link_density > MAX_LINK_DENSITY {
        return Class::Bad;
    }
    if f.chars < LENGTH_LOW {
        return if f.link_density > 0.0 {
            Class::Bad
        } else if f.closes_sentence
            && f.words >= MIN_SENTENCE_WORDS
            && f.stopword_density >= STOPWORDS_LOW
        {
            // A short sentence of prose ("Volunteers filled sandbags through the night."):
            // text unless both neighbours are furniture, even as the last line of an article.
            Class::NearGood
        } else {
            Class::Short
        };
    }
    if f.stopword_density >= STOPWORDS_HIGH {
        if f.chars > LENGTH_HIGH {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if f.stopword_density >= STOPWORDS_LOW {
        Class::NearGood
    } else if f.closes_sentence
        && f.words >= 2 * MIN_SENTENCE_WORDS
        && f.stopword_density >= STOPWORDS_LOW / 2.0
    {
        // A whole sentence dense in names and nouns ("Firefighters evacuated forty families
        // from the tannery district."), as news and live-blog entries are: furniture rarely
        // ends a sentence, so it is text unless both neighbours are furniture.
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// Classes of every block, in order: context-free classes, then smoothing by neighbours.
pub fn classify(items: &[Item]) -> Vec<Class> {
    // Text in another language than the article says has almost no stopwords of that
    // language: stopword density then tells nothing, and only length and shape judge.
    let words: usize = items.iter().map(|i| i.f.words).sum();
    let stops: f64 = items
        .iter()
        .map(|i| i.f.stopword_density * i.f.words as f64)
        .sum();
    let neutral;
    let items = if words > 0 && stops / (words as f64) < MIN_PAGE_STOPWORDS {
        neutral = items
            .iter()
            .map(|i| {
                let mut i = i.clone();
                i.f.stopword_density = STOPWORDS_HIGH;
                i
            })
            .collect::<Vec<_>>();
        &neutral[..]
    } else {
        items
    };
    let mut cf: Vec<Class> = items.iter().map(|i| initial(&i.f)).collect();
    // A short article has no long paragraph: its near-good blocks are its text (else jusText
    // would find nothing, as trafilatura's fallback notices).
    if !cf.contains(&Class::Good) {
        for k in cf.iter_mut().filter(|k| **k == Class::NearGood) {
            *k = Class::Good;
        }
    }
    let mut c = cf.clone();
    // Menus and headline lists: runs of short lines without sentence punctuation. A single
    // such line between paragraphs is a subhead and is left to the smoothing.
    let mut i = 0;
    while i < items.len() {
        let menu_line =
            |j: usize| cf[j] == Class::Short && !items[j].f.ends_sentence || cf[j] == Class::Bad;
        let mut j = i;
        let mut shorts = 0;
        while j < items.len() && menu_line(j) {
            if cf[j] == Class::Short {
                shorts += 1;
            }
            j += 1;
        }
        if shorts >= MIN_MENU_RUN && j - i >= MIN_MENU_RUN {
            for k in c.iter_mut().take(j).skip(i) {
                *k = Class::Bad;
            }
        }
        i = j.max(i + 1);
    }
    let cf_run = c.clone();
    // Good headings: a short heading followed closely by good text.
    for i in 0..items.len() {
        if items[i].heading && c[i] == Class::Short && good_follows(items, &c, i) {
            c[i] = Class::NearGood;
        }
    }
    // Short blocks take their neighbours' class.
    let strict = Neighbours::new(&c, false);
    let loose = Neighbours::new(&c, true);
    let mut new = c.clone();
    for i in 0..items.len() {
        if c[i] != Class::Short {
            continue;
        }
        new[i] = match (strict.prev[i], strict.next[i]) {
            (Class::Good, Class::Good) => Class::Good,
            (Class::Bad, Class::Bad) => Class::Bad,
            (Class::Bad, _) if loose.prev[i] == Class::NearGood => Class::Good,
            (_, Class::Bad) if loose.next[i] == Class::NearGood => Class::Good,
            _ => Class::Bad,
        };
    }
    c = new;
    // Near-good blocks are good unless both neighbours are bad (in order, as jusText: a
    // block revised before counts as the neighbour of the next).
    let ahead = Neighbours::new(&c, false);
    let mut prev = Class::Bad;
    for (k, next) in c.iter_mut().zip(&ahead.next) {
        if *k == Class::NearGood {
            *k = if (prev, *next) == (Class::Bad, Class::Bad) {
                Class::Bad
            } else {
                Class::Good
            };
        }
        if *k != Class::Short && *k != Class::NearGood {
            prev = *k;
        }
    }
    // More good headings: a heading the smoothing made bad, close before good text.
    for i in 0..items.len() {
        if items[i].heading
            && c[i] == Class::Bad
            && cf_run[i] != Class::Bad
            && good_follows(items, &c, i)
        {
            c[i] = Class::Good;
        }
    }
    // The comment section: from its marker, or from the second reader's post after the
    // article began, to the end.
    // The article has begun at its first good block of prose (not a heading).
    let first_good = c
        .iter()
        .zip(items)
        .position(|(&k, it)| k == Class::Good && !it.heading);
    let mut posts = 0;
    let mut cut = None;
    for (i, it) in items.iter().enumerate() {
        let after_text = first_good.is_some_and(|g| g < i);
        if it.f.comment_marker && after_text {
            cut = Some(i);
            break;
        }
        if it.f.comment_header && after_text {
            posts += 1;
            if posts == 2 {
                cut = items[..i].iter().rposition(|x| x.f.comment_header);
                break;
            }
        }
    }
    if let Some(at) = cut {
        for k in c.iter_mut().skip(at) {
            *k = Class::Bad;
        }
    }
    // Nothing good: a very short article (a few short lines) rather than a page of furniture;
    // keep all but what is furniture by itself.
    if !c.contains(&Class::Good) {
        for (k, &first) in c.iter_mut().zip(&cf) {
            *k = if first == Class::Bad {
                Class::Bad
            } else {
                Class::Good
            };
        }
        return c;
    }
    // A long run of furniture after the article's text ends the article when what follows it
    // is less text than what came before: reader posts under a share bar, a footer.
    // good_before[i]: characters of good text in blocks before i (one pass, so that the
    // check below stays linear in the number of blocks).
    let mut good_before = Vec::with_capacity(c.len() + 1);
    good_before.push(0usize);
    for (k, it) in c.iter().zip(items) {
        let last = good_before.last().copied().unwrap_or(0);
        good_before.push(last + if *k == Class::Good { it.f.chars } else { 0 });
    }
    let total = good_before.last().copied().unwrap_or(0);
    let mut i = 0;
    while i < c.len() {
        if c[i] != Class::Bad {
            i += 1;
            continue;
        }
        let j = i + c[i..].iter().take_while(|&&k| k == Class::Bad).count();
        if j - i >= MIN_END_RUN {
            let before = good_before[i];
            let after = total - good_before[j];
            if before > 0 && after * 2 < before {
                for k in c.iter_mut().skip(j) {
                    *k = Class::Bad;
                }
                break;
            }
        }
        i = j;
    }
    // Past the last good block: related articles, footers.
    if let Some(last) = c.iter().rposition(|&k| k == Class::Good) {
        for k in c.iter_mut().skip(last + 1) {
            *k = Class::Bad;
        }
    }
    c
}

/// Is there a good block within [`MAX_HEADING_DISTANCE`] characters after block `i`?
fn good_follows(items: &[Item], c: &[Class], i: usize) -> bool {
    let mut distance = 0;
    for j in i + 1..items.len() {
        if distance > MAX_HEADING_DISTANCE {
            break;
        }
        if c[j] == Class::Good {
            return true;
        }
        distance += items[j].f.chars;
    }
    false
}

/// For every block, the class of the nearest block before and after it that is not short
/// (and, unless `keep_near_good`, not near-good); the page's edges count as bad. Computed in
/// two passes, so that long runs of short lines cost linear time.
struct Neighbours {
    prev: Vec<Class>,
    next: Vec<Class>,
}

impl Neighbours {
    fn new(c: &[Class], keep_near_good: bool) -> Neighbours {
        let pick = |k: Class| k != Class::Short && (keep_near_good || k != Class::NearGood);
        let mut prev = Vec::with_capacity(c.len());
        let mut seen = Class::Bad;
        for &k in c {
            prev.push(seen);
            if pick(k) {
                seen = k;
            }
        }
        let mut next = vec![Class::Bad; c.len()];
        seen = Class::Bad;
        for (i, &k) in c.iter().enumerate().rev() {
            next[i] = seen;
            if pick(k) {
                seen = k;
            }
        }
        Neighbours { prev, next }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::structure::{features::features, lexicon};
    use crate::lang::Lang;

    fn items(lines: &[&str]) -> Vec<Item> {
        let lex = lexicon::get(Lang::Fr);
        lines
            .iter()
            .map(|l| {
                let f = features(l, lex);
                Item {
                    heading: f.chars < LENGTH_LOW && !f.ends_sentence,
                    f,
                }
            })
            .collect()
    }

    const P1: &str = "Les habitants de la ville ont quitté leurs maisons dans la nuit de lundi à mardi, selon un témoin qui a parlé à la presse locale, et se sont réfugiés dans les villages voisins.";
    const P2: &str = "Le maire a indiqué que les écoles resteraient fermées jusqu'à la fin de la semaine, le temps de vérifier l'état des bâtiments et de rétablir l'électricité dans les quartiers.";

    #[test]
    fn a_subhead_between_paragraphs_stays_and_a_menu_goes() {
        let c = classify(&items(&[
            "Accueil",
            "Monde",
            "Politique",
            P1,
            "Retour au calme",
            P2,
            "Les plus lus",
            "Un autre titre de la rubrique",
            "Encore un titre du site",
        ]));
        use Class::*;
        assert_eq!(c, [Bad, Bad, Bad, Good, Good, Good, Bad, Bad, Bad]);
    }

    #[test]
    fn a_short_block_takes_its_neighbours_class() {
        use Class::*;
        // Short sentence between good paragraphs: good; at the end of the page: bad.
        let c = classify(&items(&[P1, "Le bilan reste lourd", P2, "Voir la suite"]));
        assert_eq!(c, [Good, Good, Good, Bad]);
    }

    #[test]
    fn the_comment_section_and_what_follows_the_article_are_bad() {
        use Class::*;
        let c = classify(&items(&[
            P1,
            P2,
            "12 commentaires",
            "lecteur77 le 12/03/2011 à 14:02",
            "Voilà bien longtemps que nous attendions que les autorités de la ville prennent enfin une décision sur ce dossier.",
        ]));
        assert_eq!(c, [Good, Good, Bad, Bad, Bad]);
    }

    #[test]
    fn text_in_another_language_than_declared_is_judged_by_length_and_shape() {
        let lex = lexicon::get(Lang::En);
        let items: Vec<Item> = [P1, "Le bilan reste lourd", P2]
            .iter()
            .map(|l| {
                let f = features(l, lex);
                Item {
                    heading: f.chars < LENGTH_LOW && !f.ends_sentence,
                    f,
                }
            })
            .collect();
        assert_eq!(classify(&items), [Class::Good, Class::Good, Class::Good]);
    }

    #[test]
    fn a_huge_page_of_short_lines_is_classified_in_linear_time() {
        // 400,000 short lines: quadratic neighbour searches would not finish.
        let f = features("Accueil", lexicon::get(Lang::Fr));
        let item = Item { f, heading: true };
        let items = vec![item; 400_000];
        let c = classify(&items);
        assert_eq!(c.len(), 400_000);
    }

    #[test]
    fn a_share_bar_followed_by_less_text_ends_the_article() {
        use Class::*;
        let post = "Voilà bien longtemps que nous attendions que les autorités de la ville prennent enfin une décision sur ce dossier.";
        let c = classify(&items(&[
            P1,
            P2,
            P1,
            "Partager",
            "Imprimer",
            "Envoyer par e-mail",
            "Agrandir le texte",
            post,
        ]));
        assert_eq!(c, [Good, Good, Good, Bad, Bad, Bad, Bad, Bad]);
    }

    #[test]
    fn reader_posts_without_a_marker_end_the_article() {
        use Class::*;
        let post = "Voilà bien longtemps que nous attendions que les autorités de la ville prennent enfin une décision sur ce dossier.";
        let c = classify(&items(&[
            P1,
            "lecteur77 le 12/03/2011 à 14:02",
            post,
            "jeanne_b le 12/03/2011 à 15:10",
            post,
        ]));
        assert_eq!(c, [Good, Bad, Bad, Bad, Bad]);
    }
}
