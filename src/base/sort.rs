//! One stable sort for the whole console. Each `slice::sort_by` with its own closure type
//! compiles its own copy of the standard library's sort (about 3 KB of wasm each, measured with
//! twiggy); this merge sort is compiled once and takes its comparison as a `dyn Fn`.

use std::cmp::Ordering;

/// Sorts `order` (indices) stably by `cmp`: equal elements keep their order.
pub fn sort_indices(order: &mut Vec<usize>, cmp: &dyn Fn(usize, usize) -> Ordering) {
    let n = order.len();
    let mut merged = order.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut a, mut b) = (start, mid);
            for slot in &mut merged[start..end] {
                let take_left =
                    a < mid && (b >= end || cmp(order[a], order[b]) != Ordering::Greater);
                if take_left {
                    *slot = order[a];
                    a += 1;
                } else {
                    *slot = order[b];
                    b += 1;
                }
            }
            start = end;
        }
        std::mem::swap(order, &mut merged);
        width *= 2;
    }
}

/// Sorts `items` stably by `cmp`.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        for n in 0..40usize {
            // Few distinct keys, so that stability shows.
            let items: Vec<(usize, usize)> = (0..n).map(|i| ((i * 7 + 3) % 5, i)).collect();
            let mut ours = items.clone();
            sort_by(&mut ours, &|a, b| a.0.cmp(&b.0));
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|a| a.0);
            assert_eq!(ours, std_sorted, "n = {n}");
            let mut desc = items;
            sort_by(&mut desc, &|a, b| b.0.cmp(&a.0));
            let mut std_desc = ours.clone();
            std_desc.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(
                desc.iter().map(|x| x.0).collect::<Vec<_>>(),
                std_desc.iter().map(|x| x.0).collect::<Vec<_>>()
            );
        }
    }
}
