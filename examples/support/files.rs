//! Article files named on the command line, shared by the examples.

use std::path::{Path, PathBuf};

/// A file, or a directory's `*.txt` files in name order, appended to `out`.
pub fn files(arg: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if arg.is_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(arg)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        found.sort();
        out.extend(found);
    } else {
        out.push(arg.to_path_buf());
    }
    Ok(())
}
