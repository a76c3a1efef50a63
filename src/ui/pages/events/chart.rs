//! A small bar chart of events per day, drawn as inline SVG (no chart library), with a title
//! and a description for assistive technology and a tooltip per day.

use crate::base::format::thousands;
use crate::base::i18n::{t, tf};
use crate::registry::plural_noun;
use crate::resources::event::days::{bars, format_day};
use leptos::prelude::*;

/// The chart's box in its own units; it is stretched to the page's width.
const WIDTH: u32 = 720;
const HEIGHT: u32 = 64;

fn events(n: u64) -> String {
    format!("{} {}", thousands(n), t(&plural_noun("event", n)))
}

/// Events per day from the day `first` (a day number), one count per day.
#[component]
pub fn DayChart(first: i64, counts: Vec<u32>) -> impl IntoView {
    let n = counts.len() as i64;
    let last = first + n - 1;
    let total: u64 = counts.iter().map(|c| u64::from(*c)).sum();
    let (busiest, max) = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (**c, std::cmp::Reverse(*i)))
        .map_or((0, 0), |(i, c)| (i as i64, *c));
    let (from, to) = (format_day(first), format_day(last));
    let description = if total == 0 {
        tf(
            "No events from {from} to {to}.",
            &[("from", &from), ("to", &to)],
        )
    } else {
        tf(
            "{events} from {from} to {to}; the busiest day, {day}, had {max}.",
            &[
                ("events", &events(total)),
                ("from", &from),
                ("to", &to),
                ("day", &format_day(first + busiest)),
                ("max", &events(u64::from(max))),
            ],
        )
    };
    let drawn = bars(&counts, WIDTH, HEIGHT);
    let width = drawn.last().map_or(WIDTH, |b| b.x + b.w.max(1)).max(1);
    let rects = drawn
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let tip = tf(
                "{day}: {events}",
                &[
                    ("day", &format_day(first + i as i64)),
                    ("events", &events(u64::from(counts[i]))),
                ],
            );
            let (x, w) = (b.x.to_string(), b.w.max(1).to_string());
            // A full-height strip behind each bar carries its tooltip, so quiet days have one.
            view! {
                <g class="day-chart__day">
                    <title>{tip}</title>
                    <rect class="day-chart__slot" x=x.clone() y="0" width=w.clone() height=HEIGHT.to_string()></rect>
                    <rect class="day-chart__bar" x=x y=b.y.to_string() width=w height=b.h.to_string()></rect>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="day-chart" data-testid="events-chart">
            <figcaption class="day-chart__caption">
                <span class="day-chart__title">{t("Events per day")}</span>
                <span class="day-chart__summary" data-testid="events-chart-summary">{description.clone()}</span>
            </figcaption>
            <svg class="day-chart__svg" role="img" aria-labelledby="events-chart-title events-chart-desc"
                viewBox=format!("0 0 {width} {HEIGHT}") preserveAspectRatio="none">
                <title id="events-chart-title">{t("Events per day")}</title>
                <desc id="events-chart-desc">{description}</desc>
                {rects}
            </svg>
            <div class="day-chart__axis" aria-hidden="true">
                <span>{from}</span>
                <span>{tf("busiest: {max}", &[("max", &thousands(u64::from(max)))])}</span>
                <span>{to}</span>
            </div>
        </figure>
    }
}
