fn main() {
    let root = std::env::args().nth(1).unwrap();
    let t = std::time::Instant::now();
    let site = annales::site::Pipeline::default()
        .load(&annales::site::BuildOptions::new(&root))
        .unwrap();
    let load = t.elapsed().as_secs_f64();
    let mentions: usize = site.articles.iter().map(|a| annales::events::analyse(a).mentions.len()).sum();
    let t = std::time::Instant::now();
    let files = if std::env::var_os("NORENDER").is_some() { 0 } else { annales::render::render_files(&site).map(|f| f.len()).unwrap_or(0) };
    eprintln!("load+extract+merge {load:.2} s, {mentions} mentions, {} events; render {:.2} s ({files} files)", site.timeline.events.len(), t.elapsed().as_secs_f64());
}
