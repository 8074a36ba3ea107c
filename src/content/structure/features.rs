//! The features a block is judged by, after jusText (length, stopword density, link density,
//! punctuation) and the shapes of page furniture (bylines, captions, link lines, widgets,
//! metadata lines, comment headers), all from general signals and a few cue words.

use super::lexicon::{StructureLexicon, contains, key, opens_with};
use crate::text::tokens;

/// What one block looks like.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// Length in characters.
    pub chars: usize,
    /// Number of words.
    pub words: usize,
    /// Share of the words that are stopwords.
    pub stopword_density: f64,
    /// Share of the characters in link-like words (URLs, `@handles`, `#tags`).
    pub link_density: f64,
    /// Ends like a sentence (`.`, `!`, `?`, `…`, `:`), closing quotes aside.
    pub ends_sentence: bool,
    /// Why the block is furniture whatever its neighbours say, if it is.
    pub furniture: Option<Furniture>,
    /// Ends with a full stop, `!`, `?` or `…` (not `:`), closing quotes aside.
    pub closes_sentence: bool,
    /// Opens the readers' comment section.
    pub comment_marker: bool,
    /// Heads a reader's post (`Jeannot75 le 12/03/2011 à 14:02`).
    pub comment_header: bool,
}

/// Kinds of furniture recognised from a block alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// "Lire aussi : …", "-->Lire sur le même thème".
    LinkLine,
    /// Share, subscribe, account, advertising.
    Widget,
    /// "Par Jeanne Martin", "Avec AFP", a name alone.
    Byline,
    /// A photo caption ending with its credit ("… (AFP)", "… - AFP", "© X").
    Caption,
    /// "Publié le …", "Mis à jour le …".
    Metadata,
}

/// Longest block a cue word alone can make furniture, in words: a longer one is prose that
/// happens to use the word.
const MAX_CUED_WORDS: usize = 25;

/// Longest credit line (byline, name alone), in words.
const MAX_CREDIT_WORDS: usize = 8;

/// A one-line menu has at least this many items between separators…
const MIN_MENU_ITEMS: usize = 4;
/// …of at most this many words each.
const MAX_MENU_ITEM_WORDS: usize = 3;

/// Computes the features of a block's text.
pub fn features(text: &str, lex: &StructureLexicon) -> Features {
    let t = text.trim();
    let words = tokens(t);
    let n = words.len();
    let k = key(t);
    let stop = words
        .iter()
        .filter(|w| lex.stopwords.contains(&crate::text::fold(w.text)))
        .count();
    let chars = t.chars().count();
    let link_chars: usize = t
        .split_whitespace()
        .filter(|w| is_link_word(w))
        .map(|w| w.chars().count())
        .sum();
    let ends_sentence = ends_sentence(t);
    let furniture = furniture(t, &k, n, ends_sentence, lex);
    let comment_marker = n <= 6
        && !ends_sentence_strict(t)
        && lex
            .comment_markers
            .iter()
            .any(|m| k == *m || k.strip_suffix(" :").is_some_and(|s| s == m));
    Features {
        chars,
        words: n,
        stopword_density: if n == 0 { 0.0 } else { stop as f64 / n as f64 },
        link_density: if chars == 0 {
            0.0
        } else {
            link_chars as f64 / chars as f64
        },
        ends_sentence,
        closes_sentence: ends_sentence_strict(t),
        furniture,
        comment_marker,
        // "Publié le 03/06/31 à 09h12" has a post's shape but is the article's own date.
        comment_header: furniture != Some(Furniture::Metadata) && is_comment_header(t, &k, n, lex),
    }
}

/// A URL, a handle or a hashtag.
fn is_link_word(w: &str) -> bool {
    let w = w.trim_start_matches(['(', '[', '«', '"']);
    w.starts_with("http://")
        || w.starts_with("https://")
        || w.starts_with("www.")
        || (w.len() > 1 && (w.starts_with('@') || w.starts_with('#')))
}

fn last_char(t: &str) -> Option<char> {
    t.trim_end_matches(['»', '”', '"', ')', ' ', '\u{a0}', '\'', '’'])
        .chars()
        .last()
}

