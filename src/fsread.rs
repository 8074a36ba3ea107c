//! Reading the site's input files safely: only regular files, never more than a cap, never
//! waiting on a FIFO, and text that is UTF-8 or told to become so.
//!
//! A site folder may hold anything a user or a tool put there: a named pipe in place of
//! `_timeline.toml` would block a plain `read` forever, a symlink to `/dev/zero` would read until
//! memory runs out. So the file type is checked before opening (and again on the open handle,
//! in case the file was swapped in between), the open never blocks, and the read stops one byte
//! past the cap.

use std::io::Read;
use std::path::Path;

/// Largest article read, in bytes (16 MiB). A long news article is well under 1 MiB, so this
/// leaves room for whole transcripts and dumps while keeping the work of one file bounded.
pub const MAX_ARTICLE_BYTES: u64 = 16 << 20;

/// Largest `site.toml` or `_timeline.toml` read, in bytes (4 MiB). Both are written by hand:
/// thousands of corrections fit in well under 1 MiB.
pub const MAX_CONFIG_BYTES: u64 = 4 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at that path (not even a broken symlink), with the system's words for it.
    NotFound(std::io::Error),
    /// A symlink whose target does not exist.
    BrokenLink,
    /// Not a regular file: what it is (`a named pipe (FIFO)`), and whether a symlink led there.
    NotRegular {
        /// What the path is, with its article (`a folder`).
        kind: &'static str,
        /// The path is a symlink to it.
        via_link: bool,
    },
    /// Bigger than the cap.
    TooLarge {
        /// The cap, in bytes.
        cap: u64,
    },
    /// Any other I/O error (permissions, …).
    Io(std::io::Error),
}

impl ReadError {
    /// What went wrong and what to do, for a message that starts with the file's path.
    pub fn message(&self) -> String {
        match self {
            ReadError::NotFound(_) => "the file does not exist".into(),
            ReadError::BrokenLink => {
                "is a symlink whose target does not exist: fix or remove the link".into()
            }
            ReadError::NotRegular { kind, via_link } => format!(
                "is {}{kind}, not a regular file: Annales reads only regular files (so that a \
                 build never waits on a pipe or reads a device without end); put a regular file \
                 there or move this one away",
                if *via_link { "a symlink to " } else { "" }
            ),
            ReadError::TooLarge { cap } => format!(
                "is larger than the {} limit for this kind of file: split it, or remove what \
                 does not belong in it",
                human_size(*cap)
            ),
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => format!(
                "cannot read this file ({e}): give yourself read permission (chmod u+r) or move \
                 it away"
            ),
            ReadError::Io(e) => format!("cannot read this file: {e}"),
        }
    }
}

/// `16 MiB`, `4 MiB`, `512 KiB`.
pub(crate) fn human_size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// What a non-regular file type is, for messages.
fn kind_of(ft: &std::fs::FileType) -> &'static str {
    if ft.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() {
            return "a character device (such as /dev/zero)";
        }
        if ft.is_block_device() {
            return "a block device (a disk)";
        }
    }
    "a special file"
}

/// Reads `path` if it is a regular file (or a symlink to one) of at most `cap` bytes.
pub(crate) fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let link_meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadError::NotFound(e)),
        Err(e) => return Err(ReadError::Io(e)),
    };
    let via_link = link_meta.file_type().is_symlink();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if via_link && e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ReadError::BrokenLink);
        }
        Err(e) => return Err(ReadError::Io(e)),
    };
    check_meta(&meta, via_link, cap)?;
    let file = open_nonblocking(path).map_err(ReadError::Io)?;
    // The path may have been replaced between the check and the open: check what was opened.
    check_meta(&file.metadata().map_err(ReadError::Io)?, via_link, cap)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    // A file that grew while being read, or one that reports no size (procfs), is caught here.
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { cap });
    }
    Ok(bytes)
}

fn check_meta(meta: &std::fs::Metadata, via_link: bool, cap: u64) -> Result<(), ReadError> {
    if !meta.file_type().is_file() {
        return Err(ReadError::NotRegular {
            kind: kind_of(&meta.file_type()),
            via_link,
        });
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge { cap });
    }
    Ok(())
}

/// Opens for reading without ever blocking: opening a FIFO with no writer would wait forever.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // On a regular file O_NONBLOCK changes nothing.
        opts.custom_flags(libc::O_NONBLOCK);
    }
    opts.open(path)
}

/// Whether `path` is a symlink that leads outside `root`: its content would be published from
/// elsewhere on the machine.
pub(crate) fn links_outside(path: &Path, root: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return false;
    }
    match (std::fs::canonicalize(path), std::fs::canonicalize(root)) {
        (Ok(target), Ok(root)) => !target.starts_with(root),
        // Unresolvable: reading it already failed or will fail with its own message.
        _ => false,
    }
}

/// A UTF-16 encoding recognised in a file's first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Utf16 {
    /// Big-endian (`FE FF`) rather than little-endian (`FF FE`, what Windows writes).
    pub big_endian: bool,
    /// The file starts with a byte-order mark.
    pub bom: bool,
}

impl Utf16 {
    /// `UTF-16LE`, as `iconv` spells it.
    pub fn name(self) -> &'static str {
        if self.big_endian {
            "UTF-16BE"
        } else {
            "UTF-16LE"
        }
    }

    /// Says the file is UTF-16 and how to re-save it as UTF-8.
    pub fn message(self) -> String {
        format!(
            "this file is UTF-16 ({}{}), not UTF-8: re-save it as UTF-8 (in an editor: save \
             with encoding UTF-8; or `iconv -f {} -t UTF-8 FILE > NEW`)",
            if self.big_endian {
                "big-endian"
            } else {
                "little-endian"
            },
            if self.bom {
                ", with a byte-order mark"
            } else {
                ", without a byte-order mark"
            },
            self.name()
        )
    }
}

