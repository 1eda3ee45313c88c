//! Rewrites the JSON Schemas in `schema/` that follow from the field
//! declaration (`schema/newsdex.json`). Run after changing the declaration:
//!
//! ```sh
//! cargo run --example write_schemas
//! ```

fn main() -> std::io::Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    for (name, doc) in newsdex::schema::json_schema::all() {
        let mut text = serde_json::to_string_pretty(&doc).map_err(std::io::Error::other)?;
        text.push('\n');
        std::fs::write(dir.join(name), text)?;
        println!("wrote schema/{name}");
    }
    Ok(())
}
