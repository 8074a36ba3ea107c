//! `annales serve` end to end: the real binary on a free port in a temporary site, driven by
//! file edits, observed through HTTP and the reload stream (bounded waits, no sleeps).

mod serve_support;

use serve_support::{WAIT, serve_command, site, start};

#[test]
fn serves_the_home_page_with_the_reload_client() {
    let site = site();
    let server = start(&site.root);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type, "text/html");
    assert!(home.body.contains("Preview test"));
    assert!(home.body.contains("/__annales/events"), "no reload client");
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.content_type, "text/css");
    assert!(
        !css.body.contains("__annales"),
        "script injected outside HTML"
    );
    let json = server.get("/timeline.json");
    assert_eq!(json.content_type, "application/json");
    assert!(json.body.contains("First article"));
}

#[test]
fn folders_redirect_to_their_slash_and_missing_pages_are_404() {
    let site = site();
    let server = start(&site.root);
    let source = server.get("/sources/first/");
    assert_eq!(source.status, 200, "{}", source.body);
    let redirect = server.get("/sources/first");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.location.as_deref(), Some("/sources/first/"));
    let missing = server.get("/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.content_type, "text/html");
    assert!(missing.body.contains("/__annales/events"));
    // The theme's own 404 page, not the server's fallback.
    assert!(!missing.body.contains("There is no page at this address."));
}

#[test]
fn a_new_article_appears_after_the_reload() {
    let site = site();
    let server = start(&site.root);
    let events = server.events();
    site.write(
        "content/second.md",
        "+++\ntitle = \"Second article\"\ndate = 2024-03-06\n+++\n\nOn Wednesday 6 March 2024, the mayor opened the new bridge.\n",
    );
    events.wait_for("reload");
    assert_eq!(server.get("/sources/second/").status, 200);
    let json = server.get("/timeline.json").body;
    assert!(json.contains("Second article"));
    let timeline: serde_json::Value = serde_json::from_str(&json).unwrap();
    let cites_second = |e: &serde_json::Value| {
        e["citations"]
            .as_array()
            .is_some_and(|cs| cs.iter().any(|c| c["source"] == "second"))
    };
    let event = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| cites_second(e))
        .unwrap_or_else(|| panic!("no event from the new article: {json}"));
    assert_eq!(event["date"], "2024-03-06");
    assert!(server.get("/").body.contains("opened the new bridge"));
}

#[test]
fn template_edit_break_and_fix() {
    let site = site();
    let server = start(&site.root);
    let events = server.events();

    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>MARKER-ONE {{ config.title }}</p>{% endblock content %}\n",
    );
    events.wait_for("reload");
    let home = server.get("/").body;
    assert!(home.contains("MARKER-ONE Preview test"), "{home}");
    assert!(!home.contains("annales-error-overlay\" role"));

    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>{{ broken </p>{% endblock content %}\n",
    );
    let (event, data) = events.next();
    assert_eq!(event, "build-error", "{data}");
    assert!(data.contains("templates/index.html"), "{data}");
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.body.contains("MARKER-ONE"),
        "the last good page is no longer served"
    );
    assert!(home.body.contains("<div id=\"annales-error-overlay\""));
    assert!(home.body.contains("templates/index.html"));

    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>MARKER-TWO</p>{% endblock content %}\n",
    );
    let (event, data) = events.next();
    assert_eq!(event, "reload", "{data}");
    let home = server.get("/").body;
    assert!(home.contains("MARKER-TWO"));
    assert!(!home.contains("<div id=\"annales-error-overlay\""));
}

#[test]
fn broken_front_matter_is_shown_with_file_and_line_then_recovers() {
    let site = site();
    let server = start(&site.root);
    let events = server.events();
    site.write(
        "content/bad.md",
        "+++\ntitle = \"Bad\"\ndate = = 2024\n+++\n\nText.\n",
    );
    let (event, data) = events.next();
    assert_eq!(event, "build-error", "{data}");
    assert!(data.contains("content/bad.md:3"), "{data}");
    assert!(server.get("/timeline.json").body.contains("First article"));
    let home = server.get("/").body;
    assert!(home.contains("<div id=\"annales-error-overlay\""));

    site.write(
        "content/bad.md",
        "+++\ntitle = \"Fixed article\"\ndate = 2024-03-05\n+++\n\nText.\n",
    );
    let (event, _) = events.next();
    assert_eq!(event, "reload");
    assert!(server.get("/timeline.json").body.contains("Fixed article"));
    let home = server.get("/").body;
    assert!(!home.contains("<div id=\"annales-error-overlay\""));
}

#[test]
fn a_static_file_change_is_served_without_restart() {
    let site = site();
    let server = start(&site.root);
    let events = server.events();
    site.write("static/extra.css", "body { color: rebeccapurple }\n");
    events.wait_for("reload");
    let css = server.get("/extra.css");
    assert_eq!(css.status, 200);
    assert!(css.body.contains("rebeccapurple"));
}

