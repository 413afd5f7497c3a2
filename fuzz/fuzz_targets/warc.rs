#![no_main]
// The body lives in crates/newsdesk-fuzz, where a stable test runs it over the seeds.
libfuzzer_sys::fuzz_target!(|data: &[u8]| newsdesk_fuzz::warc(data));
