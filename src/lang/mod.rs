//! Languages: one table of the languages Annales reads, and one folder of data per language.
//!
//! Everything Annales knows about a language is data in `src/lang/<code>/`, in five files:
//!
//! - `time.toml`: the tagger lexicon (weekday and month names, number words, cue words, tense
//!   cues), read by [`crate::time`];
//! - `events.toml`: the event lexicon (stopwords, reporting verbs, synonyms, figures, headline
//!   rules), read by [`crate::events`];
//! - `text.toml`: text rules (abbreviations that do not end a sentence, metadata-line cues, the
//!   page-structure cues), read by [`crate::text`] and [`crate::content`];
//! - `locale.toml`: the display language of the site (names, formats, theme labels), read by
//!   [`crate::render`];
//! - `example.md`: the example article `annales init` writes for a new site in the language.
//!
//! The files are compiled in. Adding a language is its folder and one row of the
//! `languages!` table below; nothing else in the code names a language.
//!
//! One failure policy for all of them: the data are part of the binary, so a file that does not
//! parse is a defect of the build, never of a user's input. Each reader has a test that loads
//! the file of every language in [`Lang::ALL`], so such a build cannot pass CI; at run time
//! `expect` stops with the file, line and column rather than running on an empty or another
//! language's data.

use rust_stemmers::Algorithm;
use serde::{Deserialize, Serialize};

/// One row of the table of languages.
struct Row {
    code: &'static str,
    name: &'static str,
    stemmer: Algorithm,
    detect: whatlang::Lang,
    time: &'static str,
    events: &'static str,
    text: &'static str,
    locale: &'static str,
    example: &'static str,
}

/// Declares [`Lang`] and its table from one row per language: the variant, the code (also the
/// data folder's name), the language's own name, its Snowball stemmer and its whatlang code
/// (for detecting the language of an article that does not state it).
macro_rules! languages {
    ($($variant:ident = $code:literal, $name:literal, $stemmer:ident, $detect:ident;)*) => {
        /// A language Annales reads: tags, merges and displays.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
        #[serde(rename_all = "lowercase")]
        pub enum Lang {
            $(#[doc = $name] $variant,)*
        }

        const TABLE: &[Row] = &[$(Row {
            code: $code,
            name: $name,
            stemmer: Algorithm::$stemmer,
            detect: whatlang::Lang::$detect,
            time: include_str!(concat!($code, "/time.toml")),
            events: include_str!(concat!($code, "/events.toml")),
            text: include_str!(concat!($code, "/text.toml")),
            locale: include_str!(concat!($code, "/locale.toml")),
            example: include_str!(concat!($code, "/example.md")),
        },)*];

        impl Lang {
            /// Every language, in table order.
            pub const ALL: &[Lang] = &[$(Lang::$variant,)*];
        }
    };
}

languages! {
    Fr = "fr", "français", French, Fra;
    En = "en", "English", English, Eng;
    Es = "es", "español", Spanish, Spa;
    It = "it", "italiano", Italian, Ita;
}

/// The data files of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    /// `time.toml`, the tagger lexicon.
    Time,
    /// `events.toml`, the event lexicon.
    Events,
    /// `text.toml`, sentence, metadata-line and page-structure rules.
    Text,
    /// `locale.toml`, the display language.
    Locale,
}

impl File {
    fn name(self) -> &'static str {
        match self {
            File::Time => "time.toml",
            File::Events => "events.toml",
            File::Text => "text.toml",
            File::Locale => "locale.toml",
        }
    }
}

