//! The HTML side of rendering: what templates show. `views` turns the timeline into events,
//! sources and links as pages show them; `pages` plans every page and builds its context;
//! `summary` the home page's summary chronology and the month navigation; `chart` the coverage
//! chart (articles and events per day) the home and chronology pages draw; `highlight` the
//! cited passages of a source's text; `cache` the fingerprints that let the preview server
//! render again only the pages whose inputs changed. Documented for theme authors in
//! `themes/default/README.md`.

mod cache;
mod chart;
mod highlight;
mod pages;
mod summary;
mod views;

use super::chronology::Plan;
pub use cache::json_hash;
pub use highlight::source_blocks;
pub use pages::{PageKind, PageSpec, Pages};
pub use summary::{PageLink, PeriodLink, period_links};
pub use views::*;
