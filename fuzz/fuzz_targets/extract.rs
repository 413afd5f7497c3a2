#![no_main]
// The body lives in crates/newsdesk-fuzz, where a stable test runs it over the seeds. The
// warm-up compiles the engine's regexes before libFuzzer's per-input timer starts: instrumented
// and on a busy machine, that alone can outlast -timeout on the first input.
libfuzzer_sys::fuzz_target!(init: newsdesk_fuzz::warm_up(), |data: &[u8]| newsdesk_fuzz::extract(data));
