//! The users table: columns, role and kind filters and a row per user. Pure.

use crate::base::i18n::t;
use crate::base::listing::{Cell, Column, Filter, Row, Tone};
use crate::resources::cells::{groups_cell, options, time_cell};
use crate::resources::names::Names;
use crate::resources::*;

pub const USER_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("role", "Role"),
    Column::new("status", "Status"),
    Column::new("kind", "Kind"),
    Column::new("last_login", "Last login"),
    Column::new("groups", "Auto-assigned groups"),
    Column::new("issued", "Issued by"),
];

/// The filters' labels stay plain keys: the table translates them when rendering. The option
/// values are the server's role identifiers (compared in code), never translated.
pub fn user_filters() -> Vec<Filter> {
    vec![
        Filter {
            key: "role",
            label: "Role",
            options: options(&[
                ("owner", t("Owner")),
                ("admin", t("Admin")),
                ("network_admin", t("Network admin")),
                ("auditor", t("Auditor")),
                ("user", t("User")),
                ("billing_admin", t("Billing admin")),
            ]),
        },
        Filter {
            key: "status",
            label: "Status",
            options: options(&[
                ("active", t("Active")),
                ("invited", t("Invited")),
                ("blocked", t("Blocked")),
                ("pending", t("Pending approval")),
            ]),
        },
        Filter {
            key: "kind",
            label: "Kind",
            options: options(&[("person", t("People")), ("service", t("Service users"))]),
        },
    ]
}

/// A role as the row shows it: the server's identifier, in the chosen language where the
/// console knows it (`network_admin` → "network admin").
pub fn role_label(role: &str) -> String {
    match role {
        "owner" => t("owner"),
        "admin" => t("admin"),
        "network_admin" => t("network admin"),
        "auditor" => t("auditor"),
        "user" => t("user"),
        "billing_admin" => t("billing admin"),
        _ => role.replace('_', " "),
    }
}

/// A status as the row shows it: the server's value, in the chosen language where the console
/// knows it.
fn status_label(status: &str) -> String {
    match status {
        "active" => t("active"),
        "invited" => t("invited"),
        "blocked" => t("blocked"),
        "pending" => t("pending approval"),
        other => other.to_string(),
    }
}

/// The status a user is filtered and shown by: pending approval first, then blocked (forced
/// by `is_blocked`; an unknown status counts as blocked, as on the server).
pub fn status_key(u: &User) -> &'static str {
    if u.pending_approval {
        "pending"
    } else if u.is_blocked {
        "blocked"
    } else {
        match u.status.as_str() {
            "active" => "active",
            "invited" => "invited",
            _ => "blocked",
        }
    }
}

pub fn user_row(u: &User, names: &Names, now: i64) -> Row {
    let status = status_key(u);
    let tone = match status {
        "active" => Tone::Good,
        "invited" | "pending" => Tone::Info,
        _ => Tone::Bad,
    };
    let sub = if u.name.is_empty() || u.email.is_empty() {
        String::new()
    } else {
        u.email.clone()
    };
    let cells = vec![
        Cell::text(u.display_name()).strong().with_sub(sub),
        Cell::text(role_label(&u.role)),
        Cell::text(status_label(status)).badge(tone),
        Cell::text(if u.is_service_user {
            t("Service user")
        } else {
            t("Person")
        })
        .muted(),
        time_cell(&u.last_login, now),
        groups_cell(names, &u.auto_groups),
        Cell::text(if u.issued.is_empty() {
            "api"
        } else {
            u.issued.as_str()
        })
        .muted(),
    ];
    Row::new(&u.id, cells, &[&u.email])
        .facet("role", u.role.to_ascii_lowercase())
        .facet("status", status)
        .facet(
            "kind",
            if u.is_service_user {
                "service"
            } else {
                "person"
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_400_000;

    #[test]
    fn user_rows() {
        let names = Names::default();
        let u = User {
            id: "u".into(),
            email: "a@b.c".into(),
            role: "network_admin".into(),
            status: "active".into(),
            is_service_user: true,
            ..User::default()
        };
        let row = user_row(&u, &names, NOW);
        assert_eq!(row.cells[0].text, "a@b.c");
        assert_eq!(row.cells[1].text, "network admin");
        assert_eq!(row.cells[2].text, "active");
        let pending = User {
            pending_approval: true,
            is_blocked: true,
            ..u.clone()
        };
        assert_eq!(status_key(&pending), "pending");
        let blocked = User {
            is_blocked: true,
            ..u.clone()
        };
        assert_eq!(status_key(&blocked), "blocked");
        let odd = User {
            status: "disabled".into(),
            ..u
        };
        assert_eq!(status_key(&odd), "blocked");
    }
}
