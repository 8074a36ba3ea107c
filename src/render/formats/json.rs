//! `timeline.json`: the timeline model itself, the documented contract for other tools.

use super::{Format, FormatInput};

/// `timeline.json`, pretty-printed with a final newline.
pub struct Json;

impl Format for Json {
    fn path(&self) -> &'static str {
        "timeline.json"
    }

    fn render(&self, cx: &FormatInput) -> anyhow::Result<Option<Vec<u8>>> {
        super::written(self, cx)
    }

    fn write_into(&self, cx: &FormatInput, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
        super::write_pretty_json(out, cx.input.timeline)
    }
}
