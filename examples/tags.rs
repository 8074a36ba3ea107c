use annales::content::{LoadOptions, load_bytes};
use annales::time::Lang;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).unwrap();
    let a = load_bytes(
        &args[1],
        &bytes,
        LoadOptions {
            default_lang: Lang::Fr,
            drafts: false,
        },
    )
    .unwrap()
    .unwrap();
    let d = args
        .get(2)
        .map(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
    for t in annales::events::tagging::tag_body(&a, d) {
        println!(
            "{:>5} {:<35} {:<20} {:?} {:?} wd={:?} {:?}",
            t.start, t.text, t.value, t.kind, t.anchor, t.weekday, t.tense
        );
    }
    for b in &a.blocks {
        if b.kind != annales::content::BlockKind::Paragraph {
            println!("[{:?}] {}", b.kind, a.block_text(b));
        }
    }
}
