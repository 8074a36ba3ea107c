//! Annales: turn a folder of news articles into a sourced, dated event timeline.
//!
//! Data flows one way: [`lang`] holds what Annales knows about each language, [`config`] and
//! [`content`] load the site, [`text`] segments and folds
//! article text, [`time`] tags and resolves temporal expressions, [`events`] turns articles into
//! dated mentions and merges them, [`timeline`] is the serialisable model (the `timeline.json`
//! contract), [`render`] makes the static site, [`output`] puts it in place without ever losing
//! a folder, and [`site`] drives the whole build. [`serve`] wraps the build in a live preview.

#![warn(missing_docs)]

pub mod config;
pub mod content;
pub mod events;
pub mod fsread;
pub mod lang;
pub mod output;
pub mod progress;
pub mod render;
pub mod serve;
pub mod site;
pub mod text;
pub mod time;
pub mod timeline;
