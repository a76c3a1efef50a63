#[cfg(target_arch = "wasm32")]
fn main() {
    netbird_console::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("netbird-console is a WebAssembly app: build it with `trunk build --release`.");
}
