//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared folder (`../shared`), when `DEALTRACE_SHARED` names it.
/// Tests that need it are skipped when the variable is unset (a user's
/// machine), and fail loudly when it is set but the folder is missing (CI).
pub fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("DEALTRACE_SHARED")?);
    assert!(
        dir.is_dir(),
        "DEALTRACE_SHARED={} is not a directory",
        dir.display()
    );
    Some(dir)
}

/// Slices `text` by code point offsets, as Python's `text[start:end]`.
pub fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}
