//! Lets `cargo test` run this crate's unit tests with a Python that is not on the system
//! library path (pyenv, a venv's base): the test binary gets an rpath to libpython's
//! directory. A no-op when maturin builds the wheel (PYO3_BUILD_EXTENSION_MODULE set: the
//! extension module must not link libpython).
fn main() {
    pyo3_build_config::add_libpython_rpath_link_args();
}