/// Recognises UTF-16: a byte-order mark, or (without one) text whose every other byte is NUL,
/// which is what mostly-Latin text looks like in UTF-16 and what no UTF-8 text looks like.
pub(crate) fn utf16_encoding(bytes: &[u8]) -> Option<Utf16> {
    match bytes {
        [0xFF, 0xFE, ..] => {
            return Some(Utf16 {
                big_endian: false,
                bom: true,
            });
        }
        [0xFE, 0xFF, ..] => {
            return Some(Utf16 {
                big_endian: true,
                bom: true,
            });
        }
        _ => {}
    }
    // A sample is enough: binary files have NULs anywhere, UTF-16 text on one side only.
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zeros = |side: usize| {
        sample
            .iter()
            .skip(side)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    // Latin text in UTF-16 has a NUL in (nearly) every pair, on one side; U+0100, U+4E00… put
    // one on the other side now and then. A binary file's NULs are not so regular.
    let one_sided = |many: usize, few: usize| many * 10 >= pairs * 7 && few * 20 <= many;
    if one_sided(odd, even) {
        Some(Utf16 {
            big_endian: false,
            bom: false,
        })
    } else if one_sided(even, odd) {
        Some(Utf16 {
            big_endian: true,
            bom: false,
        })
    } else {
        None
    }
}

/// Decodes UTF-16 text after its byte-order mark; the error is the byte offset of the first
/// unit that is not text (a lone surrogate, or an odd last byte).
pub(crate) fn decode_utf16(bytes: &[u8], enc: Utf16) -> Result<String, usize> {
    let body = if enc.bom { &bytes[2..] } else { bytes };
    let skip = if enc.bom { 2 } else { 0 };
    if !body.len().is_multiple_of(2) {
        return Err(skip + body.len() - 1);
    }
    let units = body.chunks_exact(2).map(|p| {
        if enc.big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut out = String::with_capacity(body.len() / 2);
    let mut units_read = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                units_read += c.len_utf16();
                out.push(c);
            }
            Err(_) => return Err(skip + 2 * units_read),
        }
    }
    Ok(out)
}

/// A text file that is not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextError {
    /// 1-based line and column of the first bad byte, when it has one.
    pub position: Option<(usize, usize)>,
    /// What is wrong and what to do.
    pub message: String,
}

/// The UTF-8 text of a hand-written file (`site.toml`, `_timeline.toml`), without a leading
/// byte-order mark; UTF-16 and invalid UTF-8 get a message that says how to re-save the file.
pub(crate) fn utf8_text(bytes: &[u8]) -> Result<&str, TextError> {
    if let Some(enc) = utf16_encoding(bytes) {
        return Err(TextError {
            position: None,
            message: enc.message(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.strip_prefix('\u{feff}').unwrap_or(t)),
        Err(e) => {
            let at = e.valid_up_to();
            let before = std::str::from_utf8(&bytes[..at]).unwrap_or("");
            Err(TextError {
                position: Some(crate::text::line_col(before, at)),
                message: format!(
                    "not valid UTF-8 (byte {at}): save the file as UTF-8 (for example \
                     `iconv -f latin1 -t utf-8 FILE > NEW`)"
                ),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_and_refuses_past_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_regular(&p, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_regular(&p, 9),
            Err(ReadError::TooLarge { cap: 9 })
        ));
        assert!(matches!(
            read_regular(&dir.path().join("none"), 9),
            Err(ReadError::NotFound(_))
        ));
        assert!(matches!(
            read_regular(dir.path(), 9),
            Err(ReadError::NotRegular {
                kind: "a folder",
                ..
            })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_broken_links_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let e = read_regular(&zero, MAX_CONFIG_BYTES).unwrap_err();
        assert!(
            e.message().contains("a symlink to a character device"),
            "{e:?}"
        );
        let broken = dir.path().join("broken");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &broken).unwrap();
        assert!(matches!(
            read_regular(&broken, 9),
            Err(ReadError::BrokenLink)
        ));
    }

    #[test]
    fn utf16_is_recognised_with_and_without_bom() {
        let le: Vec<u8> = "Bonjour le monde"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Bonjour le monde"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        let enc = utf16_encoding(&with_bom).unwrap();
        assert_eq!((enc.big_endian, enc.bom), (false, true));
        assert_eq!(decode_utf16(&with_bom, enc).unwrap(), "Bonjour le monde");
        let enc = utf16_encoding(&le).unwrap();
        assert_eq!((enc.big_endian, enc.bom), (false, false));
        let enc = utf16_encoding(&be).unwrap();
        assert_eq!((enc.big_endian, enc.bom), (true, false));
        assert_eq!(utf16_encoding("Bonjour, été".as_bytes()), None);
        assert_eq!(
            utf16_encoding(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0"),
            None
        );
        // A lone surrogate is not text.
        assert_eq!(
            decode_utf16(&[0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8], enc_le()),
            Err(4)
        );
    }

    fn enc_le() -> Utf16 {
        Utf16 {
            big_endian: false,
            bom: true,
        }
    }

    #[test]
    fn hand_written_text_must_be_utf8() {
        assert_eq!(
            utf8_text("\u{feff}title = 1".as_bytes()).unwrap(),
            "title = 1"
        );
        let e = utf8_text(b"a = 1\nb = \"caf\xe9\"\n").unwrap_err();
        assert_eq!(e.position, Some((2, 9)));
        let e = utf8_text(&[0xFF, 0xFE, b'a', 0]).unwrap_err();
        assert!(e.message.contains("UTF-16"), "{}", e.message);
    }
}
