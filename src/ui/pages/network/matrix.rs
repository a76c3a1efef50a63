//! Groups × groups (`?view=matrix`): each cell the traffic the rules allow from the row's group
//! to the column's; a cell opens the rules behind it (`&from=&to=`). `&g=` narrows the groups
//! by name; at most `MAX_GROUPS` are drawn, those named by the most rules.

use super::data::NetData;
use super::{network_href, network_path, object_href, query};
use crate::base::i18n::{t, tf};
use crate::resources::network::access::Way;
use crate::resources::network::matrix::{cell_text, matrix, traffic};
use crate::ui::router::{use_navigate, NavigateOptions};
use leptos::prelude::*;
use std::rc::Rc;

const MAX_GROUPS: usize = 40;

#[component]
pub fn MatrixView(data: Rc<NetData>) -> impl IntoView {
    let (from_q, to_q, filter_q) = (query("from"), query("to"), query("g"));
    let stored = StoredValue::new_local(data);
    let navigate = use_navigate();
    let filter_input = move |text: String| {
        navigate(
            &network_path(&[("view", "matrix"), ("g", text.trim())]),
            NavigateOptions {
                replace: true,
                scroll: false,
            },
        )
    };
    let body = move || {
        let d = stored.get_value();
        let net = d.net();
        let m = matrix(&net);
        let needle = filter_q.get().to_lowercase();
        // Groups by how many cells they fill, the busiest first, then as the matrix orders them.
        let mut shown: Vec<usize> = (0..m.groups.len())
            .filter(|&i| {
                needle.is_empty() || net.group_name(m.groups[i]).to_lowercase().contains(&needle)
            })
            .collect();
        let total = shown.len();
        if shown.len() > MAX_GROUPS {
            let weight = |i: usize| {
                (0..m.groups.len())
                    .map(|j| m.cell(i, j).len() + m.cell(j, i).len())
                    .sum::<usize>()
            };
            shown.sort_by_key(|&i| std::cmp::Reverse(weight(i)));
            shown.truncate(MAX_GROUPS);
            shown.sort();
        }
        let (sel_from, sel_to) = (from_q.get(), to_q.get());
        let header = shown.iter().map(|&j| view! {
            <th scope="col" class="matrix__col"><a href=object_href("groups", m.groups[j])>{net.group_name(m.groups[j]).to_string()}</a></th>
        }).collect_view();
        let rows = shown.iter().map(|&i| {
            let from = m.groups[i];
            let cells = shown.iter().map(|&j| {
                let to = m.groups[j];
                let grants = m.cell(i, j);
                if grants.is_empty() {
                    return view! { <td class="matrix__cell matrix__cell--empty"></td> }.into_any();
                }
                let text = cell_text(grants);
                let drops = grants.iter().all(|g| g.drops());
                let selected = sel_from == from && sel_to == to;
                let label = tf("{from} to {to}: {traffic}", &[("from", net.group_name(from)), ("to", net.group_name(to)), ("traffic", &text)]);
                view! {
                    <td class="matrix__cell" class:matrix__cell--drop=drops class:matrix__cell--selected=selected>
                        <a href=network_href(&[("view", "matrix"), ("g", &filter_q.get_untracked()), ("from", from), ("to", to)])
                            data-from=net.group_name(from).to_string() data-to=net.group_name(to).to_string()
                            title=label.clone() aria-label=label>{text}</a>
                    </td>
                }.into_any()
            }).collect_view();
            view! {
                <tr><th scope="row" class="matrix__row"><a href=network_href(&[("group", from)])>{net.group_name(from).to_string()}</a></th>{cells}</tr>
            }
        }).collect_view();
        let detail = (!sel_from.is_empty()).then(|| {
            let grants = m.between(&sel_from, &sel_to).to_vec();
            view! {
                <section class="panel" data-testid="matrix-detail">
                    <h2 class="panel__title">{tf("From {from} to {to}", &[("from", net.group_name(&sel_from)), ("to", net.group_name(&sel_to))])}</h2>
                    {if grants.is_empty() {
                        view! { <p>{t("No policy allows traffic from the first group to the second.")}</p> }.into_any()
                    } else {
                        view! { <ul class="plain-list">{grants.iter().map(|g| view! {
                            <li>
                                <a href=object_href("policies", &g.policy.id)>{g.policy.name.clone()}</a>
                                " · "{tf("rule “{rule}”", &[("rule", &g.rule.name)])}" · "<span class="mono">{traffic(g.rule)}</span>
                                {(g.way == Way::In).then(|| view! { " · "<span class="cell__sub">{t("the reverse way of a bidirectional rule")}</span> })}
                            </li>
                        }).collect_view()}</ul> }.into_any()
                    }}
                </section>
            }
        });
        view! {
            {(total > shown.len()).then(|| view! {
                <p class="notice notice--info" role="status">{tf("{shown} of {total} groups, those named by the most rules: narrow them by name to see others.", &[("shown", &shown.len().to_string()), ("total", &total.to_string())])}</p>
            })}
            {if shown.is_empty() {
                view! { <p class="field__hint">{t("No enabled policy names a group.")}</p> }.into_any()
            } else {
                view! {
                    <div class="matrix-wrap" tabindex="0" role="region" aria-label=t("Traffic allowed between groups")>
                        <table class="matrix" data-testid="matrix">
                            <thead><tr><th scope="col" class="matrix__corner">{t("From ↓ to →")}</th>{header}</tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {detail}
        }
    };
    view! {
        <section class="panel">
            <label class="field">
                <span class="field__label">{t("Groups named like")}</span>
                <input type="search" class="input" name="g" autocomplete="off" prop:value=move || filter_q.get()
                    on:change:target=move |ev| filter_input(ev.target().value())/>
            </label>
        </section>
        {body}
    }
}