impl Lang {
    fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }

    /// Parses a language code (`fr`, `fr-FR`, `en`, `en-GB`, case-insensitive).
    pub fn from_code(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        let base = c.split(['-', '_']).next().unwrap_or("");
        Lang::ALL.iter().copied().find(|l| l.code() == base)
    }

    /// The two-letter code (ISO 639-1), also the name of the language's data folder.
    pub fn code(self) -> &'static str {
        self.row().code
    }

    /// The language's name in the language itself (`français`).
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The Snowball stemmer of the language.
    pub(crate) fn stemmer(self) -> Algorithm {
        self.row().stemmer
    }

    /// The text of one of the language's data files, compiled in.
    pub(crate) fn source(self, file: File) -> &'static str {
        let row = self.row();
        match file {
            File::Time => row.time,
            File::Events => row.events,
            File::Text => row.text,
            File::Locale => row.locale,
        }
    }

    /// The example article `annales init` writes for a site in this language
    /// (`src/lang/<code>/example.md`).
    pub fn example_article(self) -> &'static str {
        self.row().example
    }

    /// The codes of every language, for messages: `` `fr`, `en` ``.
    pub fn codes() -> String {
        Lang::codes_quoted("`")
    }

    /// The codes of every language between `quote` marks, joined by commas.
    pub fn codes_quoted(quote: &str) -> String {
        Lang::ALL
            .iter()
            .map(|l| format!("{quote}{}{quote}", l.code()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Characters of a text that language detection reads: enough for a reliable answer on an
/// article, and a bounded cost on a huge one.
const DETECT_CHARS: usize = 4000;

/// The language of `text` among the languages of the table, when the detector (whatlang, a
/// trigram model) is confident; `None` for a text too short or too mixed to tell, so that the
/// caller falls back to the site's language.
pub fn detect(text: &str) -> Option<Lang> {
    let end = text
        .char_indices()
        .nth(DETECT_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let allow = TABLE.iter().map(|r| r.detect).collect();
    let info = whatlang::Detector::with_allowlist(allow).detect(&text[..end])?;
    if !info.is_reliable() {
        return None;
    }
    Lang::ALL
        .iter()
        .copied()
        .find(|l| l.row().detect == info.lang())
}

/// Where a language file lives in the source tree, for messages.
pub(crate) fn path(lang: Lang, file: File) -> String {
    format!("src/lang/{}/{}", lang.code(), file.name())
}

/// Parses a language file with serde's TOML reader, under the one failure policy (see the module
/// comment).
pub(crate) fn parse<T: serde::de::DeserializeOwned>(lang: Lang, file: File) -> T {
    expect(lang, file, toml::from_str(lang.source(file)))
}

/// The value of a language file's reader, or a stop naming the file: the data are compiled in
/// and every language's files are loaded by the tests, so this can only fire on a broken build.
pub(crate) fn expect<T, E: std::fmt::Display>(lang: Lang, file: File, r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("built-in language data {}: {e}", path(lang, file)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_regional_variants_map_to_the_language() {
        for &l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
            assert_eq!(
                Lang::from_code(&format!("{}-XX", l.code().to_uppercase())),
                Some(l)
            );
        }
        assert_eq!(Lang::from_code("fr_CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("xx"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn every_language_has_all_four_files_as_toml() {
        for &l in Lang::ALL {
            for f in [File::Time, File::Events, File::Text, File::Locale] {
                let t: Result<toml::Table, _> = toml::from_str(l.source(f));
                assert!(t.is_ok(), "{}: {:?}", path(l, f), t.err());
            }
        }
    }

    #[test]
    fn serde_names_are_the_codes() {
        for &l in Lang::ALL {
            assert_eq!(
                serde_json::to_string(&l).unwrap(),
                format!("\"{}\"", l.code())
            );
        }
    }

    #[test]
    fn detection_tells_the_languages_apart_and_abstains_on_too_little() {
        // Invented sentences, a short paragraph each.
        let texts = [
            (
                Lang::Fr,
                "Le conseil municipal a voté mardi soir la construction d’un nouveau pont sur la rivière, après un long débat avec les habitants du quartier.",
            ),
            (
                Lang::En,
                "The city council voted on Tuesday evening to build a new bridge over the river, after a long debate with the residents of the district.",
            ),
            (
                Lang::Es,
                "El ayuntamiento votó el martes por la noche la construcción de un nuevo puente sobre el río, tras un largo debate con los vecinos del barrio.",
            ),
            (
                Lang::It,
                "Il consiglio comunale ha votato martedì sera la costruzione di un nuovo ponte sul fiume, dopo un lungo dibattito con gli abitanti del quartiere.",
            ),
        ];
        for (lang, text) in texts {
            assert_eq!(detect(text), Some(lang), "{text}");
        }
        assert_eq!(detect("OK"), None);
        assert_eq!(detect(""), None);
        // A huge text costs only its first characters.
        let long = texts[0].1.repeat(10_000);
        assert_eq!(detect(&long), Some(Lang::Fr));
    }
}
