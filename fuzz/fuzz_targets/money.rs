//! `recognize` on text written in the money vocabulary; see
//! [`dealtrace_fuzz::checks::recognizer_input`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dealtrace_fuzz::checks::check_recognizer("money", data);
});
