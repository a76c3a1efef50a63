//! The network map (`?view=map`, `&group=` or `&peer=` to focus): an SVG the console draws
//! itself from `resources::network::map`'s layout. Drag or use the arrow keys (Page Up, Page
//! Down, Home and End on a long map) to pan, the wheel or + and − to zoom, 0 to fit. Every
//! node and edge links to its object.

use super::data::NetData;
use super::{network_path, query};
use crate::base::i18n::t;
use crate::resources::network::map::{
    layout, Edge, EdgeKind, Focus, Layout, Node, NodeKind, View, NODE_H, NODE_W,
};
use crate::ui::kit::marks::mark_painted;
use crate::ui::router::{href, use_navigate, NavigateOptions};
use leptos::prelude::*;
use std::rc::Rc;

/// A label cut to what fits in a node.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

#[component]
pub fn MapView(data: Rc<NetData>) -> impl IntoView {
    let (group_q, peer_q) = (query("group"), query("peer"));
    let stored = StoredValue::new_local(data.clone());
    let navigate = use_navigate();
    let options: Vec<(String, String)> = {
        let mut v: Vec<(String, String)> = data
            .lists
            .groups
            .iter()
            .map(|g| (g.id.clone(), g.name.clone()))
            .collect();
        v.sort_by_key(|a| a.1.to_lowercase());
        v
    };
    let choose = move |id: String| {
        navigate(
            &network_path(&[("view", "map"), ("group", &id)]),
            NavigateOptions::default(),
        )
    };
    let drawn = move || {
        let focus = match (peer_q.get(), group_q.get()) {
            (p, _) if !p.is_empty() => Focus::Peer(p),
            (_, g) if !g.is_empty() => Focus::Group(g),
            _ => Focus::All,
        };
        let d = stored.get_value();
        let peer_name = match &focus {
            Focus::Peer(p) => d.net().peer(p).map(|p| p.name.clone()),
            _ => None,
        };
        (layout(&d.net(), &focus), peer_name)
    };
    view! {
        <section class="panel map-controls">
            <label class="field">
                <span class="field__label">{t("Show")}</span>
                <select class="select" name="focus" on:change:target=move |ev| choose(ev.target().value())>
                    <option value="" prop:selected=move || group_q.with(String::is_empty) && peer_q.with(String::is_empty)>{t("Every group")}</option>
                    {options.into_iter().map(|(id, name)| {
                        let selected = id.clone();
                        view! { <option value=id prop:selected=move || group_q.get() == selected>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
        </section>
        {move || {
            let (l, peer) = drawn();
            view! { <MapCanvas layout=l peer/> }
        }}
    }
}

/// The shape (height / width) the map's box will have: the page's width less the sidebar, and
/// 70% of its height (`.map` in the style sheet). Only where the map starts depends on it.
fn box_aspect() -> f64 {
    let (width, height) = box_size();
    height / width
}

/// The map's box in pixels, from the window's size: the page's width beside the navigation,
/// and 70% of the window's height (`.map` in the style sheet).
fn box_size() -> (f64, f64) {
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
    let w = window();
    match (size(w.inner_width()), size(w.inner_height())) {
        (Some(width), Some(height)) => ((width - 300.0).max(300.0), height * 0.7),
        _ => (1000.0, 500.0),
    }
}

/// An edge: a path in a link (in a `<g>`, so that the macro makes an SVG link, not an HTML one);
/// without `words`, the bare path (a line a pixel wide is no link to aim at).
fn edge_view(e: &Edge, words: bool) -> AnyView {
    let (class, start, end) = match e.kind {
        EdgeKind::Policy { both } => (
            "map__edge map__edge--policy",
            both.then_some("url(#map-arrow-start)"),
            Some("url(#map-arrow)"),
        ),
        EdgeKind::Distribution => (
            "map__edge map__edge--distribution",
            None,
            Some("url(#map-arrow)"),
        ),
        EdgeKind::Routes => ("map__edge map__edge--routes", None, Some("url(#map-arrow)")),
    };
    if !words {
        return view! { <path class=class d=e.path.clone()/> }.into_any();
    }
    view! {
        <g><a href=href(&e.href) class="map__link" aria-label=e.label.clone()>
            <path class=class d=e.path.clone() marker-start=start marker-end=end>
                <title>{e.label.clone()}</title>
            </path>
        </a></g>
    }
    .into_any()
}

/// A box: its label and line under it, linking its object; without `words`, the bare box
/// (still a link, named for assistive technology).
fn node_view(n: &Node, words: bool) -> AnyView {
    let class = match n.kind {
        NodeKind::Group => "map__node map__node--group",
        NodeKind::Router => "map__node map__node--router",
        NodeKind::Network => "map__node map__node--network",
    };
    let name = format!("{} — {}", n.label, n.sub);
    let tip = words.then(|| view! { <title>{name.clone()}</title> });
    let texts = words.then(|| {
        view! {
            <text x=n.x + 10 y=n.y + 15 class="map__label">{fit(&n.label, 25)}</text>
            <text x=n.x + 10 y=n.y + 28 class="map__sub">{fit(&n.sub, 32)}</text>
        }
    });
    view! {
        <g><a href=href(&n.href) class="map__link" data-testid="map-node" data-label=n.label.clone() aria-label=name>
            <g class=class class:map__node--marked=n.marked>
                {tip}
                <rect x=n.x y=n.y width=NODE_W height=NODE_H rx="6"/>
                {texts}
            </g>
        </a></g>
    }
    .into_any()
}

/// The map drawn: only what is in or near the view (a large account's 1,700 boxes and links
/// are tens of thousands of SVG elements), drawn again as the view moves half a view.
#[component]
fn MapCanvas(layout: Layout, peer: Option<String>) -> impl IntoView {
    let full = layout.full();
    let view_box = RwSignal::new(layout.start(box_aspect()));
    // Every move and zoom keeps the view over the map.
    let show = move |v: View| view_box.set(v.over(full));
    let drag = RwSignal::new(None::<(f64, f64, View)>);
    let scale = move |el: &web_sys::Element| {
        let rect = el.get_bounding_client_rect();
        let v = view_box.get_untracked();
        (v.w / rect.width().max(1.0), rect)
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        let Some(el) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        let (k, rect) = scale(&el);
        let v = view_box.get_untracked();
        let cx = v.x + (f64::from(ev.client_x()) - rect.left()) * k;
        let cy = v.y + (f64::from(ev.client_y()) - rect.top()) * k;
        let factor = if ev.delta_y() > 0.0 { 1.2 } else { 1.0 / 1.2 };
        show(v.zoom(factor, cx, cy));
    };
    let on_down = move |ev: leptos::ev::PointerEvent| {
        // Links stay clickable: a drag starts on the background only.
        let on_background = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| el.tag_name() == "svg" || el.class_name_contains("map__bg"));
        if on_background {
            drag.set(Some((
                f64::from(ev.client_x()),
                f64::from(ev.client_y()),
                view_box.get_untracked(),
            )));
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let Some((x0, y0, start)) = drag.get_untracked() else {
            return;
        };
        let Some(el) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        let (k, _) = scale(&el);
        show(View {
            x: start.x - (f64::from(ev.client_x()) - x0) * k,
            y: start.y - (f64::from(ev.client_y()) - y0) * k,
            ..start
        });
    };
    let on_up = move |_| drag.set(None);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let v = view_box.get_untracked();
        let step = v.w / 10.0;
        let next = match ev.key().as_str() {
            "+" | "=" => v.zoom(1.0 / 1.2, v.x + v.w / 2.0, v.y + v.h / 2.0),
            "-" | "_" => v.zoom(1.2, v.x + v.w / 2.0, v.y + v.h / 2.0),
            "0" => full,
            "ArrowLeft" => View { x: v.x - step, ..v },
            "ArrowRight" => View { x: v.x + step, ..v },
            "ArrowUp" => View { y: v.y - step, ..v },
            "ArrowDown" => View { y: v.y + step, ..v },
            // A long map a screen at a time, or to its top or bottom.
            "PageUp" => View {
                y: v.y - v.h * 0.9,
                ..v
            },
            "PageDown" => View {
                y: v.y + v.h * 0.9,
                ..v
            },
            "Home" => View { y: full.y, ..v },
            "End" => View {
                y: full.y + full.h - v.h,
                ..v
            },
            _ => return,
        };
        ev.prevent_default();
        // The map takes the focus from a link in it: that link may not be drawn once it moved.
        if let Some(wrap) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
        {
            let _ = wrap.focus();
        }
        show(next);
    };
    let zoom_by = move |factor: f64| {
        let v = view_box.get_untracked();
        show(v.zoom(factor, v.x + v.w / 2.0, v.y + v.h / 2.0));
    };
    // What is drawn changes only as the view crosses half a view (`View::drawn_area`), or as the
    // words become readable or too small to read (`View::shows_words`).
    let drawn = Memo::new(move |_| {
        let (v, (width, height)) = (view_box.get(), box_size());
        (v.drawn_area(), v.shows_words(width, height))
    });
    let summary = crate::base::i18n::tf(
        "{nodes} boxes and {edges} links: groups, then routing peers, then networks.",
        &[
            ("nodes", &layout.nodes.len().to_string()),
            ("edges", &layout.edges.len().to_string()),
        ],
    );
    let empty = layout.nodes.is_empty();
    let layout = std::sync::Arc::new(layout);
    let region = summary.clone();
    mark_painted("nbc:map-drawn");
    view! {
        {peer.map(|p| view! { <p class="field__hint">{crate::base::i18n::tf("What touches the groups of {peer}.", &[("peer", &p)])}</p> })}
        <div class="map-toolbar" role="group" aria-label=t("Zoom")>
            <button type="button" class="btn btn--small" on:click=move |_| zoom_by(1.0 / 1.2) aria-label=t("Zoom in")>"+"</button>
            <button type="button" class="btn btn--small" on:click=move |_| zoom_by(1.2) aria-label=t("Zoom out")>"−"</button>
            <button type="button" class="btn btn--small" on:click=move |_| view_box.set(full)>{t("Fit")}</button>
            <span class="field__hint">{t("Drag or use the arrow keys, Page Up and Page Down to move; the wheel or + and − to zoom; 0 to fit.")}</span>
        </div>
        {if empty {
            view! { <p class="field__hint" data-testid="map-empty">{t("Nothing to draw: no enabled policy or route names these groups.")}</p> }.into_any()
        } else {
            view! {
                // The keys work wherever the focus is inside (the map, or one of its links).
                <div class="map-wrap" tabindex="0" role="region" aria-label=region on:keydown=on_key>
                <svg class="map" data-testid="map" role="group" aria-label=summary
                    viewBox=move || { let v = view_box.get(); format!("{} {} {} {}", v.x, v.y, v.w, v.h) }
                    on:wheel=on_wheel on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointerleave=on_up>
                    <defs>
                        <marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path d="M0 0 L10 5 L0 10 z" class="map__arrow"/>
                        </marker>
                        <marker id="map-arrow-start" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path d="M0 0 L10 5 L0 10 z" class="map__arrow"/>
                        </marker>
                    </defs>
                    <rect class="map__bg" x="-100000" y="-100000" width="200000" height="200000"/>
                    // Drawn anew as a whole when the area changes: the edges under the boxes.
                    {move || {
                        let (area, words) = drawn.get();
                        let (nodes, edges) = layout.within(area);
                        let edges = edges.into_iter().map(|i| edge_view(&layout.edges[i], words)).collect_view();
                        let nodes = nodes.into_iter().map(|i| node_view(&layout.nodes[i], words)).collect_view();
                        view! { <g class=(!words).then_some("map--shapes")>{edges}{nodes}</g> }.into_any()
                    }}
                </svg>
                </div>
            }.into_any()
        }}
    }
}

trait ClassContains {
    fn class_name_contains(&self, class: &str) -> bool;
}

impl ClassContains for web_sys::Element {
    fn class_name_contains(&self, class: &str) -> bool {
        self.get_attribute("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}
