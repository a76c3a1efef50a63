//! What the component tests share: a fresh container in the page, letting effects settle, and
//! finding elements.

use wasm_bindgen::JsCast;

/// A fresh `<div>` appended to the page's body, to mount a component into.
pub fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Lets effects, resources and the router settle.
pub async fn tick() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

/// The first element under `root` matching `css`.
pub fn q(root: &web_sys::HtmlElement, css: &str) -> Option<web_sys::Element> {
    root.query_selector(css).unwrap()
}
