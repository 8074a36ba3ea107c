//! Article structure: which blocks of a scraped page are the article and which are page
//! furniture (menus, headline lists, link lines, bylines, captions, widgets, metadata lines,
//! comments, what follows the article). A jusText-like classifier: features per block
//! ([`features`]), classes smoothed by neighbours ([`smooth`]), words as data ([`lexicon`]).

pub(crate) mod features;
pub(crate) mod lexicon;
pub(crate) mod smooth;
