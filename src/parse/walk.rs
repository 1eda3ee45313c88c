//! Input discovery: turns the paths given on the command line into the list
//! of files to parse, each with its format.
//!
//! Directories are walked recursively (symlinks followed; a symlink loop is
//! reported as an `Unreadable` warning and the walk goes on), in sorted order
//! so runs are deterministic. Inside directories, hidden entries are skipped,
//! and so are corpus metadata files that are clearly not articles: `README*`
//! (any case), `*.dtd`, Reuters' category lists `*.lc.txt` (one category
//! code per line: they would otherwise be read as plain-text articles),
//! `cat-descriptions*` and `feldman-*`. Files whose format cannot be detected
//! are skipped inside directories without a warning, and counted by extension
//! with the metadata files ([`Walk::skipped_by_extension`]); a file named explicitly with an
//! undetectable format gets an `UnknownFormat` warning. A path that does not
//! exist or cannot be read (a dangling symlink) gets an `Unreadable` warning,
//! and so does anything that is not a regular file (a FIFO, socket or device:
//! reading one could block forever).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{detect_format, Format, Warning, WarningKind};

/// Bytes read from a file without a known extension to sniff its format.
const SNIFF_BYTES: u64 = 4096;

/// One file to parse: where it is, its format, and its key (the base of
/// the ids of its articles, from the path given on the command line; see
/// [`super::id`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    pub format: Format,
    pub key: String,
}

/// What a walk found: the files to parse, warnings for unusable paths, and
/// the files inside folders it did not read.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<InputFile>,
    pub warnings: Vec<Warning>,
    /// Files inside folders left unread (corpus metadata, unknown formats),
    /// by lower-case extension (`md`, `dtd`; `(none)` without one), so a
    /// summary can say what was not read. Hidden files are not counted.
    pub skipped_by_extension: BTreeMap<String, u64>,
}

/// The key [`Walk::skipped_by_extension`] counts a file under.
fn extension_key(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_else(|| "(none)".to_string())
}

