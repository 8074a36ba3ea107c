//! Per-language event lexicons (`src/lang/<code>/events.toml`), parsed once and folded for lookup.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::lang::{self, File, Lang};
use crate::text::{fold, stem};

#[derive(Debug, Deserialize)]
struct Raw {
    stopwords: Vec<String>,
    reporting: Vec<String>,
    attribution_openers: Vec<String>,
    numbers: BTreeMap<String, u64>,
    quantities: BTreeMap<String, Vec<String>>,
    synonyms: RawSynonyms,
    state_openers: Vec<String>,
    weak_openers: Vec<String>,
    event_anchors: Vec<String>,
    today_cues: Vec<String>,
    #[serde(default)]
    additive: Vec<String>,
    #[serde(default)]
    auxiliaries: Vec<String>,
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    complementizers: Vec<String>,
    #[serde(default)]
    phrase_openers: Vec<String>,
    #[serde(default)]
    dangling: Vec<String>,
    #[serde(default)]
    pronouns: Vec<String>,
    #[serde(default)]
    anaphors: Vec<String>,
    #[serde(default)]
    complement_openers: Vec<String>,
    #[serde(default)]
    pairs: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct RawSynonyms {
    groups: Vec<Vec<String>>,
}

/// Prefix that marks a synonym-group feature (`~cessez-le-feu`).
pub const GROUP_PREFIX: char = '~';

/// What the event stage knows about one language.
#[derive(Debug)]
pub struct Lexicon {
    /// Language.
    pub lang: Lang,
    /// Folded stop words.
    pub stopwords: HashSet<String>,
    /// Folded reporting words.
    pub reporting: HashSet<String>,
    /// Folded attribution phrases that open a clause.
    pub attribution_openers: Vec<String>,
    /// Folded number words.
    pub numbers: HashMap<String, u64>,
    /// Folded quantity word → quantity name.
    pub quantities: HashMap<String, String>,
    /// Stem → synonym group label.
    pub synonyms: HashMap<String, String>,
    /// Folded words after which a date starts or ends a state rather than dating a happening.
    pub state_openers: Vec<String>,
    /// Folded words that open a clause that cannot stand alone.
    pub weak_openers: Vec<String>,
    /// Folded words that, after an anaphoric date, name the happening it counts from.
    pub event_anchors: Vec<String>,
    /// Folded words that make a following weekday the day of writing (`ce mercredi`).
    pub today_cues: Vec<String>,
    /// Folded words that add another happening of the same kind (`aussi`, `also`).
    pub additive: HashSet<String>,
    /// Folded auxiliaries: an event word right after one is a verb whose subject acts.
    pub auxiliaries: HashSet<String>,
    /// Folded connectives that tie a sentence to the previous one (`par ailleurs`, `however`).
    pub connectors: Vec<String>,
    /// Folded words that open a reported clause after a reporting verb (`que`, `that`).
    pub complementizers: HashSet<String>,
    /// Lower-cased (not folded: `à` is not `a`) words that open a phrase: a long headline may
    /// be cut before one.
    pub phrase_openers: HashSet<String>,
    /// Folded words a clause cannot end on (`de`, `the`).
    pub dangling: HashSet<String>,
    /// Folded subject pronouns (`il`, `they`).
    pub pronouns: HashSet<String>,
    /// Folded openings that refer back (`il`, `ce dernier`, `the latter`), as word lists.
    pub anaphors: Vec<Vec<String>>,
    /// Lower-cased words that open a noun complement (`de`, `of`): a weaker cut point.
    pub complement_openers: HashSet<String>,
    /// Lower-cased paired words (`entre` … `et`): no cut before the second just after the first.
    pub pairs: Vec<(String, String)>,
    /// The auxiliaries lower-cased with their accents (`a` is one, `à` is not).
    pub auxiliaries_written: HashSet<String>,
}

impl Lexicon {
    fn parse(lang: Lang) -> Lexicon {
        let raw: Raw = lang::parse(lang, File::Events);
        let mut synonyms = HashMap::new();
        for g in &raw.synonyms.groups {
            if let Some(first) = g.first() {
                let label = format!("{GROUP_PREFIX}{}", fold(first));
                for w in g {
                    synonyms
                        .entry(stem(w, lang))
                        .or_insert_with(|| label.clone());
                }
            }
        }
        let mut quantities = HashMap::new();
        for (q, words) in &raw.quantities {
            for w in words {
                quantities.insert(fold(w), q.clone());
            }
        }
        Lexicon {
            lang,
            stopwords: raw.stopwords.iter().map(|w| fold(w)).collect(),
            reporting: raw.reporting.iter().map(|w| fold(w)).collect(),
            attribution_openers: raw.attribution_openers.iter().map(|w| fold(w)).collect(),
            numbers: raw.numbers.iter().map(|(k, v)| (fold(k), *v)).collect(),
            quantities,
            synonyms,
            state_openers: raw.state_openers.iter().map(|w| fold(w)).collect(),
            weak_openers: raw.weak_openers.iter().map(|w| fold(w)).collect(),
            event_anchors: raw.event_anchors.iter().map(|w| fold(w)).collect(),
            today_cues: raw.today_cues.iter().map(|w| fold(w)).collect(),
            additive: raw.additive.iter().map(|w| fold(w)).collect(),
            auxiliaries: raw.auxiliaries.iter().map(|w| fold(w)).collect(),
            auxiliaries_written: raw.auxiliaries.iter().map(|w| lower(w)).collect(),
            connectors: raw.connectors.iter().map(|w| fold(w)).collect(),
            complementizers: raw.complementizers.iter().map(|w| fold(w)).collect(),
            phrase_openers: raw.phrase_openers.iter().map(|w| lower(w)).collect(),
            dangling: raw.dangling.iter().map(|w| fold(w)).collect(),
            pronouns: raw.pronouns.iter().map(|w| fold(w)).collect(),
            anaphors: raw
                .anaphors
                .iter()
                .map(|a| a.split_whitespace().map(fold).collect())
                .collect(),
            complement_openers: raw.complement_openers.iter().map(|w| lower(w)).collect(),
            pairs: raw
                .pairs
                .iter()
                .filter_map(|p| match p.as_slice() {
                    [a, b] => Some((lower(a), lower(b))),
                    _ => None,
                })
                .collect(),
        }
    }

