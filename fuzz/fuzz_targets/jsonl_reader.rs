//! Arbitrary bytes through `JsonlReader`; see
//! [`dealtrace_fuzz::checks::check_jsonl_reader`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dealtrace_fuzz::checks::check_jsonl_reader(data);
});
