//! stub
use std::path::Path;
use super::ParsedFile;
/// stub
pub fn parse(_path: &Path, _bytes: &[u8]) -> ParsedFile { ParsedFile::default() }