/// Collects the files to parse under `paths`, with their format (`forced`
/// overrides detection for every file) and key, warnings for unusable
/// paths, and counts of the files left unread inside folders.
pub fn walk(paths: &[PathBuf], forced: Option<Format>) -> Walk {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut skipped_by_extension: BTreeMap<String, u64> = BTreeMap::new();
    let mut skip = |path: &Path| *skipped_by_extension.entry(extension_key(path)).or_default() += 1;
    let input = |path: PathBuf, root: &Path, format: Format| InputFile {
        key: super::id::file_key(root, &path),
        path,
        format,
    };
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(meta) => meta,
            Err(e) => {
                warnings.push(Warning::new(
                    root,
                    None,
                    WarningKind::Unreadable,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if !meta.is_dir() {
            if !meta.is_file() {
                warnings.push(not_regular(root));
                continue;
            }
            match file_format(root, forced) {
                Ok(Some(format)) => files.push(input(root.clone(), root, format)),
                Ok(None) => warnings.push(Warning::new(
                    root,
                    None,
                    WarningKind::UnknownFormat,
                    super::UNKNOWN_FORMAT,
                )),
                Err(w) => warnings.push(w),
            }
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let message = match e.loop_ancestor() {
                        Some(ancestor) => {
                            format!("symlink loop back to {}; not followed", ancestor.display())
                        }
                        None => format!("cannot read: {e}"),
                    };
                    warnings.push(Warning::new(&path, None, WarningKind::Unreadable, message));
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            if is_metadata_file(entry.file_name()) {
                skip(entry.path());
                continue;
            }
            if !entry.file_type().is_file() {
                // A FIFO, socket or device: reading it could block forever.
                warnings.push(not_regular(entry.path()));
                continue;
            }
            match file_format(entry.path(), forced) {
                Ok(Some(format)) => files.push(input(entry.into_path(), root, format)),
                Ok(None) => skip(entry.path()),
                Err(w) => warnings.push(w),
            }
        }
    }
    Walk {
        files,
        warnings,
        skipped_by_extension,
    }
}

/// The warning for a path that is not a regular file (FIFO, socket, device).
fn not_regular(path: &Path) -> Warning {
    Warning::new(
        path,
        None,
        WarningKind::Unreadable,
        "not a regular file (FIFO, socket or device); skipped",
    )
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Corpus metadata that is not articles (see the module doc).
fn is_metadata_file(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy().to_lowercase();
    name.starts_with("readme")
        || name.ends_with(".dtd")
        || name.ends_with(".lc.txt")
        || name.starts_with("cat-descriptions")
        || name.starts_with("feldman-")
}

/// The format of one file: forced, by extension, else by sniffing its head.
fn file_format(path: &Path, forced: Option<Format>) -> Result<Option<Format>, Warning> {
    if forced.is_some() {
        return Ok(forced);
    }
    if let Some(format) = detect_format(path, b"") {
        return Ok(Some(format));
    }
    let mut head = Vec::new();
    File::open(path)
        .and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut head))
        .map_err(|e| {
            Warning::new(
                path,
                None,
                WarningKind::Unreadable,
                format!("cannot read: {e}"),
            )
        })?;
    Ok(detect_format(path, &head))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{samples_dir, test_corpus_dir};

    fn names(files: &[InputFile], root: &Path) -> Vec<String> {
        files
            .iter()
            .map(|f| {
                let rel = f.path.strip_prefix(root).unwrap_or(&f.path);
                format!("{}={}", rel.display(), f.format)
            })
            .collect()
    }

    /// The files and warnings of a walk.
    fn collect(paths: &[PathBuf], forced: Option<Format>) -> (Vec<InputFile>, Vec<Warning>) {
        let w = walk(paths, forced);
        (w.files, w.warnings)
    }

    #[test]
    fn walks_a_tree() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        let write = |rel: &str, text: &str| -> std::io::Result<()> {
            let p = root.join(rel);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(p, text)
        };
        write("b/2.txt", "x")?;
        write("b/1.txt", "x")?;
        write("a.jsonl", "{}")?;
        write("feed", "{\"id\":1}")?;
        write("notes.bin", "binary")?;
        write("notes.md", "# Notes")?;
        write("README.txt", "about")?;
        write("readme", "about")?;
        write("lewis.dtd", "<!ELEMENT>")?;
        write("all-places-strings.lc.txt", "usa")?;
        write(".hidden/x.txt", "x")?;
        write(".x.txt", "x")?;
        write("dir.sgm/inner.csv", "title\nx")?;
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("b/loop"))?;

        let (files, warnings) = collect(&[root.to_path_buf()], None);
        assert_eq!(
            names(&files, root),
            [
                "a.jsonl=jsonl",
                "b/1.txt=text",
                "b/2.txt=text",
                "dir.sgm/inner.csv=csv",
                "feed=jsonl"
            ]
        );
        #[cfg(unix)]
        {
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert_eq!(warnings[0].kind, WarningKind::Unreadable);
        }

        let counted = walk(&[root.to_path_buf()], None).skipped_by_extension;
        let counted: Vec<(&str, u64)> = counted.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        // readme; notes.bin; lewis.dtd; notes.md; README.txt and the .lc.txt list.
        assert_eq!(
            counted,
            [("(none)", 1), ("bin", 1), ("dtd", 1), ("md", 1), ("txt", 2)]
        );

        let forced = collect(&[root.join("notes.bin")], Some(Format::PlainText)).0;
        assert_eq!(forced.len(), 1);
        let (none, warnings) = collect(&[root.join("notes.bin")], None);
        assert!(none.is_empty());
        assert_eq!(warnings[0].kind, WarningKind::UnknownFormat);
        Ok(())
    }

    #[test]
    fn missing_path_warns() {
        let (files, warnings) = collect(&[PathBuf::from("/no/such/path")], None);
        assert!(files.is_empty());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].kind, WarningKind::Unreadable);
        assert_eq!(warnings[0].path, "/no/such/path");
    }

    #[test]
    fn finds_samples() {
        let (files, warnings) = collect(&[samples_dir()], None);
        assert!(warnings.is_empty(), "{warnings:?}");
        for format in Format::ALL {
            assert!(files.iter().any(|f| f.format == format), "{format}");
        }
    }

    #[test]
    fn walks_corpus() {
        let Some(corpus) = test_corpus_dir() else {
            return;
        };
        let (files, warnings) = collect(&[corpus], None);
        assert!(warnings.is_empty(), "{warnings:?}");
        let count = |f: Format| files.iter().filter(|g| g.format == f).count();
        assert_eq!(count(Format::ReutersSgml), 22);
        assert_eq!(count(Format::PlainText), 2_225);
        assert_eq!(count(Format::Csv), 1);
    }
}
