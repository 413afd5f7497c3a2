//! Records the locked version of each peer crate (from Cargo.lock) for the runner's report.
fn main() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    for (krate, var) in [
        ("dom_smoothie", "V_DOM_SMOOTHIE"),
        ("rs-trafilatura", "V_RS_TRAFILATURA"),
        ("rust-trafilatura", "V_RUST_TRAFILATURA"),
    ] {
        let mut version = String::from("?");
        let mut lines = lock.lines();
        while let Some(line) = lines.next() {
            if line.trim() == format!("name = \"{krate}\"") {
                if let Some(v) = lines
                    .next()
                    .and_then(|l| l.trim().strip_prefix("version = "))
                {
                    version = v.trim_matches('"').to_string();
                }
                break;
            }
        }
        println!("cargo:rustc-env={var}={version}");
    }
}
