//! Reading keyword fast fields (string columns) of one segment: the column
//! of a declared field, and a document's first value in it.

use tantivy::columnar::StrColumn;
use tantivy::SegmentReader;

/// The string column of the fast keyword field `name`; a schema error when
/// the field is not one.
pub fn str_column(reader: &SegmentReader, name: &str) -> tantivy::Result<StrColumn> {
    reader.fast_fields().str(name)?.ok_or_else(|| {
        tantivy::TantivyError::SchemaError(format!("field '{name}' is not a fast text field"))
    })
}

/// The first value of document `doc` in `col` ('' when it has none).
pub fn first_str(col: &StrColumn, doc: u32) -> String {
    let mut out = String::new();
    if let Some(ord) = col.term_ords(doc).next() {
        let _ = col.ord_to_str(ord, &mut out);
    }
    out
}