/// Ends like a sentence or an announcement (`:`).
pub fn ends_sentence(t: &str) -> bool {
    matches!(last_char(t), Some('.' | '!' | '?' | '…' | ':'))
}

fn ends_sentence_strict(t: &str) -> bool {
    matches!(last_char(t), Some('.' | '!' | '?' | '…'))
}

fn furniture(t: &str, k: &str, n: usize, ends: bool, lex: &StructureLexicon) -> Option<Furniture> {
    if lex.link_cues.iter().any(|c| opens_with(k, c)) {
        return Some(Furniture::LinkLine);
    }
    // An arrow before a headline ("» Les riverains s'organisent", "→ Notre dossier"): a link.
    // A closing guillemet cannot open a line of prose.
    if t.starts_with(['»', '›', '→', '>']) && !ends_sentence_strict(t) && n <= MAX_CUED_WORDS {
        return Some(Furniture::LinkLine);
    }
    // "Publié le …" opens the line, or follows a byline ("Par Jeanne Martin Publié le …").
    if n <= 40
        && (lex.metadata_openers.iter().any(|c| opens_with(k, c))
            || !ends_sentence_strict(t) && lex.metadata_openers.iter().any(|c| contains(k, c)))
    {
        return Some(Furniture::Metadata);
    }
    // A widget's phrase ("partager sur", "abonnez-vous", "tous droits réservés") marks the
    // block wherever it stands; a plain word ("partager", "subscribe") only in a block that is
    // no sentence, as prose uses those words too ("Voters must register by Friday.").
    // Only a short block can be one (looked up only then: a paragraph has many words).
    let cued = || {
        lex.widget_cues
            .iter()
            .any(|c| contains(k, c) && (c.contains([' ', '-', '\'']) || !ends_sentence_strict(t)))
    };
    let credit = || lex.credit_marks.iter().any(|c| contains(k, c));
    if t.contains('©') || (n <= MAX_CUED_WORDS && (cued() || credit())) {
        return Some(Furniture::Widget);
    }
    // A menu on one line: short items between separators ("Home | World | Business").
    let items: Vec<&str> = t.split(['|', '·', '•']).collect();
    if items.len() >= MIN_MENU_ITEMS
        && !ends
        && items
            .iter()
            .all(|i| i.split_whitespace().count() <= MAX_MENU_ITEM_WORDS)
    {
        return Some(Furniture::LinkLine);
    }
    if is_caption(t, ends) {
        return Some(Furniture::Caption);
    }
    if is_credit(t, k, n, lex) {
        return Some(Furniture::Byline);
    }
    None
}

/// An agency or photographer credit: a short word in capitals, in parentheses or after a dash,
/// slash or `©` (`(AFP)`, `- AFP`, `/ Photo: AA`).
fn is_credit_token(s: &str) -> bool {
    let s = s.trim();
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && s.chars().count() <= 20
        && letters.iter().filter(|c| c.is_uppercase()).count() * 2 >= letters.len()
        && letters.len() <= 12
}

/// A photo caption: text that ends with a credit rather than a sentence.
fn is_caption(t: &str, ends: bool) -> bool {
    let t = t.trim_end_matches([' ', '\u{a0}']);
    // A credit in parentheses before the caption ("(Photo Agence X / Jean Dupont) Les
    // pompiers…"): an agency and a photographer separated by a slash. An agency dateline
    // alone ("(AFP) Les pompiers…") opens news, not a caption.
    if let Some(inner) = t
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map(|(i, _)| i)
        && inner.contains(" / ")
        && inner.split_whitespace().count() <= MAX_CREDIT_WORDS + 4
    {
        return true;
    }
    // "… (AFP)", "… (Photo AFP / Jean Dupont)"
    if let Some(inner) = t
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .map(|(_, i)| i)
    {
        let before = &t[..t.len() - inner.len() - 2];
        let before_ends = ends_sentence(before);
        if is_credit_token(inner) && !before_ends && !before.trim().is_empty() {
            return true;
        }
    }
    if ends {
        return false;
    }
    // "Le président, Jean Dupont - AFP", "… / AFP", "… © X"
    if let Some(i) = t.rfind(['-', '–', '/', '©']) {
        let credit = &t[i + t[i..].chars().next().map_or(1, char::len_utf8)..];
        let before = t[..i].trim_end();
        let spaced = t[..i].ends_with(' ') || t[i..].starts_with('©');
        if spaced && !before.is_empty() && !credit.trim().is_empty() && is_credit_token(credit) {
            return true;
        }
    }
    false
}