    /// The feature a content word contributes: its synonym group, or its stem.
    pub fn feature(&self, word: &str) -> String {
        let s = stem(word, self.lang);
        match self.synonyms.get(&s) {
            Some(label) => label.clone(),
            None => s,
        }
    }

    /// Does this sentence add another happening of a kind already told (`ont aussi
    /// manifesté`)?
    pub fn is_additive(&self, sentence: &str) -> bool {
        fold(sentence)
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| self.additive.contains(w))
    }

    /// Is this (folded) word a stop word or a reporting word?
    pub fn is_stop(&self, folded: &str) -> bool {
        self.stopwords.contains(folded) || self.reporting.contains(folded)
    }
}

/// Lower-cased, with typographic apostrophes made straight; accents kept.
pub fn lower(w: &str) -> String {
    // `str::to_lowercase` knows a final sigma from the context: only that needs it.
    if w.contains('Σ') {
        return w.to_lowercase().replace(['’', '‘', 'ʼ'], "'");
    }
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        match c {
            '’' | '‘' | 'ʼ' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The lexicon of a language.
pub fn get(lang: Lang) -> &'static Lexicon {
    static LEXICONS: [OnceLock<Lexicon>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    LEXICONS[lang as usize].get_or_init(|| Lexicon::parse(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowering_unifies_apostrophes_and_keeps_a_final_sigma() {
        assert_eq!(lower("L’Élysée"), "l'élysée");
        assert_eq!(lower("ΟΔΟΣ"), "οδος");
        assert_eq!(lower("İ"), "İ".to_lowercase());
    }

    #[test]
    fn lexicons_parse() {
        for &lang in Lang::ALL {
            let r: Result<Raw, _> = toml::from_str(lang.source(File::Events));
            assert!(r.is_ok(), "{lang:?}: {:?}", r.err());
        }
    }

    #[test]
    fn synonyms_share_a_feature() {
        let fr = get(Lang::Fr);
        assert_eq!(fr.feature("trêve"), fr.feature("cessez-le-feu"));
        assert_eq!(fr.feature("négociations"), fr.feature("pourparlers"));
        let en = get(Lang::En);
        assert_eq!(en.feature("truce"), en.feature("ceasefire"));
    }
}
