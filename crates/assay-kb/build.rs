//! Bundles every JSON file under `assets/` (except the generated schemas) into
//! the library, so the app and the CLI need nothing on disk at run time and a
//! new data file needs no code change.

use std::{env, fs, path::Path};

fn main() {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let assets = Path::new(&manifest_dir).join("../../assets");
    let assets = assets
        .canonicalize()
        .expect("assets/ exists at the repo root");
    println!("cargo::rerun-if-changed={}", assets.display());

    let mut files = Vec::new();
    collect(&assets, &assets, &mut files);
    files.sort();

    let mut out = String::from(
        "/// Every bundled asset as (path below `assets/`, contents), sorted by path.\n",
    );
    out.push_str("pub(crate) static BUNDLED: &[(&str, &str)] = &[\n");
    for relative in &files {
        let absolute = assets.join(relative);
        out.push_str(&format!(
            "    ({relative:?}, include_str!({:?})),\n",
            absolute.display().to_string()
        ));
    }
    out.push_str("];\n");
    let out_path = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled.rs");
    fs::write(out_path, out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("assets/ is readable")
        .map(|entry| entry.expect("assets/ entry is readable").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name == "schema") {
                continue;
            }
            collect(root, &path, files);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            let relative = path.strip_prefix(root).expect("below root");
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}
