//! Fuzz targets for dealtrace; see README.md, "Fuzzing". The targets are
//! thin: [`checks`] decodes each input and checks the invariants, and is
//! also compiled into `tests/fuzz_regressions.rs`.

pub mod checks;
