//! No request reaches outside the served site: traversal in every spelling, absolute paths and
//! symlinks get 400 or 404, never a file from the disk.

mod serve_support;

use serve_support::{site, start};

const SECRET: &str = "SECRET-7d1f9c";

#[test]
fn traversal_requests_get_400_or_404_and_no_file() {
    let site = site();
    // Beside the site root, and inside it but outside what is served.
    std::fs::write(site.dir.path().join("secret.txt"), SECRET).unwrap();
    site.write("notes/secret.txt", SECRET);
    let server = start(&site.root);
    for target in [
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/sources/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/.%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%252e%252e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/notes/secret.txt",
        "/site.toml",
        "/content/first.md",
        "//etc/passwd",
        "/etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/secret.txt%00.html",
        "/%zz",
        "etc/passwd",
        "http://localhost/../secret.txt",
        "*",
    ] {
        let (status, response) = server.raw("GET", target);
        assert!(
            status == 400 || status == 404,
            "{target}: status {status}\n{response}"
        );
        assert!(!response.contains(SECRET), "{target} leaked the secret");
        assert!(
            !response.contains("root:x:0"),
            "{target} leaked /etc/passwd"
        );
        assert!(
            !response.contains("Preview test\"\n"),
            "{target} leaked site.toml"
        );
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_not_served() {
    let site = site();
    let outside = site.dir.path().join("secret.txt");
    std::fs::write(&outside, SECRET).unwrap();
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    std::os::unix::fs::symlink(&outside, site.root.join("static/link.txt")).unwrap();
    std::os::unix::fs::symlink(site.dir.path(), site.root.join("static/up")).unwrap();
    let server = start(&site.root);
    for target in ["/link.txt", "/up/secret.txt"] {
        let (status, response) = server.raw("GET", target);
        assert_eq!(status, 404, "{target}");
        assert!(!response.contains(SECRET), "{target} leaked the secret");
    }
}

#[test]
fn only_get_and_head_are_answered() {
    let site = site();
    let server = start(&site.root);
    let (status, head) = server.raw("HEAD", "/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html"));
    assert!(!head.contains("<html"), "HEAD sent a body");
    let (status, response) = server.raw("POST", "/");
    assert_eq!(status, 405);
    assert!(response.contains("Allow: GET, HEAD"));
}

#[test]
fn responses_are_not_sniffed_or_cached() {
    let site = site();
    let server = start(&site.root);
    let (_, response) = server.raw("GET", "/timeline.json");
    assert!(response.contains("Content-Type: application/json"));
    assert!(response.contains("X-Content-Type-Options: nosniff"));
    assert!(response.contains("Cache-Control: no-store"));
}