/// A byline or credit: an opener ("Par", "Avec") or none, then names only (capitalised words
/// and joiners), short and without a sentence's end.
fn is_credit(t: &str, k: &str, n: usize, lex: &StructureLexicon) -> bool {
    if n == 0 || n > MAX_CREDIT_WORDS || ends_sentence_strict(t) {
        return false;
    }
    let opener = lex
        .byline_openers
        .iter()
        .filter(|o| opens_with(k, o))
        .map(|o| o.split(' ').count())
        .max()
        .unwrap_or(0);
    let words = tokens(t);
    let rest = &words[opener.min(words.len())..];
    if rest.is_empty() {
        return false;
    }
    // "Par la rédaction", "Avec les agences": an opener and one word besides joiners.
    let unjoined = rest
        .iter()
        .filter(|w| !lex.name_joiners.contains(&key(w.text)))
        .count();
    if opener > 0 && unjoined == 1 && n <= 4 {
        return true;
    }
    let names = rest
        .iter()
        .all(|w| w.is_capitalised() || lex.name_joiners.contains(&key(w.text)));
    let capitalised = rest.iter().filter(|w| w.is_capitalised()).count();
    // A name alone ("Jeanne Martin", "International.") is a credit only when short: a
    // subhead of capitalised words is rarer than a name line in scraped pages.
    names && capitalised > 0 && (opener > 0 || (n <= 4 && t.chars().count() <= 40))
}