#[test]
fn serving_never_touches_public_and_build_output_has_no_client() {
    let site = site();
    site.write("public/keep.txt", "mine\n");
    {
        let server = start(&site.root);
        assert_eq!(server.get("/").status, 200);
    }
    assert_eq!(
        std::fs::read_to_string(site.root.join("public/keep.txt")).unwrap(),
        "mine\n"
    );
    assert!(!site.root.join("public/index.html").exists());

    let out = site.dir.path().join("built");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_annales"))
        .args(["build", "--quiet", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        !home.contains("__annales"),
        "build output has the serve client"
    );
}

#[test]
fn a_port_in_use_gives_a_clear_message() {
    let site = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let child = serve_command(&site.root, &port).spawn().unwrap();
    let out = wait_with_deadline(child);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already in use"), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let site = site();
    let server = start(&site.root);
    let pid = server.pid().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = server.wait_exit();
    assert!(status.success(), "{status:?}");
}

fn wait_with_deadline(mut child: std::process::Child) -> std::process::Output {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve did not exit");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_templates_folder_deleted_and_made_again_is_still_watched() {
    let site = site();
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>MARKER-ONE</p>{% endblock content %}\n",
    );
    let server = start(&site.root);
    let events = server.events();
    assert!(server.get("/").body.contains("MARKER-ONE"));

    std::fs::remove_dir_all(site.root.join("templates")).unwrap();
    events.wait_for("reload");
    assert!(!server.get("/").body.contains("MARKER-ONE"));

    // Made elsewhere and moved in whole, so that its file is there when the folder appears.
    site.write(
        "templates.new/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>MARKER-TWO</p>{% endblock content %}\n",
    );
    std::fs::rename(site.root.join("templates.new"), site.root.join("templates")).unwrap();
    events.wait_for("reload");
    assert!(server.get("/").body.contains("MARKER-TWO"));

    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>MARKER-THREE</p>{% endblock content %}\n",
    );
    events.wait_for("reload");
    assert!(server.get("/").body.contains("MARKER-THREE"));
}

#[test]
fn an_inline_script_in_a_template_is_named_in_a_warning() {
    let site = site();
    let server = start(&site.root);
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<script>document.title = 'x'</script>{% endblock content %}\n",
    );
    let deadline = std::time::Instant::now() + WAIT;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let Ok(line) = server.output.recv_timeout(left) else {
            panic!("no warning about the inline script: {seen:#?}");
        };
        if line.contains("inline <script>") {
            assert!(line.contains("index.html"), "{line}");
            assert!(line.contains("static/"), "{line}");
            break;
        }
        seen.push(line);
    }
}

/// What the overlay's `<mark>` holds, and what comes before it on the quoted line.
fn marked(html: &str) -> (String, String) {
    let open = html
        .find("<mark>")
        .unwrap_or_else(|| panic!("no marked character: {html}"));
    let close = open + html[open..].find("</mark>").unwrap();
    let line = html[..open].rfind("<pre class=\"annales-src\">").unwrap();
    let before = &html[line..open];
    let before = &before[before.find(" | ").unwrap() + 3..];
    (html[open + 6..close].to_string(), before.to_string())
}

#[test]
fn a_french_site_gets_the_overlay_in_french_with_the_column_marked() {
    let site = site();
    site.write("site.toml", "title = \"Essai\"\nlanguage = \"fr\"\n");
    // Broken from the start: no page yet, so the server's own page says so, in French.
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>\tÉté à Noël\t{{ cassé </p>{% endblock content %}\n",
    );
    let server = start(&site.root);
    let home = server.get("/");
    assert_eq!(home.status, 404);
    assert!(home.body.contains("<html lang=\"fr\">"), "{}", home.body);
    assert!(home.body.contains("Pas encore de site"), "{}", home.body);
    assert!(
        home.body
            .contains("La dernière version correcte reste affichée")
    );
    assert!(home.body.contains("aria-label=\"Masquer\""));
    assert!(!home.body.contains("last good version"), "{}", home.body);
    // Tera's message, as it wrote it, names the file.
    assert!(
        home.body.contains("templates/index.html:1:"),
        "{}",
        home.body
    );
    // Tera's names are ASCII: it stops at the `é` of `cassé`, after two tabs and six
    // two-byte characters on the line (expanded to the same tab stops, escaped).
    let (mark, before) = marked(&home.body);
    assert_eq!(mark, "é");
    assert!(
        before.ends_with("&lt;p&gt; Été à Noël  {{ cass"),
        "{before}"
    );
}

#[test]
fn an_english_site_gets_the_overlay_in_english_and_a_long_line_keeps_its_mark() {
    let site = site();
    let server = start(&site.root);
    let events = server.events();
    let long = "é".repeat(230);
    site.write(
        "templates/index.html",
        &format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<p><b>gras</b> {long} {{{{ x ! }}}} tail</p>{{% endblock content %}}\n"
        ),
    );
    let (event, data) = events.next();
    assert_eq!(event, "build-error", "{data}");
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.body.contains("Still showing the last good version"),
        "{}",
        home.body
    );
    assert!(home.body.contains("aria-label=\"Hide\""));
    let (mark, before) = marked(&home.body);
    assert_eq!(mark, "!", "{}", home.body);
    // Everything before the mark is the file's line as written (`</b>` is not taken for a
    // path to hide, which would move the mark).
    assert_eq!(
        before,
        format!(
            "{{% extends &quot;base.html&quot; %}}{{% block content %}}&lt;p&gt;&lt;b&gt;gras\
&lt;/b&gt; {long} {{{{ x "
        )
    );
    assert!(before.chars().count() > 200);
}
