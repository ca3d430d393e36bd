//! Arbitrary bytes through `Pipeline::annotate` and the record writer; see
//! [`dealtrace_fuzz::checks::check_pipeline`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dealtrace_fuzz::checks::check_pipeline(data);
});