/// The head of a reader's post: a pseudonym (one word, often with digits), then a post word
/// or a date and time (`Jeannot75 le 12/03/2011 à 14:02`, `marie a écrit :`).
fn is_comment_header(t: &str, k: &str, n: usize, lex: &StructureLexicon) -> bool {
    if !(2..=12).contains(&n) || t.chars().count() > 80 {
        return false;
    }
    let mut parts = k.split(' ');
    let Some(first) = parts.next() else {
        return false;
    };
    if first == "#" || lex.stopwords.contains(first) {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    let numeric_date = k.contains("# # #") || k.contains("#-#-#");
    let time = k.contains("# : #") || k.contains("#h#");
    let post_word = rest.first().is_some_and(|w| lex.comment_words.contains(*w));
    // A pseudonym is one word with digits or underscores, or not capitalised: "Jean a dit :"
    // in an article is a quote's announcement, "jean75 a dit :" a post.
    let raw_first = t.split_whitespace().next().unwrap_or("");
    let pseudonym = raw_first.chars().any(|c| c.is_ascii_digit() || c == '_')
        || raw_first.chars().next().is_some_and(char::is_lowercase);
    post_word
        && ((numeric_date && time) || (pseudonym && (numeric_date || time || k.ends_with(':'))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn f(t: &str) -> Features {
        features(t, super::super::lexicon::get(Lang::Fr))
    }

    #[test]
    fn prose_has_many_stopwords_and_menus_few() {
        let prose = f(
            "Les habitants de la ville ont quitté leurs maisons dans la nuit, selon un témoin qui a parlé à la presse.",
        );
        let menu = f("Politique Économie International Culture Sport");
        assert!(prose.stopword_density > 0.35, "{}", prose.stopword_density);
        assert!(menu.stopword_density < 0.1);
        assert!(prose.ends_sentence && !menu.ends_sentence);
        assert_eq!(prose.furniture, None);
    }

    #[test]
    fn links_handles_and_tags_make_link_density() {
        let x = f("@quelquun regardez http://exemple.org/photo #tag");
        assert!(x.link_density > 0.5, "{}", x.link_density);
        assert_eq!(f("Une phrase sans lien.").link_density, 0.0);
    }

    #[test]
    fn furniture_shapes_are_recognised() {
        use Furniture::*;
        assert_eq!(
            f("Lire aussi : Le port rouvre ses quais").furniture,
            Some(LinkLine)
        );
        assert_eq!(f("-->Lire sur le même thème").furniture, Some(LinkLine));
        assert_eq!(
            f("» EN IMAGES - Les visages du port").furniture,
            Some(LinkLine)
        );
        assert_eq!(f("Voir : Une autre page du site").furniture, Some(LinkLine));
        assert_eq!(
            f("Par Jeanne Martin Publié le 3 mai 2019 à 10h12 - Mis à jour le 4 mai 2019 à 08h00")
                .furniture,
            Some(Metadata)
        );
        assert_eq!(f("» À lire aussi : la crise").furniture, Some(LinkLine));
        assert_eq!(
            f("Par Jeanne Martin et Paul Durand").furniture,
            Some(Byline)
        );
        assert_eq!(f("Avec AFP").furniture, Some(Byline));
        assert_eq!(f("Par la rédaction").furniture, Some(Byline));
        assert_eq!(f("Par ailleurs, le maire a démissionné.").furniture, None);
        assert_eq!(
            f("Accueil | Région | Sports | Vie locale | Contact").furniture,
            Some(LinkLine)
        );
        assert_eq!(
            f("(Photo Agence du Nord / Léa Voisin) Des sauveteurs fouillent les décombres.")
                .furniture,
            Some(Caption)
        );
        assert_eq!(
            f("(AFP) Des sauveteurs fouillent les décombres depuis mardi soir.").furniture,
            None
        );
        assert_eq!(f("Jeanne Martin").furniture, Some(Byline));
        assert_eq!(
            f("Des habitants devant la mairie détruite (AFP)").furniture,
            Some(Caption)
        );
        assert_eq!(f("Le ministre, Paul Durand - XYZ").furniture, Some(Caption));
        assert_eq!(f("Partager sur Facebook Twitter").furniture, Some(Widget));
        assert_eq!(
            f("Photo Jean Martin, copyright Agence X (03/05/2031).").furniture,
            Some(Widget)
        );
        assert_eq!(
            f("Publié le 3 mai 2019 à 10h12 - Mis à jour le 4 mai").furniture,
            Some(Metadata)
        );
        // An agency dateline opens a news paragraph: not a caption.
        assert_eq!(
            f("PORTVILLE (AFP) - Les dockers ont voté la grève, a-t-on appris mardi.").furniture,
            None
        );
        // A subhead is not a credit.
        assert_eq!(f("Poursuite des négociations").furniture, None);
    }

    #[test]
    fn english_furniture_uses_the_english_lexicon() {
        let en = |t: &str| features(t, super::super::lexicon::get(Lang::En));
        assert_eq!(
            en("By Jane Smith and Tom Brown").furniture,
            Some(Furniture::Byline)
        );
        assert_eq!(
            en("Read more: Council approves the bridge").furniture,
            Some(Furniture::LinkLine)
        );
        assert_eq!(
            en("Updated 18:00 UK time, Saturday, 25 April 2009").furniture,
            Some(Furniture::Metadata)
        );
        assert!(en("23 comments").comment_marker);
        assert_eq!(
            en("The council approved the new bridge on Monday, the mayor said.").furniture,
            None
        );
    }

    #[test]
    fn comment_markers_and_headers() {
        assert!(f("128 commentaires").comment_marker);
        assert!(f("Réagissez").comment_marker);
        assert!(!f("Les commentaires du ministre ont surpris.").comment_marker);
        assert!(f("Jeannot75 le 12/03/2011 à 14:02").comment_header);
        assert!(f("marie_b a écrit :").comment_header);
        assert!(!f("Le 12/03/2011 à 14:02, la séance a repris.").comment_header);
        assert!(!f("Publié le 03/06/31 à 00h00").comment_header);
        assert!(!f("— Mis à jour le 03/06/31 à 09h12").comment_header);
    }
}
