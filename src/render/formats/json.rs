//! `timeline.json`: the timeline model itself, the documented contract for other tools.

use super::{Format, FormatInput};

/// `timeline.json`, pretty-printed with a final newline.
pub struct Json;

impl Format for Json {
    fn path(&self) -> &'static str {
        "timeline.json"
    }

    fn render(&self, cx: &FormatInput) -> anyhow::Result<Option<Vec<u8>>> {
        let mut json = serde_json::to_vec_pretty(cx.input.timeline)?;
        json.push(b'\n');
        Ok(Some(json))
    }

    fn write_into(&self, cx: &FormatInput, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
        serde_json::to_writer_pretty(&mut *out, cx.input.timeline)?;
        out.write_all(b"\n")?;
        Ok(())
    }
}
